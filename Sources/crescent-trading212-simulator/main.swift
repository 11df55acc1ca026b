import Foundation
import SimulatorConsole
import Trading212Simulator

// A loopback Trading212 for end-to-end tests (not the real service): listens on 127.0.0.1
// (a free port unless --port N), prints `port N` on the first line of stdout and serves until
// killed. --api-key K --secret S (defaults test-key / test-secret); account currency GBP;
// instruments QQQ_US_EQ (USD, --price P, default 400) and VUSAl_EQ (GBX, 7500 pence);
// --rate-scale N divides every documented rate-limit period by N (default 1).
// Commands on stdin: `price TICKER P`, `prices TICKER P1 P2 ...`, `partial N`,
// `fill-delay MS`, `fault reject`, `fault drop` (carry out the next order, answer nothing),
// `fault delay MS orders` (answer each placement MS late; 0 ends it), `orders` (prints
// `orders ` and a JSON array).

SimulatorConsole.allowTermination()
let simulator = Trading212Simulator(
  key: SimulatorConsole.option("--api-key", "test-key"), secret: SimulatorConsole.option("--secret", "test-secret"),
  instruments: [
    SimulatedInstrument(
      ticker: "QQQ_US_EQ", currency: "USD", price: Double(SimulatorConsole.option("--price", "400")) ?? 400),
    SimulatedInstrument(ticker: "VUSAl_EQ", currency: "GBX", price: 7500),
  ], rateScale: Double(SimulatorConsole.option("--rate-scale", "1")) ?? 1)
SimulatorConsole.announce("crescent-trading212-simulator") {
  try simulator.start(port: Int(SimulatorConsole.option("--port", "0")) ?? 0)
}
SimulatorConsole.serve { words, line in
  func number(_ i: Int) -> Double? { i < words.count ? Double(words[i]) : nil }
  switch (words[0], words.count) {
  case ("price", 3...): number(2).map { simulator.setPrice(ticker: words[1], price: $0) }
  case ("prices", 3...): simulator.scriptPrices(ticker: words[1], words.dropFirst(2).compactMap(Double.init))
  case ("partial", _): simulator.setPartialFills(Int(number(1) ?? 1))
  case ("fill-delay", _): simulator.setFillDelay(milliseconds: Int(number(1) ?? 0))
  case ("fault", 2...) where words[1] == "reject": simulator.rejectNextOrder()
  case ("fault", 2...) where words[1] == "drop": simulator.dropAfterNextOrder()
  case ("fault", 4...) where words[1] == "delay" && words[3] == "orders":
    simulator.setPlacementDelay(milliseconds: Int(number(2) ?? 0))
  case ("orders", _): SimulatorConsole.answer("orders \(simulator.ordersJSON)")
  default: return false
  }
  return true
}
