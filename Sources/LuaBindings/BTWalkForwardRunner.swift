import Analytics
import Foundation
import LuaRuntime
import MarketData
import Simulator

/// A walk-forward analysis to run: a sweep per training window, the best combination then
/// run on the following test window.
public struct WalkForwardRequest: Sendable {
  /// The sweep settings: strategy file, bars (the whole span), grid plan, fixed options,
  /// jobs, state options and memo. `positions` is ignored (every window sweeps the plan).
  public var sweep: SweepRequest
  public var train: WindowLength
  public var test: WindowLength
  public var anchored: Bool
  /// The stats key optimised on each training window (higher is better).
  public var metric: String
  /// Combinations with fewer training trades are not chosen.
  public var minTrades: Int

  public init(
    sweep: SweepRequest, train: WindowLength, test: WindowLength, anchored: Bool = false, metric: String = "sharpe",
    minTrades: Int = 0
  ) {
    self.sweep = sweep
    self.train = train
    self.test = test
    self.anchored = anchored
    self.metric = metric
    self.minTrades = minTrades
  }
}

/// The outcome of one window.
public struct WalkForwardStep: Sendable {
  public var window: WalkForwardWindow
  /// First and last bar times of the training and test parts (inclusive, ns).
  public var trainStart: Int64, trainEnd: Int64, testStart: Int64, testEnd: Int64
  /// The chosen combination's values (grid order), nil when no combination qualified (the
  /// test window then stays flat: no trades, equity carried over).
  public var params: [SweepValue]?
  /// The optimised metric in sample (the best training row) and out of sample.
  public var inSample: Double
  public var outOfSample: Double
  /// The metric `WalkForward.efficiency` compares, in and out of sample.
  public var inSampleEfficiency: Double
  public var outOfSampleEfficiency: Double
  public var testStats: PerformanceStats?
}

/// A finished walk-forward analysis.
public struct WalkForwardReport: Sendable {
  public var steps: [WalkForwardStep]
  /// The stitched out-of-sample equity: each test window's run starts with the previous
  /// window's final equity (the first with the strategy's cash), so the curve compounds as
  /// one account trading the chosen parameters window after window.
  public var time: [Int64]
  public var equity: [Double]
  /// Where each window's part of `equity` starts.
  public var windowStarts: [Int]
  public var initialCash: Double
  /// Mean out-of-sample ÷ mean in-sample of `efficiencyMetric` (see `WalkForward.efficiency`).
  public var efficiency: Double
  public var efficiencyMetric: String

  /// Out-of-sample return over all test windows, in percent.
  public var returnPercent: Double {
    ((equity.last ?? initialCash) / initialCash - 1) * 100
  }
}

/// Runs walk-forward analyses on the first symbol's bar times (other symbols are cut to the
/// same time ranges).
///
/// Each test window is a backtest of its own bars only: indicators warm up inside the test
/// window and never read training bars, and a position still open at a window's end is
/// closed there as at the end of any backtest.
public enum WalkForwardRunner {
  /// With `host` (a state and the slot of a strategy table in it: `bt.walkforward` given a
  /// table) every run happens in that state, one after another; otherwise training sweeps
  /// run in parallel from the request's strategy file.
  public static func run(
    _ request: WalkForwardRequest, host: (state: LuaState, strategy: Int32, name: String)? = nil,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws -> WalkForwardReport {
    guard let reference = request.sweep.bars.first else { throw SweepSpecError("walk-forward needs bars") }
    let windows = try WalkForward.windows(
      time: reference.time, train: request.train, test: request.test, anchored: request.anchored)
    let state: LuaState
    let strategy: Int32
    let name: String
    if let host {
      (state, strategy, name) = (host.state, host.state.stack.absoluteIndex(host.strategy), host.name)
    } else {
      state = try CrescentLibrary.makeState(options: request.sweep.stateOptions)
      state.setBudget(LuaBudget(timeout: request.sweep.timeout))
      try StrategyFile.load(request.sweep.strategyPath, in: state)
      (strategy, name) = (state.stack.top, StrategyFile.baseName(request.sweep.strategyPath))
    }
    let effKey = WalkForward.efficiencyMetric(for: request.metric)
    let plan = request.sweep.plan
    var steps: [WalkForwardStep] = []
    var time: [Int64] = []
    var equity: [Double] = []
    var starts: [Int] = []
    // The starting cash the strategy and options resolve to; later windows start with the
    // previous window's final equity.
    let initialCash = try StrategySpec.read(
      stack: state.stack, index: strategy, fallbackName: name, overrideTexts: request.sweep.options.paramTexts,
      cash: request.sweep.options.cash
    ).config.cash
    var cash = initialCash
    let perWindow = plan.count + 1
    for window in windows {
      let t = reference.time
      func cut(_ range: Range<Int>) -> [Bars] {
        let to = range.upperBound < t.count ? t[range.upperBound] : nil
        return request.sweep.bars.map { $0.slice(from: t[range.lowerBound], to: to) }
      }
      var sweep = request.sweep
      sweep.bars = cut(window.train)
      sweep.positions = Array(0..<plan.count)
      let done = steps.count * perWindow
      let rows =
        host == nil
        ? try SweepRunner.run(sweep) { k, _ in progress?(done + k, windows.count * perWindow) }
        : try SweepRunner.run(sweep, in: state, strategy: strategy, name: name)
      let table = SweepTable(paramNames: plan.grid.names, rows: rows)
      let best = table.best(by: request.metric, minTrades: request.minTrades)
      var step = WalkForwardStep(
        window: window, trainStart: t[window.train.lowerBound], trainEnd: t[window.train.upperBound - 1],
        testStart: t[window.test.lowerBound], testEnd: t[window.test.upperBound - 1], params: best?.params,
        inSample: best?.metric(request.metric) ?? .nan, outOfSample: .nan,
        inSampleEfficiency: best?.metric(effKey) ?? .nan, outOfSampleEfficiency: .nan, testStats: nil)
      starts.append(equity.count)
      let testBars = cut(window.test)
      if let best {
        var options = request.sweep.options
        options.cash = cash
        let overrides = zip(plan.grid.names, best.params).map { (name: $0, value: $1) }
        let run = try StrategyRunner.run(
          state: state, strategy: strategy, name: name, bars: testBars, options: options, overrides: overrides)
        time += run.result.time
        equity += run.result.equity
        cash = run.result.finalEquity
        step.testStats = run.stats
        let row = SweepTable.Row(position: 0, params: best.params, stats: run.stats)
        step.outOfSample = row.metric(request.metric)
        step.outOfSampleEfficiency = row.metric(effKey)
      } else {
        time += testBars[0].time
        equity += [Double](repeating: cash, count: testBars[0].count)
      }
      steps.append(step)
      progress?((steps.count) * perWindow, windows.count * perWindow)
    }
    return WalkForwardReport(
      steps: steps, time: time, equity: equity, windowStarts: starts, initialCash: initialCash,
      efficiency: WalkForward.efficiency(
        inSample: steps.map(\.inSampleEfficiency), outOfSample: steps.map(\.outOfSampleEfficiency)),
      efficiencyMetric: effKey)
  }
}
