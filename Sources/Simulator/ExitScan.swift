import CMemoryHints

#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

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
              guard let po = o.baseAddress, let ph = h.baseAddress, let pl = l.baseAddress, let pc = c.baseAddress
              else { return }
              let columns = Columns(o: po, h: ph, l: pl, c: pc, count: c.count)
              // Side and fill timing become constants of four copies of the loop.
              switch (side == .long, levels.atClose) {
              case (true, true): scanAll(columns, entries: e, long: true, atClose: true, levels, &tally, &sink)
              case (true, false): scanAll(columns, entries: e, long: true, atClose: false, levels, &tally, &sink)
              case (false, true): scanAll(columns, entries: e, long: false, atClose: true, levels, &tally, &sink)
              case (false, false): scanAll(columns, entries: e, long: false, atClose: false, levels, &tally, &sink)
              }
            }
          }
        }
      }
    }
  }

  /// How many entries ahead an entry's first bars are prefetched: the scan of one entry ends
  /// on a data-dependent branch, so lines requested for later entries arrive while the
  /// current ones are scanned.
  static let prefetchDistance = 8

  /// Requests the lines an entry will read first: the fill price and the first `window` bars'
  /// lows and highs (and the first half's opens, which a touching bar reads). A prefetch never
  /// faults, so lines past the end of a column need no bound; the addresses are formed as
  /// integers for that reason.
  @inline(__always)
  static func prefetch(_ bars: Columns, entry e: Int, atClose: Bool) {
    let first = atClose ? e : e &+ 1
    if atClose { crs_prefetch(bars.c + e) }
    let low = Int(bitPattern: bars.l) &+ first &* 8
    let high = Int(bitPattern: bars.h) &+ first &* 8
    let open = Int(bitPattern: bars.o) &+ first &* 8
    // Unrolled: as a loop it costs more than the hints save.
    crs_prefetch(UnsafeRawPointer(bitPattern: low))
    crs_prefetch(UnsafeRawPointer(bitPattern: high))
    crs_prefetch(UnsafeRawPointer(bitPattern: open))
    crs_prefetch(UnsafeRawPointer(bitPattern: low &+ 64))
    crs_prefetch(UnsafeRawPointer(bitPattern: high &+ 64))
    crs_prefetch(UnsafeRawPointer(bitPattern: open &+ 64))
    crs_prefetch(UnsafeRawPointer(bitPattern: low &+ 128))
    crs_prefetch(UnsafeRawPointer(bitPattern: high &+ 128))
    crs_prefetch(UnsafeRawPointer(bitPattern: low &+ 192))
    crs_prefetch(UnsafeRawPointer(bitPattern: high &+ 192))
  }

  /// Scans every entry in order, writing each exit at its position; entries that cannot fill
  /// go to the sink's `unfilled`. `long` and `atClose` are constants at each call site.
  ///
  /// The kernel's functions are `@inline(always)`: with `@inline(__always)` the compiler kept
  /// some of them as calls inside the per-entry loop, which then spilled its state.
  @inline(always)
  static func scanAll<S: Sink>(
    _ bars: Columns, entries e: UnsafeBufferPointer<Int>, long: Bool, atClose: Bool, _ levels: Levels,
    _ tally: inout Tally, _ sink: inout S
  ) {
    let m = e.count
    for k in 0..<m {
      if k &+ prefetchDistance < m { prefetch(bars, entry: e[k &+ prefetchDistance], atClose: atClose) }
      if let exit = scan(bars, entry: e[k], long: long, atClose: atClose, levels, &tally) {
        sink.filled(k, exit)
      } else {
        sink.unfilled(k)
      }
    }
  }

  /// Bars tested at once, without a branch per bar, before the bar-by-bar loop: half of the
  /// exits come within a few bars, so a loop that leaves at the touching bar mispredicts its
  /// last branch on nearly every entry, where a fixed block of compares does not.
  static let window = 32

  /// The first bar in `from...through` whose low is at or below `low` or whose high is at or
  /// above `high`; `through + 1` when none. The first `window` bars are tested in two blocks
  /// of 16 (when they lie inside the data), the rest one by one.
  @inline(always)
  static func firstTouch(_ bars: Columns, from start: Int, through last: Int, low a: Double, high b: Double) -> Int {
    var j = start
    if start &+ window <= bars.count {
      let span = last &- start &+ 1
      let head = firstTouch16(bars, at: start, low: a, high: b)
      let offset = head < 16 ? head : firstTouch16(bars, at: start &+ 16, low: a, high: b) &+ 16
      // `offset` is `window` when no bar of the block touches.
      if offset < Swift.min(span, window) { return start &+ offset }
      if span <= window { return last &+ 1 }
      j = start &+ window
    }
    while j <= last {
      if bars.l[j] <= a || bars.h[j] >= b { return j }
      j &+= 1
    }
    return last &+ 1
  }

  /// Offset (0..<16) of the first of the 16 bars from `start` that touches, 16 when none: pairs
  /// of bars are compared as two-lane vectors (SSE2 on baseline x86-64), their touch bits
  /// gathered into one word and the lowest set bit taken.
  @inline(always)
  static func firstTouch16(_ bars: Columns, at start: Int, low a: Double, high b: Double) -> Int {
    let lows = UnsafeRawPointer(bars.l + start), highs = UnsafeRawPointer(bars.h + start)
    let av = SIMD2<Double>(repeating: a), bv = SIMD2<Double>(repeating: b)
    @inline(__always) func touches(_ pair: Int) -> UInt32 {
      let mask =
        (lows.loadUnaligned(fromByteOffset: pair &* 16, as: SIMD2<Double>.self) .<= av)
        .| (highs.loadUnaligned(fromByteOffset: pair &* 16, as: SIMD2<Double>.self) .>= bv)
      #if arch(x86_64)
        let bits = _mm_movemask_pd(unsafeBitCast(mask, to: SIMD2<Double>.self))
        return UInt32(truncatingIfNeeded: bits) &<< UInt32(2 &* pair)
      #else
        return ((mask[0] ? 1 : 0) | (mask[1] ? 2 : 0)) &<< UInt32(2 &* pair)
      #endif
    }
    // Unrolled by hand: the compiler keeps a loop over the pairs as a loop.
    let bits =
      touches(0) | touches(1) | touches(2) | touches(3) | touches(4) | touches(5) | touches(6) | touches(7)
    return (bits | 1 &<< 16).trailingZeroBitCount
  }

  /// Base pointers of the four price columns, all `count` long.
  struct Columns {
    let o: UnsafePointer<Double>
    let h: UnsafePointer<Double>
    let l: UnsafePointer<Double>
    let c: UnsafePointer<Double>
    let count: Int
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
  @inline(always)
  static func scan(
    _ bars: Columns, entry e: Int, long: Bool, atClose: Bool, _ levels: Levels, _ tally: inout Tally
  ) -> Exit? {
    let n = bars.count
    let d: Double = long ? 1 : -1
    let entryBar = atClose ? e : e &+ 1
    if entryBar >= n { return nil }
    let entry = atClose ? bars.c[e] : bars.o[entryBar]
    let s = levels.stop.isNaN ? -Double.infinity : d * entry * levels.stop
    let t = levels.target.isNaN ? Double.infinity : d * entry * levels.target
    let last = min(n &- 1, entryBar &+ levels.horizon)
    // Raw-price bounds: a bar touches a level when low <= lowBound or high >= highBound,
    // which is worst <= s or best >= t in direction-normalised prices.
    let lowBound = long ? s : -t
    let highBound = long ? t : -s
    let j = firstTouch(bars, from: entryBar &+ (atClose ? 1 : 0), through: last, low: lowBound, high: highBound)
    if j > last {
      let reason: ExitReason = last == entryBar &+ levels.horizon ? .maxBars : .end
      return Exit(entryBar: entryBar, entryPrice: entry, exitBar: last, exitPrice: bars.c[last], reason: reason)
    }
    let best = long ? bars.h[j] : -bars.l[j]
    let worst = long ? bars.l[j] : -bars.h[j]
    let o = d * bars.o[j]
    // Which level a bar reached is a coin toss from entry to entry, so the usual outcomes are
    // masked selects, not branches. In rule order: an open at or beyond the stop fills there
    // (a stop), one at or beyond the target likewise (a target); else a bar whose worst price
    // stays above the stop exits at the target, one whose best stays below the target at the
    // stop, and any other bar reached both (a NaN extreme counts as reaching its level).
    let level = selectIfLess(s, worst, t, s)
    var exit = selectIfLessOrEqual(o, s, o, selectIfLessOrEqual(t, o, o, level))
    var stopFlag = selectIfLessOrEqual(o, s, 1, selectIfLessOrEqual(t, o, 0, selectIfLess(s, worst, 0, 1)))
    let bothFlag = selectIfLessOrEqual(
      o, s, 0, selectIfLessOrEqual(t, o, 0, selectIfLess(s, worst, 0, selectIfLess(best, t, 0, 1))))
    // Reaching both is rare, so this one is a branch.
    if bothFlag > 0 {
      tally.ambiguous += 1
      let stopReturn = d * s / entry - 1
      let targetReturn = d * t / entry - 1
      let nearHigh = (best - o) < (o - worst)
      tally.byPolicy[0] += stopReturn
      tally.byPolicy[1] += targetReturn
      tally.byPolicy[2] += nearHigh ? targetReturn : stopReturn
      let favourable = levels.policy == .optimistic || (levels.policy == .nearest && nearHigh)
      exit = favourable ? t : s
      stopFlag = favourable ? 0 : 1
    }
    let reason: ExitReason = stopFlag > 0 ? .stop : .target
    let price = d * exit
    return Exit(entryBar: entryBar, entryPrice: entry, exitBar: j, exitPrice: price, reason: reason)
  }
}
