/// A trade while it is open: its levels, remaining quantity and excursions.
struct OpenTrade {
  var symbol: Int
  var side: Side
  var tag: String
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
  /// Quantities of the configured partial exits (sorted by R), and the next one pending.
  var partialQuantities: [Double]
  var nextPartial: Int
  /// Best and worst prices reached (raw prices, not direction-normalised).
  var best: Double
  var worst: Double

  var direction: Double { side.direction }

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
