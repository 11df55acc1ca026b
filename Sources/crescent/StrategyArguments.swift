import ArgumentParser

/// The strategy, its data, parameter overrides and cash: what every study command runs.
struct StrategyArguments: ParsableArguments {
  @Argument(help: "The strategy file (a Lua file returning a strategy table).")
  var strategy: String

  @Option(help: ArgumentHelp("Bar files (comma-separated, repeatable) or a folder of them; several share one account.", valueName: "files"))
  var data: [String] = []

  @Option(name: .customLong("param"), help: ArgumentHelp("Override a strategy parameter (repeatable).", valueName: "name=value"))
  var params: [String] = []

  @Option(help: ArgumentHelp("Starting cash (default: the strategy's, else 10000).", valueName: "amount"))
  var cash: Double?

  func validate() throws {
    if let cash, !(cash > 0 && cash.isFinite) { throw ValidationError("--cash must be a positive amount, got \(cash)") }
  }

  /// The backtest these arguments describe, over bars with from <= time < to.
  func job(from: String?, to: String?, script: ScriptOptions) -> BacktestJob {
    BacktestJob(
      strategy: strategy, data: BacktestJob.expand(data), params: params, cash: cash, from: from, to: to,
      timeout: script.timeout, sandbox: script.sandbox, maxMemory: script.maxMemory)
  }
}
