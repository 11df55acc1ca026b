import Foundation

/// A symbol the simulated exchange lists, with its filters and market price.
public struct SimulatedSymbol: Sendable {
  public var symbol: String
  public var baseAsset: String
  public var quoteAsset: String
  public var tickSize: Double
  public var stepSize: Double
  public var minQuantity: Double
  public var maxQuantity: Double
  public var minNotional: Double
  /// The price market orders fill at (moved by every pushed trade).
  public var price: Double

  public init(
    symbol: String, baseAsset: String, quoteAsset: String, tickSize: Double = 0.01,
    stepSize: Double = 0.00001,
    minQuantity: Double = 0.00001, maxQuantity: Double = 9000, minNotional: Double = 5, price: Double
  ) {
    self.symbol = symbol
    self.baseAsset = baseAsset
    self.quoteAsset = quoteAsset
    self.tickSize = tickSize
    self.stepSize = stepSize
    self.minQuantity = minQuantity
    self.maxQuantity = maxQuantity
    self.minNotional = minNotional
    self.price = price
  }
}

/// A misbehaviour the simulator performs once, on the next matching request.
public enum SimulatorFault: Sendable, Equatable {
  /// Answer the next REST request with 429 and this Retry-After (seconds); requests that come
  /// before it elapses get 429 again and are counted in `earlyRequests`.
  case rateLimit(retryAfter: Int)
  /// Answer the next REST request with 418 (banned) and this Retry-After (seconds).
  case ban(retryAfter: Int)
  /// Hold the next REST response for this many milliseconds.
  case delay(milliseconds: Int64)
  /// Accept the next new order, then close the connection without answering.
  case disconnectAfterAccept
}

/// One REST request as the simulator saw it (no parameters: they hold signatures).
public struct RecordedRequest: Sendable, Equatable {
  public var time: Int64
  public var method: String
  public var path: String
  public var status: Int
}

/// One execution of an order.
struct SimulatedExecution {
  var tradeId: Int64
  var price: Double
  var quantity: Double
  var commission: Double
  var time: Int64
}

/// An order in the simulated book.
struct SimulatedOrder {
  var orderId: Int64
  var clientId: String
  var symbol: String
  var side: String
  var type: String
  /// Limit price (0 for market).
  var price: Double
  var quantity: Double
  var status: String
  var time: Int64
  var updateTime: Int64
  var executions: [SimulatedExecution] = []

  var executed: Double { executions.reduce(0) { $0 + $1.quantity } }
  var quote: Double { executions.reduce(0) { $0 + $1.quantity * $1.price } }
  var working: Bool { status == "NEW" || status == "PARTIALLY_FILLED" }
}

/// Binance's decimal strings: 8 decimals.
func decimal(_ value: Double) -> String { String(format: "%.8f", value) }

func json(_ object: Any) -> String {
  guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
    return "{}"
  }
  return String(decoding: data, as: UTF8.self)
}
