import ArgumentParser
import Analytics
import Foundation
import LuaBindings
import MarketData
import Simulator

/// `crescent walkforward STRATEGY --data F --grid ... --train N --test M`: optimises the
/// grid on each training window, trades the best combination on the next test window, and
/// writes windows.csv, oos_equity.csv and walkforward.png with the walk-forward efficiency.
struct WalkforwardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "walkforward",
    abstract: "Walk-forward analysis: optimise on rolling (or anchored) windows, test on the next.",
    discussion: """
      --train and --test are bar counts (500) or durations (90d, 12w, 36h, 30m, 45s); both
      the same kind. Rolling windows slide by one test length; --anchored keeps every
      training window starting at the first bar. Each test window starts where its training
      window ends (no overlap) and is backtested on its own bars with the parameters that
      scored the highest --metric on the training window (at least --min-trades trades).

      Writes --out DIR (default runs/<strategy>-walkforward-<UTC time>/):
      windows.csv (window, first/last bar times of train and test, the chosen parameters,
      in_sample_<metric>, out_of_sample_<metric>), oos_equity.csv (time, equity,
      drawdown_pct, window: each test window starts from the previous window's final
      equity) and walkforward.png. Walk-forward efficiency = mean out-of-sample ÷ mean
      in-sample metric (return_pct is compared as cagr_pct, annualised).
      """)

  @OptionGroup var options: ScriptOptions

  @Argument(help: "The strategy file.")
  var strategy: String

  @Option(help: ArgumentHelp("Bar files (comma-separated) or a folder; windows follow the first file's times.", valueName: "files"))
  var data: [String] = []

  @Option(help: ArgumentHelp("A swept parameter: name=a:b:step or name=v1,v2,... (repeatable).", valueName: "name=values"))
  var grid: [String] = []

  @Option(help: ArgumentHelp("Training window: bars (500) or a duration (90d).", valueName: "length"))
  var train: String

  @Option(help: ArgumentHelp("Test window: bars (100) or a duration (30d).", valueName: "length"))
  var test: String

  @Flag(help: "Anchored windows: every training window starts at the first bar.")
  var anchored = false

  @Option(help: ArgumentHelp("The stats.json key to optimise (higher is better).", valueName: "key"))
  var metric = "sharpe"

  @Option(name: .customLong("min-trades"), help: ArgumentHelp("Choose only combinations with at least N training trades.", valueName: "N"))
  var minTrades = 0

  @Option(help: ArgumentHelp("Run N distinct random combinations per window instead of all.", valueName: "N"))
  var random: Int?

  @Option(help: ArgumentHelp("Seed of --random.", valueName: "S"))
  var seed: UInt64 = 1

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

  @Option(help: ArgumentHelp("Folder to write.", valueName: "dir"))
  var out: String?

  func validate() throws {
    if let cash, !(cash > 0 && cash.isFinite) { throw ValidationError("--cash must be a positive amount, got \(cash)") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    if minTrades < 0 { throw ValidationError("--min-trades must be 0 or more, got \(minTrades)") }
  }

  func run() throws {
    try SweepSetup.usage { try SweepTable.validate(metric: metric) }
    let (trainLength, testLength) = try SweepSetup.usage {
      (try WindowLength.parse(train, option: "train"), try WindowLength.parse(test, option: "test"))
    }
    let setup = try SweepSetup.prepare(
      strategy: strategy, data: data, grid: grid, random: random, seed: seed, params: params, cash: cash, from: from,
      to: to, script: options, command: "walkforward")
    let sweep = SweepRequest(
      strategyPath: strategy, bars: setup.bars, plan: setup.plan, options: setup.options,
      jobs: jobs ?? SweepRunner.defaultJobs, stateOptions: options.stateOptions, timeout: options.timeout)
    let request = WalkForwardRequest(
      sweep: sweep, train: trainLength, test: testLength, anchored: anchored, metric: metric, minTrades: minTrades)
    let progress = SweepProgress(label: "walk-forward")
    let report = try SweepSetup.checked(strategy: strategy) {
      try WalkForwardRunner.run(request) { done, total in progress.update(done: done, total: total) }
    }
    progress.finish()
    let directory = URL(fileURLWithPath: out ?? SweepSetup.defaultFolder(strategy, kind: "walkforward"))
    let names = setup.plan.grid.names
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(WalkforwardFiles.windowsCSV(report, names: names, metric: metric).utf8)
        .write(to: directory.appendingPathComponent("windows.csv"))
      try Data(WalkforwardFiles.equityCSV(report).utf8).write(to: directory.appendingPathComponent("oos_equity.csv"))
      if report.equity.count >= 2 {
        try SweepCharts.walkForward(
          time: report.time, equity: report.equity, windowStarts: report.windowStarts,
          title: "\(StrategyFile.baseName(strategy)): out-of-sample equity, \(report.steps.count) windows"
        ).save(to: directory.appendingPathComponent("walkforward.png").path, size: .init(width: 1200, height: 600))
      }
    } catch {
      SweepSetup.fail("cannot write the walk-forward folder \(directory.path): \(error.localizedDescription)", ExitStatus.scriptError)
    }
    FileHandleOutput.standardOutput.write(WalkforwardFiles.summary(report, names: names, metric: metric))
    FileHandleOutput.standardOutput.write("\nwalk-forward folder: \(directory.relativePath)\n")
  }
}
