import Foundation
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

let simulator = Trading212Simulator(
  key: option("--api-key", "test-key"), secret: option("--secret", "test-secret"),
  instruments: [
    SimulatedInstrument(ticker: "QQQ_US_EQ", currency: "USD", price: Double(option("--price", "400")) ?? 400),
    SimulatedInstrument(ticker: "VUSAl_EQ", currency: "GBX", price: 7500),
  ], rateScale: Double(option("--rate-scale", "1")) ?? 1)
do {
  let port = try simulator.start(port: Int(option("--port", "0")) ?? 0)
  FileHandle.standardOutput.write(Data("port \(port)\n".utf8))
} catch {
  FileHandle.standardError.write(Data("crescent-trading212-simulator: cannot listen: \(error)\n".utf8))
  exit(1)
}
while let line = readLine() {
  let words = line.split(separator: " ").map(String.init)
  guard let command = words.first else { continue }
  func number(_ i: Int) -> Double? { i < words.count ? Double(words[i]) : nil }
  switch command {
  case "price" where words.count >= 3:
    if let p = number(2) { simulator.setPrice(ticker: words[1], price: p) }
  case "prices" where words.count >= 3:
    simulator.scriptPrices(ticker: words[1], words.dropFirst(2).compactMap(Double.init))
  case "partial": simulator.setPartialFills(Int(number(1) ?? 1))
  case "fill-delay": simulator.setFillDelay(milliseconds: Int(number(1) ?? 0))
  case "fault" where words.count >= 2:
    switch words[1] {
    case "reject": simulator.rejectNextOrder()
    case "drop": simulator.dropAfterNextOrder()
    case "delay" where words.count >= 4 && words[3] == "orders":
      simulator.setPlacementDelay(milliseconds: Int(number(2) ?? 0))
    default: FileHandle.standardError.write(Data("unknown fault \(words[1])\n".utf8))
    }
  case "orders": FileHandle.standardOutput.write(Data("orders \(simulator.ordersJSON)\n".utf8))
  default: FileHandle.standardError.write(Data("unknown command: \(line)\n".utf8))
  }
}
while true { sleep(3600) }
