import ArgumentParser
import Analytics
import LuaBindings

/// The options `sweep` and `walkforward` share: data, grid, ranking, workers, fixed params.
struct SweepInputs: ParsableArguments {
  @Option(help: ArgumentHelp("Bar files (comma-separated, repeatable) or a folder; several share one account.", valueName: "files"))
  var data: [String] = []

  @Option(help: ArgumentHelp("A swept parameter: name=a:b:step or name=v1,v2,... (repeatable).", valueName: "name=values"))
  var grid: [String] = []

  @Option(help: ArgumentHelp("Run N distinct random combinations of the grid instead of all.", valueName: "N"))
  var random: Int?

  @Option(help: ArgumentHelp("Seed of --random.", valueName: "S"))
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("The stats.json key to rank by (higher is better).", valueName: "key"))
  var metric = "sharpe"

  @Option(name: .customLong("min-trades"), help: ArgumentHelp("Rank only combinations with at least N trades.", valueName: "N"))
  var minTrades = 0

  @Option(help: ArgumentHelp("Worker threads (default: all cores).", valueName: "N"))
  var jobs: Int?

  @Option(name: .customLong("param"), help: ArgumentHelp("Fix a parameter that is not swept (repeatable).", valueName: "name=value"))
  var params: [String] = []

  @Option(help: ArgumentHelp("Starting cash (default: the strategy's, else 10000).", valueName: "amount"))
  var cash: Double?

  @Option(help: ArgumentHelp("Keep bars from this time on (ISO-8601, UTC; inclusive).", valueName: "time"))
  var from: String?

  @Option(help: ArgumentHelp("Keep bars before this time (ISO-8601, UTC; exclusive).", valueName: "time"))
  var to: String?

  func validate() throws {
    if let cash, !(cash > 0 && cash.isFinite) { throw ValidationError("--cash must be a positive amount, got \(cash)") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    if minTrades < 0 { throw ValidationError("--min-trades must be 0 or more, got \(minTrades)") }
  }

  var workerCount: Int { jobs ?? SweepRunner.defaultJobs }

  /// Checks the metric and loads everything (see `SweepSetup.prepare`).
  func prepare(strategy: String, script: ScriptOptions, command: String) throws -> SweepSetup {
    try SweepSetup.usage { try SweepTable.validate(metric: metric) }
    return try SweepSetup.prepare(
      strategy: strategy, data: data, grid: grid, random: random, seed: seed, params: params, cash: cash, from: from,
      to: to, script: script, command: command)
  }
}
