import ArgumentParser
import Foundation
import LuaBindings
import MarketData

/// `crescent check STRATEGY`: loads and validates a strategy, then runs it on synthetic bars
/// (or `--data`) and prints a short summary. Exit 1 on any problem.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Load, validate and trial-run a strategy on synthetic bars.")

  @OptionGroup var options: ScriptOptions

  @Argument(help: "The strategy file.")
  var strategy: String

  @Option(name: .customLong("param"), help: ArgumentHelp("Override a strategy parameter (repeatable).", valueName: "name=value"))
  var params: [String] = []

  @Option(help: ArgumentHelp("Bar files to try instead of synthetic bars.", valueName: "files"))
  var data: [String] = []

  @Option(help: ArgumentHelp("Number of synthetic hourly bars.", valueName: "n"))
  var bars = 2000

  func run() throws {
    let job = BacktestJob(
      strategy: strategy, data: BacktestJob.expand(data), params: params, cash: nil, from: nil, to: nil,
      timeout: options.timeout, sandbox: options.sandbox, maxMemory: options.maxMemory)
    let input: [Bars]
    let source: String
    if job.data.isEmpty {
      var generator = SyntheticBars(count: bars)
      generator.timeframe = Timeframe("1h") ?? generator.timeframe
      generator.seed = 7
      generator.volatility = 0.01
      generator.symbol = "SYNTH"
      guard bars > 0, let synthetic = try? generator.generate() else {
        throw ValidationError("--bars must be a positive number of bars, got \(bars)")
      }
      input = [synthetic]
      source = "\(bars) synthetic 1h bars (seed 7)"
    } else {
      input = try job.loadBars()
      source = job.data.joined(separator: ", ")
    }
    let run = try job.execute(bars: input)
    let spec = run.strategy
    let params = spec.params.values.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
    let stats = run.stats
    print(
      """
      ok: \(strategy): '\(spec.name)', \(spec.form == .signals ? "vectorized (signals)" : "event form (on_bar)")\(spec.hasRisk ? " with risk review" : "")
      params: \(params.isEmpty ? "none" : params)
      fill \(spec.config.fill.rawValue), intrabar \(spec.config.intrabar.rawValue), pyramiding \(spec.config.pyramiding)
      on \(source): \(stats.trades) trades, return \(String(format: "%.2f", stats.returnPercent))%, \(run.result.rejections.count) rejected orders
      """)
  }
}
