/// A trade while it is open: its levels, remaining quantity and excursions. Plain data (no
/// references), so the bar loop copies it without reference counting.
struct OpenTrade {
  var symbol: Int
  var side: Side
  /// Index of the tag in `Engine.tags`.
  var tag: Int
  /// Opened with a tag: another entry of the same tag and side is a duplicate.
  var dedupe: Bool
  var entryBar: Int
  var entryTime: Int64
  var entryPrice: Double
  var quantity: Double
  /// Entry commission not yet attributed to a closed part.
  var entryCommission: Double
  /// Stop price, NaN for none.
  var stop: Double
  /// What a stop exit is called: `stop`, `break_even` or `trail`.
  var stopKind: ExitReason
  /// Target price, NaN for none.
  var target: Double
  /// R: distance from the entry to the initial stop, NaN without a valid stop.
  var risk: Double
  /// Quantity at entry: partial exits close fractions of it.
  var initialQuantity: Double
  /// Index of the next pending partial exit (partials sorted by R).
  var nextPartial: Int
  /// Best and worst prices reached (raw prices, not direction-normalised).
  var best: Double
  var worst: Double

  var direction: Double { side.direction }

  /// Whether a bar's range can fill something: a stop, a target or a pending partial.
  func hasLevels(partialCount: Int) -> Bool {
    !stop.isNaN || !target.isNaN || (!risk.isNaN && nextPartial < partialCount)
  }

  /// Quantity of partial exit `partial` (floored in whole-unit sizing).
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

  /// Percent moves of the worst and best prices from the entry, in the trade's favour.
  var excursions: (mae: Double, mfe: Double) {
    let d = direction
    return (d * (worst - entryPrice) / entryPrice * 100, d * (best - entryPrice) / entryPrice * 100)
  }
}

/// One fill of a level during a bar.
struct LevelFill {
  var price: Double
  var quantity: Double
  var reason: ExitReason
}
