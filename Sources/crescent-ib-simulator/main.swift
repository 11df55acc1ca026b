import Foundation
import IBGatewaySimulator
import SimulatorConsole

// A loopback TWS / IB Gateway for end-to-end tests (not the real TWS): listens on 127.0.0.1
// (a free port unless --port N), prints `port N` on the first line of stdout and serves until
// killed. --account A (default DU1234567) is the one account it manages; contracts QQQ (USD,
// NASDAQ, --price P, default 400) and VUSA (GBP, LSEETF, 80); cash 1,000,000 USD.
// Commands on stdin: `price SYMBOL P`, `prices SYMBOL P1 P2 ...` (the next market orders of
// SYMBOL fill at P1, P2, ...), `partial N`, `fill-delay MS`, `pace N` (messages per second
// before error 100), `fault reject` (next order, error 201), `fault disconnect` (close after
// accepting the next order), `fault delay MS orders` (each order's reports MS late; 0 ends
// it), `drop` (close every connection), `orders` (prints `orders ` and a JSON array).

SimulatorConsole.allowTermination()
let simulator = IBGatewaySimulator(
  account: SimulatorConsole.option("--account", "DU1234567"),
  contracts: [
    SimulatedContract(
      conId: 320_227_571, symbol: "QQQ", price: Double(SimulatorConsole.option("--price", "400")) ?? 400),
    SimulatedContract(
      conId: 128_826_420, symbol: "VUSA", currency: "GBP", exchange: "LSEETF", primaryExchange: "LSEETF", price: 80),
  ])
SimulatorConsole.announce("crescent-ib-simulator") {
  try simulator.start(port: Int(SimulatorConsole.option("--port", "0")) ?? 0)
}
SimulatorConsole.serve { words, line in
  func number(_ i: Int) -> Double? { i < words.count ? Double(words[i]) : nil }
  switch (words[0], words.count) {
  case ("price", 3...): number(2).map { simulator.setPrice(symbol: words[1], price: $0) }
  case ("prices", 3...): simulator.scriptPrices(symbol: words[1], words.dropFirst(2).compactMap(Double.init))
  case ("partial", _): simulator.setPartialFills(Int(number(1) ?? 1))
  case ("fill-delay", _): simulator.setFillDelay(milliseconds: Int(number(1) ?? 0))
  case ("pace", _): simulator.setMessagesPerSecond(Int(number(1) ?? 50))
  case ("fault", 2...) where words[1] == "reject": simulator.rejectNextOrder()
  case ("fault", 2...) where words[1] == "disconnect": simulator.disconnectAfterNextOrder()
  case ("fault", 4...) where words[1] == "delay" && words[3] == "orders":
    simulator.setReportDelay(milliseconds: Int(number(2) ?? 0))
  case ("drop", _): simulator.dropConnections()
  case ("orders", _): SimulatorConsole.answer("orders \(simulator.ordersJSON)")
  default: return false
  }
  return true
}
