import Execution
import Foundation

/// One `executionReport` event of the user-data stream: an order's change (new, trade,
/// cancel, reject, expiry) and, for a trade, the part that executed.
public struct ExecutionReport: Sendable, Equatable {
  /// The client id the order was placed with (`C` on cancels, else `c`).
  public var clientId: String
  public var symbol: String
  public var side: OrderSide
  /// `x`: NEW, TRADE, CANCELED, REJECTED, EXPIRED, ...
  public var executionType: String
  /// `X`: the order's status after this event.
  public var status: OrderStatus
  /// `q`: the quantity ordered.
  public var quantity: Double
  /// `l`, `L`: quantity and price of this execution (0 unless a TRADE).
  public var lastQuantity: Double
  public var lastPrice: Double
  /// `z`, `Z`: executed quantity and quote amount so far.
  public var cumulativeQuantity: Double
  public var cumulativeQuote: Double
  /// `n`, `N`: commission of this execution and its asset (nil when none).
  public var commission: Double
  public var commissionAsset: String?
  /// `t`: trade id (-1 unless a TRADE); `i`: order id; `T`: transaction time (ms, UTC).
  public var tradeId: Int64
  public var orderId: Int64
  public var time: Int64

  /// The order's state after this event.
  public var report: OrderReport {
    OrderReport(
      clientId: clientId, symbol: symbol, side: side, status: status, quantity: quantity,
      executedQuantity: cumulativeQuantity,
      averagePrice: cumulativeQuantity > 0 ? cumulativeQuote / cumulativeQuantity : .nan, exchangeId: orderId,
      updateTime: time)
  }

  /// Parses the event object (`"e": "executionReport"`); nil for other events.
  static func parse(_ event: [String: Any]) throws(BinanceError) -> ExecutionReport? {
    guard event["e"] as? String == "executionReport" else { return nil }
    func text(_ key: String) throws(BinanceError) -> String {
      guard let value = event[key] as? String else { throw .malformed("executionReport: '\(key)' missing") }
      return value
    }
    func decimal(_ key: String) throws(BinanceError) -> Double {
      try number(try text(key), "executionReport.\(key)")
    }
    func integer(_ key: String) throws(BinanceError) -> Int64 {
      guard let value = event[key] as? NSNumber else { throw .malformed("executionReport: '\(key)' missing") }
      return value.int64Value
    }
    guard let side = OrderSide(binance: try text("S")) else { throw .malformed("executionReport: bad side") }
    guard let status = OrderStatus(binance: try text("X")) else {
      throw .malformed("executionReport: unknown status \(try text("X"))")
    }
    let original = (event["C"] as? String) ?? ""
    let commission = (event["N"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    return ExecutionReport(
      clientId: original.isEmpty ? try text("c") : original, symbol: try text("s"), side: side,
      executionType: try text("x"), status: status, quantity: try decimal("q"),
      lastQuantity: try decimal("l"),
      lastPrice: try decimal("L"), cumulativeQuantity: try decimal("z"), cumulativeQuote: try decimal("Z"),
      commission: try decimal("n"), commissionAsset: commission, tradeId: try integer("t"),
      orderId: try integer("i"), time: try integer("T"))
  }
}
