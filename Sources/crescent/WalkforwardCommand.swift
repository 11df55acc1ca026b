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
      --train and --test are bar counts (500) or durations (90d, 12w, 36h, 30m, 45s); both \
      the same kind. Rolling windows slide by one test length; --anchored keeps every \
      training window starting at the first bar. Each test window starts where its training \
      window ends (no overlap) and is backtested on its own bars with the parameters that \
      scored the highest --metric on the training window (at least --min-trades trades).

      Writes --out DIR (default runs/<strategy>-walkforward-<UTC time>/): \
      windows.csv (window, first/last bar times of train and test, the chosen parameters, \
      in_sample_<metric>, out_of_sample_<metric>), oos_equity.csv (time, equity, \
      drawdown_pct, window: each test window starts from the previous window's final \
      equity) and walkforward.png. Walk-forward efficiency = mean out-of-sample ÷ mean \
      in-sample metric (return_pct is compared as cagr_pct, annualised).
      """)

  @OptionGroup var options: ScriptOptions

  @Argument(help: "The strategy file.")
  var strategy: String

  @OptionGroup var inputs: SweepInputs

  @Option(help: ArgumentHelp("Training window: bars (500) or a duration (90d).", valueName: "length"))
  var train: String

  @Option(help: ArgumentHelp("Test window: bars (100) or a duration (30d).", valueName: "length"))
  var test: String

  @Flag(help: "Anchored windows: every training window starts at the first bar.")
  var anchored = false

  @Option(help: ArgumentHelp("Folder to write.", valueName: "dir"))
  var out: String?

  func run() throws {
    let (trainLength, testLength) = try SweepSetup.usage {
      (try WindowLength.parse(train, option: "train"), try WindowLength.parse(test, option: "test"))
    }
    let setup = try inputs.prepare(strategy: strategy, script: options, command: "walkforward")
    let metric = inputs.metric
    let sweep = SweepRequest(
      strategyPath: strategy, bars: setup.bars, plan: setup.plan, options: setup.options,
      jobs: inputs.workerCount, stateOptions: options.stateOptions, timeout: options.timeout)
    let request = WalkForwardRequest(
      sweep: sweep, train: trainLength, test: testLength, anchored: anchored, metric: metric, minTrades: inputs.minTrades)
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
