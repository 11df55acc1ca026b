import ExchangeSimulator
import Foundation
import SimulatorConsole

// A loopback Binance Spot simulator for end-to-end tests: listens on 127.0.0.1 (a free port
// unless --port N), prints `port N` on the first line of stdout, and serves until killed.
// Keys: --api-key K --secret S (defaults "test-key" / "test-secret"); symbols BTCUSDT at
// --price P (default 50000) and ETHUSDT at 3000; balances 1,000,000 USDT, 100 BTC, 1000 ETH.
// Type commands on stdin: `trade SYMBOL PRICE [QTY]`, `price SYMBOL PRICE`, `partial N`,
// `fault 429 SECONDS|418 SECONDS|delay MS|disconnect`, `drop` (close the streams),
// `fault delay MS orders` (every order placement answers MS late, placed first; 0 ends it),
// `prices SYMBOL P1 P2 ...` (the next placements of SYMBOL fill at P1, P2, ... in order),
// `kline SYMBOL INTERVAL OPEN_MS OPEN HIGH LOW CLOSE VOLUME` (publishes a closed candle),
// `orders` (prints `orders ` and a JSON array of every order placed, on one line),
// `drop user` (close only the user-data streams), `fill-delay MS` (marketable orders answer
// NEW and execute MS later, one `partial` piece per MS; 0 ends it), `requests` (prints
// `requests ` and a JSON object of REST request counts by "METHOD PATH", on one line).

let option = SimulatorConsole.option
SimulatorConsole.allowTermination()

let price = Double(option("--price", "50000")) ?? 50000
let simulator = ExchangeSimulator(
  apiKey: option("--api-key", "test-key"), secret: option("--secret", "test-secret"),
  symbols: [
    SimulatedSymbol(symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT", price: price),
    SimulatedSymbol(
      symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT", stepSize: 0.0001, minQuantity: 0.0001,
      price: 3000),
  ],
  balances: ["USDT": 1_000_000, "BTC": 100, "ETH": 1000])
SimulatorConsole.announce("crescent-exchange-simulator") {
  try simulator.start(port: Int(option("--port", "0")) ?? 0)
}
while let line = readLine() {
  let words = line.split(separator: " ").map(String.init)
  guard let command = words.first else { continue }
  func number(_ i: Int) -> Double? { i < words.count ? Double(words[i]) : nil }
  switch command {
  case "trade" where words.count >= 3:
    if let p = number(2) { simulator.pushTrade(symbol: words[1], price: p, quantity: number(3) ?? 1) }
  case "price" where words.count >= 3:
    if let p = number(2) { simulator.setPrice(symbol: words[1], price: p) }
  case "partial":
    simulator.setPartialFills(Int(number(1) ?? 1))
  case "fault" where words.count >= 2:
    switch words[1] {
    case "429": simulator.inject(.rateLimit(retryAfter: Int(number(2) ?? 1)))
    case "418": simulator.inject(.ban(retryAfter: Int(number(2) ?? 1)))
    case "delay" where words.count >= 4 && words[3] == "orders":
      simulator.setOrderDelay(milliseconds: Int64(number(2) ?? 0))
    case "delay": simulator.inject(.delay(milliseconds: Int64(number(2) ?? 100)))
    case "disconnect": simulator.inject(.disconnectAfterAccept)
    default: FileHandle.standardError.write(Data("unknown fault \(words[1])\n".utf8))
    }
  case "prices" where words.count >= 3:
    simulator.scriptPrices(symbol: words[1], words.dropFirst(2).compactMap(Double.init))
  case "kline" where words.count >= 9:
    let units: [Character: Int64] = [
      "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000,
    ]
    let interval = words[2]
    if let unit = interval.last.flatMap({ units[$0] }), let count = Int64(interval.dropLast()),
      let open = Int64(words[3]),
      let o = number(4), let h = number(5), let l = number(6), let c = number(7), let v = number(8)
    {
      simulator.pushKline(
        symbol: words[1], interval: interval, openTime: open, closeTime: open + count * unit - 1, open: o,
        high: h,
        low: l, close: c, volume: v)
    } else {
      FileHandle.standardError.write(Data("bad kline: \(line)\n".utf8))
    }
  case "orders":
    FileHandle.standardOutput.write(Data("orders \(simulator.ordersJSON)\n".utf8))
  case "drop" where words.count >= 2 && words[1] == "user":
    simulator.dropUserStreams()
  case "drop":
    simulator.dropStreams()
  case "fill-delay" where words.count >= 2:
    simulator.setFillDelay(milliseconds: Int64(number(1) ?? 0))
  case "requests":
    FileHandle.standardOutput.write(Data("requests \(simulator.requestCountsJSON)\n".utf8))
  default:
    FileHandle.standardError.write(Data("unknown command: \(line)\n".utf8))
  }
}
// stdin closed: keep serving until killed.
while true { sleep(3600) }
