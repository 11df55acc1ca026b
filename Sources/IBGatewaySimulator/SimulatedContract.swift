import Foundation

/// A contract the simulated TWS knows: symbol, currency, exchange and the size and price grid.
public struct SimulatedContract: Sendable {
  public var conId: Int64
  public var symbol: String
  public var currency: String
  public var exchange: String
  public var primaryExchange: String
  public var minTick: Double
  public var minSize: Double
  public var sizeIncrement: Double
  /// The price market orders fill at (changed by `setPrice` and scripted prices).
  public var price: Double

  public init(
    conId: Int64, symbol: String, currency: String = "USD", exchange: String = "SMART",
    primaryExchange: String = "NASDAQ", minTick: Double = 0.01, minSize: Double = 1, sizeIncrement: Double = 1,
    price: Double
  ) {
    self.conId = conId
    self.symbol = symbol
    self.currency = currency
    self.exchange = exchange
    self.primaryExchange = primaryExchange
    self.minTick = minTick
    self.minSize = minSize
    self.sizeIncrement = sizeIncrement
    self.price = price
  }
}

/// One execution of a simulated order.
struct SimulatedExecution {
  var execId: String
  var shares: Double
  var price: Double
  var commission: Double
  var time: Date
}

/// An order in the simulated TWS.
struct SimulatedOrder {
  var orderId: Int64
  var clientId: Int
  var permId: Int64
  var contract: SimulatedContract
  var action: String
  var quantity: Double
  var orderType: String
  var limitPrice: Double
  var account: String
  var orderRef: String
  var status: String
  var executions: [SimulatedExecution] = []

  var filled: Double { executions.reduce(0) { $0 + $1.shares } }
  var averagePrice: Double { filled > 0 ? executions.reduce(0) { $0 + $1.shares * $1.price } / filled : 0 }
  var working: Bool { status == "Submitted" || status == "PreSubmitted" }
}

/// IB's tiered US stock commission: 0.0035 a share, at least 0.35, at most 1 % of the value
/// (exchange, clearing and regulatory fees left out).
public func tieredCommission(shares: Double, price: Double) -> Double {
  min(max(0.0035 * abs(shares), 0.35), 0.01 * abs(shares) * price)
}

func field(_ v: Double) -> String {
  var text = String(format: "%.8f", v)
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text
}

func json(_ object: Any) -> String {
  guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "[]" }
  return String(decoding: data, as: UTF8.self)
}
