/// Where an order stands at a broker, in the exchange's life cycle.
public enum OrderStatus: String, Sendable, Codable, CaseIterable {
  /// Accepted, nothing executed yet.
  case new
  /// Part of the quantity executed; the rest is still working.
  case partiallyFilled
  /// The whole quantity executed.
  case filled
  /// Cancelled (by the trader or the exchange); part of it may have executed.
  case canceled
  /// Refused by the exchange; nothing executed.
  case rejected
  /// Expired under its time in force; part of it may have executed.
  case expired

  /// Whether the order can still execute.
  public var isWorking: Bool { self == .new || self == .partiallyFilled }
}

/// A broker's view of one order: its status and what has executed so far.
public struct OrderReport: Sendable, Equatable, Codable {
  public var clientId: String
  public var symbol: String
  public var side: OrderSide
  public var status: OrderStatus
  /// The quantity ordered.
  public var quantity: Double
  /// The quantity executed so far (0 ≤ executed ≤ quantity).
  public var executedQuantity: Double
  /// The volume-weighted price of the executions; NaN while nothing executed.
  public var averagePrice: Double
  /// The exchange's order id (0 when the broker has none).
  public var exchangeId: Int64
  /// Milliseconds since the epoch (UTC) of the latest change the broker reported.
  public var updateTime: Int64

  public init(
    clientId: String, symbol: String, side: OrderSide, status: OrderStatus, quantity: Double,
    executedQuantity: Double, averagePrice: Double, exchangeId: Int64 = 0, updateTime: Int64 = 0
  ) {
    self.clientId = clientId
    self.symbol = symbol
    self.side = side
    self.status = status
    self.quantity = quantity
    self.executedQuantity = executedQuantity
    self.averagePrice = averagePrice
    self.exchangeId = exchangeId
    self.updateTime = updateTime
  }
}

/// Holdings of one asset at a broker.
public struct AssetBalance: Sendable, Equatable, Codable {
  public var asset: String
  /// Available to trade.
  public var free: Double
  /// Held by working orders.
  public var locked: Double

  public init(asset: String, free: Double, locked: Double) {
    self.asset = asset
    self.free = free
    self.locked = locked
  }
}

/// A broker with an account that outlives the process (an exchange): orders can be looked up
/// by client id, cancelled and listed, and balances read. The engine's reconciliation on
/// start uses `order(clientId:symbol:)` for every order it journalled without a fill.
public protocol AccountBroker: Broker {
  /// The order with this client id, or nil when the broker never accepted one.
  func order(clientId: String, symbol: String) throws(BrokerError) -> OrderReport?
  /// Cancels a working order; returns its final report (what executed before the cancel stays).
  func cancel(clientId: String, symbol: String) throws(BrokerError) -> OrderReport
  /// Working orders, of one symbol or (nil) all.
  func openOrders(symbol: String?) throws(BrokerError) -> [OrderReport]
  /// Non-zero balances.
  func balances() throws(BrokerError) -> [AssetBalance]
}
