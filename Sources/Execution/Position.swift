import Simulator

/// One open trade of the engine: the simulator's `OpenTrade` rules, in Codable form so the
/// state store can checkpoint it.
///
/// Levels are raw prices (NaN for none). `best`/`worst` are the excursion extremes: the full
/// range of each candle the trade survived, plus its fill prices (the simulator's MAE/MFE).
public struct Position: Sendable, Equatable, Codable {
  public var symbol: String
  public var side: Side
  public var tag: String
  /// Opened with a tag: another entry of the same tag and side is a duplicate.
  public var dedupe: Bool
  /// Index of the candle whose open (or close) filled the entry.
  public var entryBar: Int
  public var entryTime: Int64
  public var entryPrice: Double
  public var quantity: Double
  /// Entry commission not yet attributed to a closed part.
  public var entryCommission: Double
  public var stop: Double
  public var stopKind: ExitReason
  public var target: Double
  /// R: distance from the entry to the initial stop; NaN without a stop on the losing side.
  public var risk: Double
  public var initialQuantity: Double
  /// Index of the next pending partial exit (partials sorted by R).
  public var nextPartial: Int
  /// Quantity of partial `nextPartial` already exited by a partly filled order (nil: none).
  public var partialDone: Double?
  public var best: Double
  public var worst: Double
  /// Client id of the entry order.
  public var entryOrder: String

  public var direction: Double { side.direction }

  func hasLevels(partialCount: Int) -> Bool {
    !stop.isNaN || !target.isNaN || (!risk.isNaN && nextPartial < partialCount)
  }

  func partialQuantity(_ partial: PartialExit, wholeUnits: Bool) -> Double {
    let q = initialQuantity * partial.fraction
    return wholeUnits ? q.rounded(.down) : q
  }

  mutating func include(price: Double) {
    if side == .long {
      best = max(best, price)
      worst = min(worst, price)
    } else {
      best = min(best, price)
      worst = max(worst, price)
    }
  }

  mutating func include(high: Double, low: Double) {
    if side == .long {
      best = max(best, high)
      worst = min(worst, low)
    } else {
      best = min(best, low)
      worst = max(worst, high)
    }
  }
}

extension Side: Codable {}
extension ExitReason: Codable {}
