import Simulator

/// Buy or sell, as an order goes to a broker.
public enum OrderSide: String, Sendable, Codable {
  case buy, sell
}

/// How an order fills: at market (the reference price, moved by slippage), as a limit at its
/// price (no slippage), or as a stop at market once triggered (slippage on the stop level).
public enum OrderKind: String, Sendable, Codable {
  case market, limit, stop
}

/// An order the engine sends to a broker. `clientId` is unique per run and makes submission
/// idempotent: submitting the same id twice returns the first fill.
public struct Order: Sendable, Equatable, Codable {
  public var clientId: String
  public var symbol: String
  public var side: OrderSide
  public var kind: OrderKind
  public var quantity: Double
  /// The price the fill model starts from: the tick (market, gapped stop) or the level.
  public var price: Double
  /// The price slippage is proportional to (the stop level for stops, else `price`).
  public var slippageBasis: Double
  /// ATR of the latest closed candle for ATR slippage (NaN when undefined).
  public var atr: Double
  /// Nanoseconds since the epoch (UTC) of submission, from the engine's clock.
  public var time: Int64
  /// Why: an entry, or the exit reason's raw value.
  public var purpose: String

  public init(
    clientId: String, symbol: String, side: OrderSide, kind: OrderKind, quantity: Double, price: Double,
    slippageBasis: Double, atr: Double, time: Int64, purpose: String
  ) {
    self.clientId = clientId
    self.symbol = symbol
    self.side = side
    self.kind = kind
    self.quantity = quantity
    self.price = price
    self.slippageBasis = slippageBasis
    self.atr = atr
    self.time = time
    self.purpose = purpose
  }
}

/// An execution reported by a broker.
public struct Fill: Sendable, Equatable, Codable {
  public var clientId: String
  public var symbol: String
  public var side: OrderSide
  public var quantity: Double
  public var price: Double
  public var commission: Double
  public var time: Int64

  public init(
    clientId: String, symbol: String, side: OrderSide, quantity: Double, price: Double, commission: Double,
    time: Int64
  ) {
    self.clientId = clientId
    self.symbol = symbol
    self.side = side
    self.quantity = quantity
    self.price = price
    self.commission = commission
    self.time = time
  }
}

/// Why a broker refused an order.
public struct BrokerError: Error, Equatable, Sendable, CustomStringConvertible {
  public var clientId: String
  public var message: String

  public init(clientId: String, message: String) {
    self.clientId = clientId
    self.message = message
  }

  public var description: String { "order \(clientId): \(message)" }
}

/// Where orders go: the paper broker here, an exchange adapter for live trading.
public protocol Broker {
  /// The price a market order of `side` would fill at now, from `reference` (used to size
  /// entries before submission).
  func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double
  /// The commission of a fill (for sizing and reports).
  func commission(quantity: Double, price: Double) -> Double
  /// Submits an order; returns its fill. Idempotent per `clientId`. The fill's quantity is
  /// what executed, which can be less than ordered (a limit cancelled at the fill timeout
  /// after part of it traded).
  mutating func submit(_ order: Order) throws(BrokerError) -> Fill
  /// After a restart: what became of `order` (sent, or perhaps sent, by a process that died
  /// before committing its outcome), settled. Must not send the order.
  func lookup(_ order: Order) throws(BrokerError) -> OrderLookup
  /// The symbol's quantity grid, nil when the broker has none (the paper broker).
  func lotRules(symbol: String) -> LotRules?
}

extension Broker {
  public func lotRules(symbol: String) -> LotRules? { nil }
}

/// Fills every order immediately with the simulator's fill model: market orders and stops
/// move against the trader by the configured slippage (computed on `slippageBasis`, ATR
/// slippage from the order's `atr`, none while it is NaN), limits fill at their price, and
/// each fill pays `Commission.amount`. Remembers fills by client id (idempotent submission).
public struct PaperBroker: Broker, Sendable {
  public let costs: Costs
  /// Fills by client id, for idempotent resubmission.
  public private(set) var fills: [String: Fill] = [:]

  public init(costs: Costs, fills: [Fill] = []) {
    self.costs = costs
    for fill in fills { self.fills[fill.clientId] = fill }
  }

  public func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double {
    let d: Double = side == .buy ? 1 : -1
    return reference + d * slippage(basis: reference, atr: atr)
  }

  public func commission(quantity: Double, price: Double) -> Double {
    costs.commission.amount(quantity: quantity, price: price)
  }

  /// The slippage distance (≥ 0) of a market fill near `basis`.
  public func slippage(basis: Double, atr: Double) -> Double {
    switch costs.slippage {
    case .none: return 0
    case let .bps(bps): return basis * bps / 10_000
    case let .ticks(count, size): return count * size
    case let .atr(fraction, _): return atr.isNaN ? 0 : fraction * atr
    }
  }

  public mutating func submit(_ order: Order) throws(BrokerError) -> Fill {
    if let done = fills[order.clientId] { return done }
    guard order.quantity.isFinite, order.quantity > 0 else {
      throw BrokerError(
        clientId: order.clientId, message: "quantity must be a positive number, got \(order.quantity)")
    }
    guard order.price.isFinite, order.price > 0 else {
      throw BrokerError(
        clientId: order.clientId, message: "price must be a positive number, got \(order.price)")
    }
    let d: Double = order.side == .buy ? 1 : -1
    let price: Double
    switch order.kind {
    case .market, .stop: price = order.price + d * slippage(basis: order.slippageBasis, atr: order.atr)
    case .limit: price = order.price
    }
    let fill = Fill(
      clientId: order.clientId, symbol: order.symbol, side: order.side, quantity: order.quantity,
      price: price,
      commission: commission(quantity: order.quantity, price: price), time: order.time)
    fills[order.clientId] = fill
    return fill
  }
}
