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
    let levels = try prepare(
      count: close.count, open: open, high: high, low: low, entries: entries, side: side, stopPercent: stopPercent,
      targetPercent: targetPercent, maxBars: maxBars, fill: fill, intrabar: intrabar)
    let m = entries.count
    var entryBars = [Int](repeating: -1, count: m)
    var entryPrices = [Double](repeating: .nan, count: m)
    var exitBars = [Int](repeating: -1, count: m)
    var exitPrices = [Double](repeating: .nan, count: m)
    var reasons = [ExitReason](repeating: .open, count: m)
    var tally = Tally()
    // SAFETY: every output buffer holds m elements and lives for the closure; the sink
    // writes position k < m only.
    entryBars.withUnsafeMutableBufferPointer { eb in
      entryPrices.withUnsafeMutableBufferPointer { ep in
        exitBars.withUnsafeMutableBufferPointer { xb in
          exitPrices.withUnsafeMutableBufferPointer { xp in
            reasons.withUnsafeMutableBufferPointer { rs in
              var sink = ResultSink(entryBar: eb, entryPrice: ep, exitBar: xb, exitPrice: xp, reason: rs)
              scan(open: open, high: high, low: low, close: close, entries: entries, side: side, levels, &tally, &sink)
            }
          }
        }
      }
    }
    var result = Result(
      entryBar: entryBars, entryPrice: entryPrices, exitBar: exitBars, exitPrice: exitPrices,
      reason: reasons, ambiguity: AmbiguityLedger())
    let byPolicy = tally.byPolicy
    result.ambiguity = AmbiguityLedger(
      count: tally.ambiguous,
      pnl: [.pessimistic: byPolicy[0], .optimistic: byPolicy[1], .nearest: byPolicy[2]])
    return result
  }

  /// Checks the inputs and turns the options into level multipliers.
  static func prepare(
    count n: Int, open: [Double], high: [Double], low: [Double], entries: [Int], side: Side, stopPercent: Double?,
    targetPercent: Double?, maxBars: Int?, fill: FillTiming, intrabar: IntrabarPolicy
  ) throws(SimulationError) -> Levels {
    for (name, column) in [("open", open), ("high", high), ("low", low)] where column.count != n {
      throw .invalid(field: name, expected: "\(n) values (as many as close)", got: "\(column.count)")
    }
    if let stopPercent { try Check.fraction(stopPercent, "stop_pct") }
    if let targetPercent { try Check.positive(targetPercent, "target_pct") }
    if let maxBars, maxBars < 1 { throw .invalid(field: "max_bars", expected: "an integer >= 1", got: "\(maxBars)") }
    for (k, e) in entries.enumerated() where e < 0 || e >= n {
      throw .invalid(field: "entries[\(k + 1)]", expected: "a bar index in [0, \(n - 1)]", got: "\(e)")
    }
    return Levels(
      stop: stopPercent.map { 1 - side.direction * $0 } ?? .nan,
      target: targetPercent.map { 1 + side.direction * $0 } ?? .nan,
      horizon: maxBars ?? Int.max / 2, atClose: fill == .close, policy: intrabar)
  }

  /// Where the scan writes each entry's outcome (entry k, in entry order).
  protocol Sink {
    mutating func filled(_ k: Int, _ exit: Exit)
    /// Entry k cannot fill.
    mutating func unfilled(_ k: Int)
  }

  /// Writes the columns of `Result`; unfilled entries keep the buffers' initial values.
  struct ResultSink: Sink {
    let entryBar: UnsafeMutableBufferPointer<Int>
    let entryPrice: UnsafeMutableBufferPointer<Double>
    let exitBar: UnsafeMutableBufferPointer<Int>
    let exitPrice: UnsafeMutableBufferPointer<Double>
    let reason: UnsafeMutableBufferPointer<ExitReason>

    @inline(__always)
    func filled(_ k: Int, _ exit: Exit) {
      entryBar[k] = exit.entryBar
      entryPrice[k] = exit.entryPrice
      exitBar[k] = exit.exitBar
      exitPrice[k] = exit.exitPrice
      reason[k] = exit.reason
    }

    @inline(__always)
    func unfilled(_ k: Int) {}
  }

  /// Runs the scan over checked inputs (`prepare`), specialised by side.
  @inline(__always)
  static func scan<S: Sink>(
    open: [Double], high: [Double], low: [Double], close: [Double], entries: [Int], side: Side, _ levels: Levels,
    _ tally: inout Tally, _ sink: inout S
  ) {
    // SAFETY: every buffer lives for the closure; bar indices stay in 0..<n (entries checked
    // by `prepare`, `last` bounded by n − 1).
    open.withUnsafeBufferPointer { o in
      high.withUnsafeBufferPointer { h in
        low.withUnsafeBufferPointer { l in
          close.withUnsafeBufferPointer { c in
            entries.withUnsafeBufferPointer { e in
              let columns = Columns(open: o, high: h, low: l, close: c)
              if side == .long {
                scanAll(columns, entries: e, long: true, levels, &tally, &sink)
              } else {
                scanAll(columns, entries: e, long: false, levels, &tally, &sink)
              }
            }
          }
        }
      }
    }
  }

  /// How many entries ahead the first bar of an entry is loaded: the scan of one entry ends
  /// on a data-dependent branch, so loads issued for later entries before it overlap their
  /// cache misses with the current entry's work.
  static let lookahead = 4

  /// The values of an entry's first bars, loaded `lookahead` entries early.
  struct Preload {
    /// Fill price (NaN when the entry cannot fill).
    var entry: Double
    /// Low and high of the first bar checked (NaN when there is none).
    var low: Double
    var high: Double
  }

  @inline(__always)
  static func preload(_ bars: Columns, entry e: Int, _ levels: Levels) -> Preload {
    let n = bars.close.count
    let fill = levels.atClose ? e : e + 1
    if fill >= n { return Preload(entry: .nan, low: .nan, high: .nan) }
    let first = levels.atClose ? e + 1 : fill
    let entry = levels.atClose ? bars.close[e] : bars.open[fill]
    if first >= n { return Preload(entry: entry, low: .nan, high: .nan) }
    return Preload(entry: entry, low: bars.low[first], high: bars.high[first])
  }

  /// Scans every entry in order, writing each exit at its position; entries that cannot fill
  /// go to the sink's `unfilled`. `long` is a constant at each call site.
  @inline(__always)
  static func scanAll<S: Sink>(
    _ bars: Columns, entries e: UnsafeBufferPointer<Int>, long: Bool, _ levels: Levels, _ tally: inout Tally,
    _ sink: inout S
  ) {
    let m = e.count
    let depth = lookahead
    withUnsafeTemporaryAllocation(of: Preload.self, capacity: depth) { ring in
      // SAFETY: the ring holds `depth` slots, each initialized here before it is read; slot
      // k % depth holds entry k's preload from iteration k − depth (or this prologue) on.
      for k in 0..<depth {
        ring.initializeElement(at: k, to: k < m ? preload(bars, entry: e[k], levels) : Preload(entry: .nan, low: .nan, high: .nan))
      }
      for k in 0..<m {
        let slot = k % depth
        let first = ring[slot]
        if k + depth < m { ring[slot] = preload(bars, entry: e[k + depth], levels) }
        if let exit = scan(bars, entry: e[k], long: long, levels, first, &tally) {
          sink.filled(k, exit)
        } else {
          sink.unfilled(k)
        }
      }
      _ = ring.deinitialize()
    }
  }

  /// The first bar in `from...through` whose low is at or below `low` or whose high is at or
  /// above `high`; `through + 1` when none. A plain loop, one bar at a time: half of the exits
  /// come within ten bars, where 8-wide SIMD blocks (two-wide on baseline x86-64) and the
  /// rescan of the touching block measured slower.
  @inline(__always)
  static func firstTouch(_ bars: Columns, from start: Int, through last: Int, low a: Double, high b: Double) -> Int {
    var j = start
    while j <= last {
      if bars.low[j] <= a || bars.high[j] >= b { return j }
      j += 1
    }
    return last + 1
  }

  struct Columns {
    let open: UnsafeBufferPointer<Double>
    let high: UnsafeBufferPointer<Double>
    let low: UnsafeBufferPointer<Double>
    let close: UnsafeBufferPointer<Double>
  }

  /// Level multipliers of the entry price (NaN: none) and the run's rules.
  struct Levels {
    let stop: Double
    let target: Double
    let horizon: Int
    let atClose: Bool
    let policy: IntrabarPolicy
  }

  struct Tally {
    var ambiguous = 0
    var byPolicy = [0.0, 0.0, 0.0]
  }

  struct Exit {
    var entryBar: Int, entryPrice: Double, exitBar: Int, exitPrice: Double, reason: ExitReason
  }

  /// One entry's exit, nil when it cannot fill. `long` is a constant at each call site so the
  /// direction folds away. Prices are direction-normalised (a short reads like a long).
  @inline(__always)
  static func scan(
    _ bars: Columns, entry e: Int, long: Bool, _ levels: Levels, _ first: Preload, _ tally: inout Tally
  ) -> Exit? {
    let n = bars.close.count
    let d: Double = long ? 1 : -1
    let entryBar = levels.atClose ? e : e + 1
    if entryBar >= n { return nil }
    let entry = first.entry
    let s = levels.stop.isNaN ? -Double.infinity : d * entry * levels.stop
    let t = levels.target.isNaN ? Double.infinity : d * entry * levels.target
    let last = min(n - 1, entryBar + levels.horizon)
    var j = entryBar + (levels.atClose ? 1 : 0)
    // Raw-price bounds: a bar touches a level when low <= lowBound or high >= highBound.
    let lowBound = long ? s : -t
    let highBound = long ? t : -s
    // The first bar from its preloaded values; NaN (no such bar) compares false.
    if j <= last && !(first.low <= lowBound || first.high >= highBound) { j += 1 }
    while j <= last {
      j = firstTouch(bars, from: j, through: last, low: lowBound, high: highBound)
      if j > last { break }
      let best = long ? bars.high[j] : -bars.low[j]
      let worst = long ? bars.low[j] : -bars.high[j]
      if worst <= s || best >= t {
        let o = d * bars.open[j]
        var price: Double
        var reason: ExitReason
        if o <= s {
          (price, reason) = (bars.open[j], .stop)
        } else if o >= t {
          (price, reason) = (bars.open[j], .target)
        } else if worst > s {
          (price, reason) = (d * t, .target)
        } else if best < t {
          (price, reason) = (d * s, .stop)
        } else {
          tally.ambiguous += 1
          let stopReturn = d * s / entry - 1
          let targetReturn = d * t / entry - 1
          let nearHigh = (best - o) < (o - worst)
          tally.byPolicy[0] += stopReturn
          tally.byPolicy[1] += targetReturn
          tally.byPolicy[2] += nearHigh ? targetReturn : stopReturn
          let favourable = levels.policy == .optimistic || (levels.policy == .nearest && nearHigh)
          (price, reason) = favourable ? (d * t, .target) : (d * s, .stop)
        }
        return Exit(entryBar: entryBar, entryPrice: entry, exitBar: j, exitPrice: price, reason: reason)
      }
      j += 1
    }
    let reason: ExitReason = last == entryBar + levels.horizon ? .maxBars : .end
    return Exit(entryBar: entryBar, entryPrice: entry, exitBar: last, exitPrice: bars.close[last], reason: reason)
  }
}
