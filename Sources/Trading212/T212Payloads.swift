import Foundation

/// An instrument from /equity/metadata/instruments.
public struct T212Instrument: Sendable, Equatable {
  public var ticker: String
  /// ISO 4217, or `GBX` for London instruments quoted in pence.
  public var currency: String
  public var type: String
  public var name: String
  public var maxOpenQuantity: Double

  init?(_ o: [String: Any]) {
    guard let ticker = o["ticker"] as? String, let currency = o["currencyCode"] as? String else { return nil }
    self.ticker = ticker
    self.currency = currency
    type = o["type"] as? String ?? ""
    name = o["name"] as? String ?? ""
    maxOpenQuantity = T212REST.number(o["maxOpenQuantity"]) ?? 0
  }
}

/// An order as /equity/orders answers it (quantity signed: negative sells).
struct T212Order: Sendable, Equatable {
  var id: Int64
  var ticker: String
  var type: String
  /// LOCAL, UNCONFIRMED, CONFIRMED, NEW, CANCELLING, CANCELLED, PARTIALLY_FILLED, FILLED,
  /// REJECTED, REPLACING, REPLACED.
  var status: String
  var quantity: Double
  var filledQuantity: Double
  var side: String
  /// Milliseconds since the epoch (0 when absent).
  var createdAt: Int64

  init?(_ o: [String: Any]) {
    guard let id = (o["id"] as? NSNumber)?.int64Value else { return nil }
    self.id = id
    ticker = o["ticker"] as? String ?? ((o["instrument"] as? [String: Any])?["ticker"] as? String ?? "")
    type = o["type"] as? String ?? ""
    status = o["status"] as? String ?? ""
    quantity = T212REST.number(o["quantity"]) ?? 0
    filledQuantity = T212REST.number(o["filledQuantity"]) ?? 0
    side = o["side"] as? String ?? (quantity < 0 ? "SELL" : "BUY")
    createdAt = (o["createdAt"] as? String ?? o["creationTime"] as? String).flatMap(Self.milliseconds) ?? 0
  }

  var isPending: Bool { !["CANCELLED", "FILLED", "REJECTED", "REPLACED"].contains(status) }

  static func milliseconds(_ text: String) -> Int64? {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let d = f.date(from: text) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
  }
}

/// One item of /equity/history/orders: the order and (when it executed) its fill, price in
/// the instrument's currency.
struct T212HistoryItem: Sendable, Equatable {
  var order: T212Order
  var fillQuantity: Double
  var fillPrice: Double
  /// Milliseconds since the epoch of the fill (0 when none).
  var filledAt: Int64

  init?(_ o: [String: Any]) {
    guard let order = (o["order"] as? [String: Any]).flatMap(T212Order.init) else { return nil }
    self.order = order
    let fill = o["fill"] as? [String: Any] ?? [:]
    fillQuantity = abs(T212REST.number(fill["quantity"]) ?? 0)
    fillPrice = T212REST.number(fill["price"]) ?? .nan
    filledAt = (fill["filledAt"] as? String).flatMap(T212Order.milliseconds) ?? 0
  }
}
