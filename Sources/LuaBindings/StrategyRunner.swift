import Analytics
import Foundation
import LuaRuntime
import MarketData
import Simulator

/// A finished backtest: the strategy's name, the simulator's result and its stats.
public final class BacktestRun: Sendable {
  public let strategy: StrategySpec
  public let result: BacktestResult
  public let stats: PerformanceStats
  /// The bars the strategy ran on, one per symbol (for charts).
  public let bars: [Bars]

  init(strategy: StrategySpec, result: BacktestResult, bars: [Bars]) {
    self.strategy = strategy
    self.result = result
    self.stats = PerformanceStats(result)
    self.bars = bars
  }

  /// The console report (report.txt holds the plain form).
  public func report(color: Bool) -> String {
    ConsoleReport.render(result, stats: stats, color: color)
  }
}

/// Options of one run besides the strategy table.
public struct RunOptions: Sendable, Equatable {
  /// Starting cash; nil keeps the strategy's (or 10,000).
  public var cash: Double?
  /// Parameter overrides as `name=value` texts (`--param`).
  public var paramTexts: [String]
  /// Bars with `from <= time < to` are kept (ns, UTC); nil bounds are open.
  public var from: Int64?
  public var to: Int64?

  public init(cash: Double? = nil, paramTexts: [String] = [], from: Int64? = nil, to: Int64? = nil) {
    self.cash = cash
    self.paramTexts = paramTexts
    self.from = from
    self.to = to
  }
}

/// Runs strategy tables: the one path `bt.run`, `crescent backtest` and `crescent check` share.
///
/// Several symbols: `signals(bars, p)` is Lua and runs once per symbol, in input order, on the
/// calling thread (the Lua state is single-threaded); reading the masks it returns touches
/// the Lua stack and runs there too. The simulator then prepares the symbols in parallel and
/// simulates them in parallel when the account lets them be independent (see
/// `Backtest.run(_:config:onBar:review:parallel:)`); `on_bar` and `risk` are Lua and are
/// always called on the calling thread, so a run with either keeps one bar loop. Setting the
/// environment variable `CRESCENT_PARALLEL=0` runs everything on the calling thread (for
/// benchmarks and debugging): the results are the same bit for bit.
public enum StrategyRunner {
  /// Runs the strategy table at stack slot `strategy` on `bars` (several symbols share one
  /// account). Leaves the stack as it found it. Strategy problems throw `StrategyError`,
  /// Lua errors in `signals`/`on_bar` throw `LuaError`; an error in `risk` rejects the entry
  /// it reviewed (`StrategyRiskReview`) unless a budget ran out.
  public static func run(
    state: LuaState, strategy index: Int32, name: String, bars allBars: [Bars], options: RunOptions,
    overrides: [(name: String, value: ParamValue)] = []
  ) throws -> BacktestRun {
    let stack = state.stack
    let strategy = stack.absoluteIndex(index)
    let base = stack.top
    // The params table, the event form's slots (on_bar, ctx, bar, 7 keys), risk, a call's
    // arguments and the risk review's tables stay well under this.
    guard stack.reserve(48) else { throw LuaMessageError("stack overflow: no room to run a strategy") }
    defer { stack.top = base }
    let spec = try StrategySpec.read(
      stack: stack, index: strategy, fallbackName: name, overrides: overrides, overrideTexts: options.paramTexts,
      cash: options.cash)
    // Slicing copies every column: only when a range was asked for.
    let bars = options.from == nil && options.to == nil ? allBars : allBars.map { $0.slice(from: options.from, to: options.to) }
    if let empty = bars.firstIndex(where: { $0.count == 0 }) {
      throw LuaMessageError(
        "no bars of \(bars[empty].symbol.isEmpty ? "input \(empty + 1)" : bars[empty].symbol) in the selected range",
        kind: .data)
    }
    spec.params.push(on: stack)
    let params = stack.top
    var inputs: [BacktestInput] = []
    for (n, symbolBars) in bars.enumerated() {
      var signals: [SignalSet] = []
      if spec.form == .signals {
        let field = bars.count == 1 ? "signals(bars, p)" : "signals(bars[\(n + 1)], p)"
        signals = try StrategySignals.compute(state: state, strategy: strategy, params: params, bars: symbolBars, field: field)
      }
      inputs.append(BacktestInput(bars: symbolBars, signals: signals))
    }
    let reviewer = spec.hasRisk ? StrategyRiskReview(state: state, strategy: strategy) : nil
    let review: EntryReview? = reviewer.map { reviewer in { try reviewer.review($0) } }
    let parallel = ProcessInfo.processInfo.environment["CRESCENT_PARALLEL"] != "0"
    var result: BacktestResult
    do {
      if spec.form == .onBar {
        let handler = StrategyEventHandler(state: state, strategy: strategy, params: params, bars: bars)
        result = try Backtest.run(inputs, config: spec.config, onBar: handler.handle, review: review, parallel: parallel)
      } else {
        result = try Backtest.run(inputs, config: spec.config, onBar: nil, review: review, parallel: parallel)
      }
    } catch let error as SimulationError {
      throw StrategyError(error)
    }
    return BacktestRun(strategy: spec, result: result, bars: bars)
  }
}
