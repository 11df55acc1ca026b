import Foundation

/// An instrument the simulated Trading212 lists.
public struct SimulatedInstrument: Sendable {
  public var ticker: String
  /// ISO 4217 or GBX (pence).
  public var currency: String
  public var type: String
  public var price: Double
  public var maxOpenQuantity: Double

  public init(ticker: String, currency: String, type: String = "ETF", price: Double, maxOpenQuantity: Double = 10_000) {
    self.ticker = ticker
    self.currency = currency
    self.type = type
    self.price = price
    self.maxOpenQuantity = maxOpenQuantity
  }
}

/// A documented endpoint limit (requests per period), scaled by the simulator's `rateScale`.
struct Limit {
  var requests: Int
  var period: Double
  var sent: [Double] = []
  var resetAt: Double = 0
}

struct SimulatedFill {
  var id: Int64
  var quantity: Double
  var price: Double
  var time: Date
}

struct T212SimOrder {
  var id: Int64
  var ticker: String
  var type: String
  var quantity: Double  // signed
  var limitPrice: Double
  var status: String
  var created: Date
  var fills: [SimulatedFill] = []
  var filled: Double { fills.reduce(0) { $0 + $1.quantity } }
  var pending: Bool { status == "NEW" || status == "PARTIALLY_FILLED" || status == "CONFIRMED" }
}

/// One answer: status, headers, body, and whether to drop the connection instead.
struct SimResponse {
  var status: Int
  var body: String
  var headers: [(String, String)] = []
  var drop = false
  var delay: Double = 0
}

func iso(_ d: Date) -> String {
  let f = ISO8601DateFormatter()
  f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
  return f.string(from: d)
}

func jsonText(_ object: Any) -> String {
  guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
  return String(decoding: data, as: UTF8.self)
}
