import Analytics
import Foundation
import MarketData
import Simulator

/// A paper-trading session backed by a state directory: a new run, or the resumption of the
/// one saved there.
public enum DryRun {
  /// Opens the state in `directory` and returns an engine that commits to it, resumed from the
  /// last checkpoint when one exists (its committed fills are known to the paper broker, so a
  /// resubmitted client id returns the same fill). A finished run stays finished. Orders the
  /// previous process left in flight are settled with the broker first (`Engine.recover`).
  public static func open(
    directory: String, symbols: [String], timeframe: Timeframe, config: SimulationConfig,
    strategy: any Strategy,
    limits: RiskLimits = RiskLimits(), review: RiskReview? = nil, window: Int = 500, runId: String = "run",
    clock: (() -> Int64)? = nil
  ) throws(ExecutionError) -> Engine<PaperBroker> {
    try open(
      directory: directory, symbols: symbols, timeframe: timeframe, config: config, strategy: strategy,
      limits: limits, review: review, window: window, runId: runId, clock: clock
    ) { fills throws(ExecutionError) in PaperBroker(costs: config.costs, fills: fills) }
  }
}

extension DryRun {
  /// Writes trades.csv, equity.csv and stats.json for the engine's run into `directory`
  /// (Analytics' `RunWriters`, the backtest's formats).
  public static func writeReports<B: Broker>(
    _ engine: Engine<B>, to directory: URL, periodsPerYear: Double? = nil
  ) throws(ExecutionError) {
    let result = engine.result()
    do {
      try RunWriters.write(
        result, stats: PerformanceStats(result, periodsPerYear: periodsPerYear), to: directory)
    } catch {
      throw .state("cannot write the reports to \(directory.path): \(error)")
    }
  }
}
