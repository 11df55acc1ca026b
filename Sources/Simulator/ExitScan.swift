/// Independent exits for many entries with percent stop and target levels: the fast path for
/// research and sweeps. No sizing, cash or costs; each entry is its own unit trade, entries
/// may overlap.
///
/// Same rules as the full simulator: an entry signalled at bar `e` fills at `close[e]`
/// (`close`) or `open[e + 1]` (`next_open`); stop = entry × (1 ∓ stopPercent), target =
/// entry × (1 ± targetPercent); bars are checked from the first bar after the fill
/// (`close`) or from the fill bar itself (`next_open`); a bar opening beyond a level fills at
/// the open; a bar reaching both levels resolves by the intrabar policy and is counted in the
/// ledger; a trade still open at the close of entry bar + maxBars exits at that close, and
/// one still open at the last bar exits at its close (`end`).
public enum ExitScan {
  public struct Result: Sendable, Equatable {
    /// Bar of the fill, −1 for an entry that could not fill (next-open on the last bar).
    public var entryBar: [Int]
    public var entryPrice: [Double]
    /// Bar of the exit, −1 when the entry did not fill.
    public var exitBar: [Int]
    public var exitPrice: [Double]
    public var reason: [ExitReason]
    /// Bars that reached both levels, and the sum over them of the trade returns
    /// (direction × (exit / entry − 1)) under each policy.
    public var ambiguity: AmbiguityLedger

    /// direction × (exit / entry − 1) per entry; NaN for unfilled entries.
    public func returns(side: Side) -> [Double] {
      (0..<entryPrice.count).map { i in
        exitBar[i] < 0 ? .nan : side.direction * (exitPrice[i] / entryPrice[i] - 1)
      }
    }
  }

  /// Scans exits for `entries` (signal bar indices, any order).
  public static func run(
    open: [Double], high: [Double], low: [Double], close: [Double], entries: [Int], side: Side,
    stopPercent: Double?, targetPercent: Double?, maxBars: Int?, fill: FillTiming = .nextOpen,
    intrabar: IntrabarPolicy = .pessimistic
  ) throws(SimulationError) -> Result {
    let n = close.count
    for (name, column) in [("open", open), ("high", high), ("low", low)] where column.count != n {
      throw .invalid(field: name, expected: "\(n) values (as many as close)", got: "\(column.count)")
    }
    if let stopPercent { try Check.fraction(stopPercent, "stop_pct") }
    if let targetPercent { try Check.positive(targetPercent, "target_pct") }
    if let maxBars, maxBars < 1 { throw .invalid(field: "max_bars", expected: "an integer >= 1", got: "\(maxBars)") }
    for (k, e) in entries.enumerated() where e < 0 || e >= n {
      throw .invalid(field: "entries[\(k + 1)]", expected: "a bar index in [0, \(n - 1)]", got: "\(e)")
    }
    let m = entries.count
    var result = Result(
      entryBar: [Int](repeating: -1, count: m), entryPrice: [Double](repeating: .nan, count: m),
      exitBar: [Int](repeating: -1, count: m), exitPrice: [Double](repeating: .nan, count: m),
      reason: [ExitReason](repeating: .open, count: m), ambiguity: AmbiguityLedger())
    let d = side.direction
    let sp = stopPercent.map { 1 - d * $0 } ?? .nan
    let tp = targetPercent.map { 1 + d * $0 } ?? .nan
    let horizon = maxBars ?? Int.max / 2
    let first = fill == .close ? 1 : 0
    var ambiguous = 0
    var byPolicy = [0.0, 0.0, 0.0]
    // SAFETY: the buffers live for the closure; every index is in 0..<n (checked above and
    // bounded by `last` below).
    open.withUnsafeBufferPointer { o in
      high.withUnsafeBufferPointer { h in
        low.withUnsafeBufferPointer { l in
          close.withUnsafeBufferPointer { c in
            for k in 0..<m {
              let e = entries[k]
              let entryBar = fill == .close ? e : e + 1
              if entryBar >= n { continue }
              let entry = fill == .close ? c[e] : o[entryBar]
              // Normalised levels: a short reads like a long with prices × −1.
              let s = sp.isNaN ? -Double.infinity : d * entry * sp
              let t = tp.isNaN ? Double.infinity : d * entry * tp
              let last = min(n - 1, entryBar + horizon)
              var exitBar = last
              var price = c[last]
              var reason: ExitReason = last == entryBar + horizon ? .maxBars : .end
              var j = entryBar + first
              while j <= last {
                let best = d > 0 ? h[j] : -l[j]
                let worst = d > 0 ? l[j] : -h[j]
                if worst <= s || best >= t {
                  let oj = d * o[j]
                  exitBar = j
                  if oj <= s {
                    price = o[j]
                    reason = .stop
                  } else if oj >= t {
                    price = o[j]
                    reason = .target
                  } else if worst > s {
                    price = d * t
                    reason = .target
                  } else if best < t {
                    price = d * s
                    reason = .stop
                  } else {
                    ambiguous += 1
                    let stopReturn = d * s / entry - 1
                    let targetReturn = d * t / entry - 1
                    let nearHigh = (best - oj) < (oj - worst)
                    byPolicy[0] += stopReturn
                    byPolicy[1] += targetReturn
                    byPolicy[2] += nearHigh ? targetReturn : stopReturn
                    let favourable = intrabar == .optimistic || (intrabar == .nearest && nearHigh)
                    price = favourable ? d * t : d * s
                    reason = favourable ? .target : .stop
                  }
                  break
                }
                j += 1
              }
              result.entryBar[k] = entryBar
              result.entryPrice[k] = entry
              result.exitBar[k] = exitBar
              result.exitPrice[k] = price
              result.reason[k] = reason
            }
          }
        }
      }
    }
    result.ambiguity = AmbiguityLedger(
      count: ambiguous,
      pnl: [.pessimistic: byPolicy[0], .optimistic: byPolicy[1], .nearest: byPolicy[2]])
    return result
  }
}
