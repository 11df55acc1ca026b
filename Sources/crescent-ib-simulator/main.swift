import Foundation
import IBGatewaySimulator

// A loopback TWS / IB Gateway for end-to-end tests (not the real TWS): listens on 127.0.0.1
// (a free port unless --port N), prints `port N` on the first line of stdout and serves until
// killed. --account A (default DU1234567) is the one account it manages; contracts QQQ (USD,
// NASDAQ, --price P, default 400) and VUSA (GBP, LSEETF, 80); cash 1,000,000 USD.
// Commands on stdin: `price SYMBOL P`, `prices SYMBOL P1 P2 ...` (the next market orders of
// SYMBOL fill at P1, P2, ...), `partial N`, `fill-delay MS`, `pace N` (messages per second
// before error 100), `fault reject` (next order, error 201), `fault disconnect` (close after
// accepting the next order), `fault delay MS orders` (each order's reports MS late; 0 ends
// it), `drop` (close every connection), `orders` (prints `orders ` and a JSON array).

func option(_ name: String, _ fallback: String) -> String {
  let args = CommandLine.arguments
  if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
  return fallback
}

var signals = sigset_t()
sigemptyset(&signals)
sigaddset(&signals, SIGTERM)
sigaddset(&signals, SIGINT)
pthread_sigmask(SIG_UNBLOCK, &signals, nil)
signal(SIGPIPE, SIG_IGN)

let simulator = IBGatewaySimulator(
  account: option("--account", "DU1234567"),
  contracts: [
    SimulatedContract(conId: 320_227_571, symbol: "QQQ", price: Double(option("--price", "400")) ?? 400),
    SimulatedContract(
      conId: 128_826_420, symbol: "VUSA", currency: "GBP", exchange: "LSEETF", primaryExchange: "LSEETF", price: 80),
  ])
do {
  let port = try simulator.start(port: Int(option("--port", "0")) ?? 0)
  FileHandle.standardOutput.write(Data("port \(port)\n".utf8))
} catch {
  FileHandle.standardError.write(Data("crescent-ib-simulator: cannot listen: \(error)\n".utf8))
  exit(1)
}
while let line = readLine() {
  let words = line.split(separator: " ").map(String.init)
  guard let command = words.first else { continue }
  func number(_ i: Int) -> Double? { i < words.count ? Double(words[i]) : nil }
  switch command {
  case "price" where words.count >= 3:
    if let p = number(2) { simulator.setPrice(symbol: words[1], price: p) }
  case "prices" where words.count >= 3:
    simulator.scriptPrices(symbol: words[1], words.dropFirst(2).compactMap(Double.init))
  case "partial": simulator.setPartialFills(Int(number(1) ?? 1))
  case "fill-delay": simulator.setFillDelay(milliseconds: Int(number(1) ?? 0))
  case "pace": simulator.setMessagesPerSecond(Int(number(1) ?? 50))
  case "fault" where words.count >= 2:
    switch words[1] {
    case "reject": simulator.rejectNextOrder()
    case "disconnect": simulator.disconnectAfterNextOrder()
    case "delay" where words.count >= 4 && words[3] == "orders": simulator.setReportDelay(milliseconds: Int(number(2) ?? 0))
    default: FileHandle.standardError.write(Data("unknown fault \(words[1])\n".utf8))
    }
  case "drop": simulator.dropConnections()
  case "orders": FileHandle.standardOutput.write(Data("orders \(simulator.ordersJSON)\n".utf8))
  default: FileHandle.standardError.write(Data("unknown command: \(line)\n".utf8))
  }
}
while true { sleep(3600) }
