/// The walk of one bar for one open trade: gaps at the open, then both extremes in the order
/// the intrabar policy gives, filling the stop, partials and target as they are reached.
enum Intrabar {
  /// Whether the favourable extreme (high for a long) is visited before the adverse one.
  /// `nearest`: the extreme nearer the open first; a tie counts as pessimistic.
  @inline(__always)
  static func favourableFirst(
    _ policy: IntrabarPolicy, side: Side, open: Double, high: Double, low: Double
  ) -> Bool {
    switch policy {
    case .pessimistic: return false
    case .optimistic: return true
    case .nearest:
      return side == .long ? (high - open) < (open - low) : (open - low) < (high - open)
    }
  }

  /// Appends the fills of `trade` on a bar to `fills`; returns whether the bar was ambiguous
  /// (both the stop and a favourable level reachable after the open) and the index of the
  /// next pending partial exit.
  ///
  /// Work is direction-normalised (prices × direction, so a short reads like a long). A level
  /// already passed at the open fills at the open (a gap). The stop fill moves against the
  /// trader by `stopSlippage`; partials and the target are limit fills at their levels.
  static func walk(
    _ trade: OpenTrade, partials: [PartialExit], wholeUnits: Bool, open: Double, high: Double, low: Double,
    favourableFirst: Bool, stopSlippage: Double, into fills: inout [LevelFill]
  ) -> (ambiguous: Bool, nextPartial: Int) {
    let d = trade.direction
    let o = d * open
    let best = d > 0 ? high : -low
    let worst = d > 0 ? low : -high
    let s = trade.stop.isNaN ? -Double.infinity : d * trade.stop
    let t = trade.target.isNaN ? Double.infinity : d * trade.target
    let partialCount = trade.risk.isNaN ? 0 : partials.count
    let base = d * trade.entryPrice
    var remaining = trade.quantity
    var k = trade.nextPartial
    @inline(__always) func level(_ k: Int) -> Double { base + partials[k].r * trade.risk }
    let tiny = trade.quantity * 1e-12

    if s >= o {
      fills.append(LevelFill(price: open - d * stopSlippage, quantity: remaining, reason: trade.stopKind))
      return (false, k)
    }
    while k < partialCount && level(k) <= o && remaining > tiny {
      let q = min(trade.partialQuantity(partials[k], wholeUnits: wholeUnits), remaining)
      if q > 0 { fills.append(LevelFill(price: open, quantity: q, reason: .partial)) }
      remaining -= q
      k += 1
    }
    if remaining <= tiny { return (false, k) }
    if t <= o {
      fills.append(LevelFill(price: open, quantity: remaining, reason: .target))
      return (false, k)
    }
    let favourableReached = t <= best || (k < partialCount && level(k) <= best)
    let ambiguous = worst <= s && favourableReached
    for leg in 0..<2 {
      if (leg == 0) == favourableFirst {
        // Rising from the open, levels fill in price order: a target below a partial level
        // closes the trade before that partial.
        while k < partialCount && level(k) <= best && level(k) <= t && remaining > tiny {
          let q = min(trade.partialQuantity(partials[k], wholeUnits: wholeUnits), remaining)
          if q > 0 { fills.append(LevelFill(price: d * level(k), quantity: q, reason: .partial)) }
          remaining -= q
          k += 1
        }
        if remaining <= tiny { return (ambiguous, k) }
        if t <= best {
          fills.append(LevelFill(price: trade.target, quantity: remaining, reason: .target))
          return (ambiguous, k)
        }
      } else if worst <= s {
        fills.append(LevelFill(price: trade.stop - d * stopSlippage, quantity: remaining, reason: trade.stopKind))
        return (ambiguous, k)
      }
    }
    return (ambiguous, k)
  }
}
