import Execution
import Foundation

/// One `outboundAccountPosition` event of the user-data stream: the balances of the assets an
/// account change touched (free and locked after the change, absolute amounts, not deltas).
public struct AccountPosition: Sendable, Equatable {
  /// `u`: time of the account change (ms since the epoch, UTC).
  public var time: Int64
  /// `B`: each touched asset's balance after the change.
  public var balances: [AssetBalance]

  /// Parses the event object (`"e": "outboundAccountPosition"`); nil for other events.
  static func parse(_ event: [String: Any]) throws(BinanceError) -> AccountPosition? {
    guard event["e"] as? String == "outboundAccountPosition" else { return nil }
    guard let rows = event["B"] as? [[String: Any]] else {
      throw .malformed("outboundAccountPosition: 'B' must be an array of balances")
    }
    var balances: [AssetBalance] = []
    for row in rows {
      guard let asset = row["a"] as? String, let free = row["f"] as? String, let locked = row["l"] as? String
      else { throw .malformed("outboundAccountPosition: a balance without 'a', 'f' and 'l'") }
      balances.append(
        AssetBalance(
          asset: asset, free: try number(free, "outboundAccountPosition.f"),
          locked: try number(locked, "outboundAccountPosition.l")))
    }
    return AccountPosition(time: (event["u"] as? NSNumber)?.int64Value ?? 0, balances: balances)
  }
}
