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
      // Without a handler or a review nothing else can throw.
      throw .invalid(field: "strategy", expected: "no error", got: "\(error)")
    }
  }

  /// Runs the event form: `onBar` is called at every bar close of every symbol (after that
  /// bar's stops and trailing updates) and may add orders through its context; signal sets,
  /// if any, issue their orders first. `review`, when given, sees every entry of either form
  /// at its fill, before the cash check, and approves, amends or rejects it (`EntryRequest`).
  /// Errors thrown by `onBar` or `review` stop the run and propagate; both are called on the
  /// calling thread only.
  ///
  /// Several symbols: the per-symbol preparation — validating bars and signals, the
  /// signal-activity columns, the ATR columns the exit rules and slippage use — runs one
  /// symbol per core. The bar loop itself is sequential (one shared account) unless the
  /// account makes the symbols independent (`units` or `cash` sizing, no `onBar`, no
  /// `review`): then each symbol is simulated on its own core and the account is replayed in
  /// order (`Portfolio`). Either way the result is bit for bit the sequential one;
  /// `parallel: false` runs everything on the calling thread.
  public static func run(
    _ inputs: [BacktestInput], config: SimulationConfig, onBar: BarHandler?, review: EntryReview? = nil,
    parallel: Bool = true
  ) throws -> BacktestResult {
    try validate(inputs, config: config, parallel: parallel)
    let feeds = Parallel.map(inputs.count, parallel: parallel) { SymbolFeed(inputs[$0]) }
    let periods = config.atrPeriods
    let atr = Parallel.map(feeds.count, parallel: parallel && !periods.isEmpty) { s in
      var columns: [Int: [Double]] = [:]
      for period in periods {
        columns[period] = Volatility.atr(high: feeds[s].high, low: feeds[s].low, close: feeds[s].close, period: period)
      }
      return columns
    }
    if parallel && feeds.count > 1 && Portfolio.independent(config, onBar: onBar, review: review),
      let result = Portfolio.run(feeds, config: config, atr: atr)
    {
      return result
    }
    let engine = Engine(feeds: feeds, config: config, onBar: onBar, review: review, atrCache: ATRCache(columns: atr))
    return try engine.run()
  }

  /// Checks the configuration and that every signal column matches its bars.
  public static func validate(_ inputs: [BacktestInput], config: SimulationConfig) throws(SimulationError) {
    try validate(inputs, config: config, parallel: true)
  }

  /// `validate`, one symbol per core when `parallel`; the error is the first in input order.
  static func validate(_ inputs: [BacktestInput], config: SimulationConfig, parallel: Bool) throws(SimulationError) {
    try config.validate()
    if inputs.isEmpty {
      throw .invalid(field: "bars", expected: "at least one Bars", got: "none")
    }
    let problems = Parallel.map(inputs.count, parallel: parallel) { n -> SimulationError? in
      let input = inputs[n]
      let name = inputs.count == 1 ? "signals" : "signals[\(n + 1)]"
      do throws(SimulationError) {
        for set in input.signals { try set.validate(count: input.bars.count, field: name) }
        try validate(input.bars, index: n + 1)
        return nil
      } catch {
        return error
      }
    }
    for problem in problems { if let problem { throw problem } }
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
