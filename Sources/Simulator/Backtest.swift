import MarketData

/// Backtests: bars and signals (or a per-bar handler) in, trades and an equity curve out.
///
/// Fill timing, the intrabar policy, sizing, costs and exit rules come from
/// `SimulationConfig`; see `Engine` for the order of events within a bar. The vectorized
/// form (signal sets) and the event form (`BarHandler`) go through the same order handling,
/// so the same logic written both ways yields identical trades.
public enum Backtest {
  /// Runs signal sets over one or several symbols sharing one account.
  public static func run(_ inputs: [BacktestInput], config: SimulationConfig) throws(SimulationError) -> BacktestResult {
    do {
      return try run(inputs, config: config, onBar: nil)
    } catch let error as SimulationError {
      throw error
    } catch {
      // Without a handler nothing else can throw.
      throw .invalid(field: "strategy", expected: "no error", got: "\(error)")
    }
  }

  /// Runs the event form: `onBar` is called at every bar close of every symbol (after that
  /// bar's stops and trailing updates) and may add orders through its context; signal sets,
  /// if any, issue their orders first. Errors thrown by `onBar` stop the run and propagate.
  public static func run(_ inputs: [BacktestInput], config: SimulationConfig, onBar: BarHandler?) throws -> BacktestResult {
    try validate(inputs, config: config)
    let engine = Engine(inputs: inputs, config: config, onBar: onBar)
    return try engine.run()
  }

  /// Checks the configuration and that every signal column matches its bars.
  public static func validate(_ inputs: [BacktestInput], config: SimulationConfig) throws(SimulationError) {
    try config.validate()
    if inputs.isEmpty {
      throw .invalid(field: "bars", expected: "at least one Bars", got: "none")
    }
    for (n, input) in inputs.enumerated() {
      let name = inputs.count == 1 ? "signals" : "signals[\(n + 1)]"
      for set in input.signals { try set.validate(count: input.bars.count, field: name) }
      try validate(input.bars, index: n + 1)
    }
  }

  /// Checks prices are finite with low ≤ open, close ≤ high and times strictly increase. One
  /// branch-free pass; only a failing input is scanned again for the first bad row.
  static func validate(_ bars: Bars, index: Int) throws(SimulationError) {
    let n = bars.count
    var bad = false
    bars.open.withUnsafeBufferPointer { o in
      bars.high.withUnsafeBufferPointer { h in
        bars.low.withUnsafeBufferPointer { l in
          bars.close.withUnsafeBufferPointer { c in
            bars.time.withUnsafeBufferPointer { t in
              for i in 0..<n {
                // NaN fails every comparison; infinities fail the magnitude check.
                let ok = h[i] >= o[i] && h[i] >= c[i] && l[i] <= o[i] && l[i] <= c[i]
                  && abs(h[i]) < .infinity && abs(l[i]) < .infinity
                let ordered = i == 0 || t[i] > t[i - 1]
                bad = bad || !(ok && ordered)
              }
            }
          }
        }
      }
    }
    if !bad { return }
    for i in 0..<n {
      let o = bars.open[i], h = bars.high[i], l = bars.low[i], c = bars.close[i]
      if !(o.isFinite && h.isFinite && l.isFinite && c.isFinite && h >= max(o, c) && l <= min(o, c)) {
        throw .invalid(
          field: "bars[\(index)] row \(i + 1)", expected: "finite prices with low <= open, close <= high",
          got: "open \(o) high \(h) low \(l) close \(c)")
      }
      if i > 0 && bars.time[i] <= bars.time[i - 1] {
        throw .invalid(field: "bars[\(index)] row \(i + 1) time", expected: "strictly increasing times", got: UTCTime.iso(bars.time[i]))
      }
    }
  }
}
