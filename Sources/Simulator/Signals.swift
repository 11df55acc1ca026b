import MarketData

/// One set of vectorized signals for one symbol: the table a strategy's `signals` returns.
///
/// Every array has one element per bar. Signals are read at the bar's close. An empty array
/// means "no such signal". `stop` and `target` are absolute price levels for an entry taken
/// on that bar (NaN: none); they override the levels derived from `ExitRules`.
///
/// At each bar, exits are issued before entries: `longExit` closes this set's long trades,
/// `shortExit` its short trades; `longEntry` buys and `shortEntry` sells short (an entry
/// first closes every opposite trade of the symbol: a reversal). A bar with both entries set
/// takes neither (counted as `conflicting_signals`). The set's `tag` de-duplicates: while a
/// trade opened by this tag is open, further entries of the tag in the same direction are
/// ignored (counted as `duplicate_tag`).
public struct SignalSet: Sendable, Equatable {
  public var longEntry: [Bool]
  public var longExit: [Bool]
  public var shortEntry: [Bool]
  public var shortExit: [Bool]
  public var stop: [Double]
  public var target: [Double]
  public var tag: String

  public init(
    longEntry: [Bool] = [], longExit: [Bool] = [], shortEntry: [Bool] = [],
    shortExit: [Bool] = [], stop: [Double] = [], target: [Double] = [], tag: String = ""
  ) {
    self.longEntry = longEntry
    self.longExit = longExit
    self.shortEntry = shortEntry
    self.shortExit = shortExit
    self.stop = stop
    self.target = target
    self.tag = tag
  }

  /// Checks every non-empty array has `count` elements.
  public func validate(count: Int, field: String = "signals") throws(SimulationError) {
    let columns: [(String, Int)] = [
      ("long_entry", longEntry.count), ("long_exit", longExit.count),
      ("short_entry", shortEntry.count), ("short_exit", shortExit.count),
      ("stop", stop.count), ("target", target.count),
    ]
    for (name, n) in columns where n != 0 && n != count {
      throw .invalid(field: "\(field).\(name)", expected: "\(count) values (one per bar)", got: "\(n)")
    }
  }
}

/// Bars of one symbol and the signal sets that trade it.
public struct BacktestInput: Sendable {
  public var bars: Bars
  public var signals: [SignalSet]

  public init(bars: Bars, signals: [SignalSet] = []) {
    self.bars = bars
    self.signals = signals
  }
}
