import BrokerSupport
import WebTransport
import Execution
import Foundation
import IBGatewaySimulator
@testable import InteractiveBrokers

/// An in-process simulated TWS and a broker connected to it.
struct IBFixture {
  let simulator: IBGatewaySimulator
  let port: Int

  init(price: Double = 400) throws {
    simulator = IBGatewaySimulator(
      contracts: [
        SimulatedContract(conId: 320_227_571, symbol: "QQQ", price: price),
        SimulatedContract(conId: 128_826_420, symbol: "VUSA", currency: "GBP", exchange: "LSEETF", primaryExchange: "LSEETF", price: 80),
      ])
    port = try simulator.start()
  }

  func options(clientId: Int = 17, fillTimeout: Int64 = 2_000, messagesPerSecond: Int = 45) -> IBBrokerOptions {
    IBBrokerOptions(
      host: "127.0.0.1", port: port, clientId: clientId,
      contracts: ["VUSA": IBContract(symbol: "VUSA", exchange: "LSEETF", currency: "GBP")], fillTimeout: fillTimeout,
      timeout: 3_000, messagesPerSecond: messagesPerSecond, backoff: Backoff(unchecked: 20, 200), reconnectAttempts: 5)
  }

  func broker(clientId: Int = 17, journal: String? = nil, fillTimeout: Int64 = 2_000) throws -> IBBroker {
    try IBBroker(options: options(clientId: clientId, fillTimeout: fillTimeout), symbols: ["QQQ", "VUSA"], journal: journal)
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
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crescent-ib-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  return dir.appendingPathComponent(name).path
}
