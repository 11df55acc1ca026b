import BrokerSupport
import Execution
import Foundation
import Trading212Simulator
import WebTransport

@testable import Trading212

let key = "T212FAKEKEYa1b2c3"
let secret = "T212FAKESECRETz9y8x7"

/// An in-process simulated Trading212 (rate-limit periods divided by 100) and brokers on it.
struct T212Fixture {
  let simulator: Trading212Simulator
  let url: URL

  init(rateScale: Double = 100) throws {
    simulator = Trading212Simulator(
      key: key, secret: secret,
      instruments: [
        SimulatedInstrument(ticker: "QQQ_US_EQ", currency: "USD", price: 400),
        SimulatedInstrument(ticker: "VUSAl_EQ", currency: "GBX", price: 7500, maxOpenQuantity: 1000),
      ], rateScale: rateScale)
    let port = try simulator.start()
    url = URL(string: "http://127.0.0.1:\(port)")!
  }

  func rest(secret s: String = secret) throws -> T212REST { try T212REST(base: url, key: key, secret: s, timeoutMilliseconds: 3_000) }

  func broker(journal: String? = nil, fillTimeout: Int64 = 2_000) throws -> Trading212Broker {
    try Trading212Broker(
      rest: rest(), symbols: ["QQQ", "VUSA"],
      options: Trading212BrokerOptions(
        tickers: ["QQQ": "QQQ_US_EQ", "VUSA": "VUSAl_EQ"], fillTimeout: fillTimeout, pollInterval: 20, timeout: 3_000,
        backoff: Backoff(unchecked: 20, 200), clockSkew: 2_000),
      journal: journal)
  }

  var orders: [[String: Any]] {
    (try? JSONSerialization.jsonObject(with: Data(simulator.ordersJSON.utf8))) as? [[String: Any]] ?? []
  }
}

func order(
  _ id: String, _ side: OrderSide = .buy, quantity: Double = 10, kind: OrderKind = .market, price: Double = 400,
  symbol: String = "QQQ"
) -> Order {
  Order(
    clientId: id, symbol: symbol, side: side, kind: kind, quantity: quantity, price: price, slippageBasis: price,
    atr: .nan, time: 1_700_000_000_000_000_000, purpose: "entry")
}

func scratchFile(_ name: String) -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crescent-t212-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir.appendingPathComponent(name).path
}
