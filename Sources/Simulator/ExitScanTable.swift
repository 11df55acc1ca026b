extension ExitScan {
  /// The exit scan as ready-made Float64 columns, one row per entry, written in one pass
  /// with no intermediate arrays: what a caller that hands columns on (the Lua `bt.scan`)
  /// needs. Same rules and values as `run`.
  public struct Table: Sendable, Equatable {
    /// direction × (exit / entry − 1); NaN for unfilled entries.
    public var returns: [Double]
    /// Bar of the fill and of the exit, counted from `indexBase`; NaN for unfilled entries.
    public var entryIndex: [Double]
    public var exitIndex: [Double]
    /// Fill and exit prices; NaN for unfilled entries.
    public var entryPrice: [Double]
    public var exitPrice: [Double]
    /// Filled entries by exit reason: stop, target, bar limit, and still open at the last bar.
    public var stops: Int
    public var targets: Int
    public var maxBarsExits: Int
    public var ends: Int
    /// Bars that reached both levels, as in `Result`.
    public var ambiguity: AmbiguityLedger
  }

  /// Scans exits for `entries` (signal bar indices, any order) as `run` does, returning
  /// columns; bar positions in the table are counted from `indexBase` (0 or 1, say).
  public static func table(
    open: [Double], high: [Double], low: [Double], close: [Double], entries: [Int], side: Side,
    stopPercent: Double?, targetPercent: Double?, maxBars: Int?, fill: FillTiming = .nextOpen,
    intrabar: IntrabarPolicy = .pessimistic, indexBase: Int = 0
  ) throws(SimulationError) -> Table {
    let levels = try prepare(
      count: close.count, open: open, high: high, low: low, entries: entries, side: side, stopPercent: stopPercent,
      targetPercent: targetPercent, maxBars: maxBars, fill: fill, intrabar: intrabar)
    let m = entries.count
    var tally = Tally()
    var counts = (0, 0, 0, 0)
    var entryIndex: [Double] = [], exitIndex: [Double] = [], entryPrice: [Double] = [], exitPrice: [Double] = []
    // SAFETY: each column is allocated with capacity m and the scan calls the sink exactly
    // once for every k in 0..<m, so every element is initialized before the count is set.
    let returns = [Double](unsafeUninitializedCapacity: m) { rt, rtCount in
      entryIndex = [Double](unsafeUninitializedCapacity: m) { ei, eiCount in
        exitIndex = [Double](unsafeUninitializedCapacity: m) { xi, xiCount in
          entryPrice = [Double](unsafeUninitializedCapacity: m) { ep, epCount in
            exitPrice = [Double](unsafeUninitializedCapacity: m) { xp, xpCount in
              var sink = TableSink(
                returns: rt, entryIndex: ei, exitIndex: xi, entryPrice: ep, exitPrice: xp,
                direction: side.direction, base: Double(indexBase))
              scan(open: open, high: high, low: low, close: close, entries: entries, side: side, levels, &tally, &sink)
              counts = (sink.stops, sink.targets, sink.maxBars, sink.ends)
              xpCount = m
            }
            epCount = m
          }
          xiCount = m
        }
        eiCount = m
      }
      rtCount = m
    }
    let byPolicy = tally.byPolicy
    return Table(
      returns: returns, entryIndex: entryIndex, exitIndex: exitIndex, entryPrice: entryPrice,
      exitPrice: exitPrice, stops: counts.0, targets: counts.1, maxBarsExits: counts.2, ends: counts.3,
      ambiguity: AmbiguityLedger(
        count: tally.ambiguous,
        pnl: [.pessimistic: byPolicy[0], .optimistic: byPolicy[1], .nearest: byPolicy[2]]))
  }

  /// Writes the table's columns and counts the exit reasons.
  struct TableSink: Sink {
    let returns: UnsafeMutableBufferPointer<Double>
    let entryIndex: UnsafeMutableBufferPointer<Double>
    let exitIndex: UnsafeMutableBufferPointer<Double>
    let entryPrice: UnsafeMutableBufferPointer<Double>
    let exitPrice: UnsafeMutableBufferPointer<Double>
    let direction: Double
    let base: Double
    var stops = 0, targets = 0, maxBars = 0, ends = 0

    @inline(__always)
    mutating func filled(_ k: Int, _ exit: Exit) {
      returns[k] = direction * (exit.exitPrice / exit.entryPrice - 1)
      entryIndex[k] = Double(exit.entryBar) + base
      exitIndex[k] = Double(exit.exitBar) + base
      entryPrice[k] = exit.entryPrice
      exitPrice[k] = exit.exitPrice
      // Stop or target is unpredictable from entry to entry, so those two are counted without
      // a branch; the other reasons are rare.
      stops &+= exit.reason == .stop ? 1 : 0
      targets &+= exit.reason == .target ? 1 : 0
      if exit.reason == .maxBars {
        maxBars &+= 1
      } else if exit.reason == .end {
        ends &+= 1
      }
    }

    @inline(__always)
    func unfilled(_ k: Int) {
      returns[k] = .nan
      entryIndex[k] = .nan
      exitIndex[k] = .nan
      entryPrice[k] = .nan
      exitPrice[k] = .nan
    }
  }
}
