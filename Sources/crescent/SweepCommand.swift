import ArgumentParser
import Analytics
import Foundation
import LuaBindings
import Simulator

/// `crescent sweep`: `crescent sweep STRATEGY ...` runs a sweep (the default subcommand,
/// also `crescent sweep run`), `crescent sweep merge` combines shards.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Backtest a strategy over a parameter grid, in parallel; merge sweep shards.",
    subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
    defaultSubcommand: SweepRunCommand.self)
}

/// `crescent sweep STRATEGY --data F --grid k=a:b:step ...`: backtests every combination of
/// a parameter grid (or a seeded random sample of it) on all cores and writes results.csv,
/// heatmap.png and sweep.json.
struct SweepRunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Backtest a strategy over a parameter grid, in parallel (the default).",
    discussion: """
      --grid name=a:b:step is an inclusive range (a:b steps by 1; integers stay integers, \
      decimals are rounded to the decimals written, so 0.1:0.3:0.1 is 0.1, 0.2, 0.3); \
      --grid name=v1,v2,... lists values (numbers, true/false or text). Combinations are \
      enumerated like nested loops in the order the grids are given (the last one fastest). \
      --random N --seed S runs N distinct combinations drawn with seed S, in grid order.

      Writes --out DIR (default runs/<strategy>-sweep-<UTC time>/): results.csv (one row \
      per combination in enumeration order: the parameters, then the stats.json keys), \
      heatmap.png (two numeric parameters), sweep.json (the sweep and its inputs' SHA-256s). \
      The console shows the best rows by --metric (any numeric stats.json key; higher is \
      better; ties go to the earlier combination) among those with at least --min-trades.

      --shard i/N runs combinations j with j mod N = i - 1 (1-based i), for batch systems; \
      `crescent sweep merge DIR... --out DIR` combines the shard folders into the folder \
      the unsharded sweep would have written.
      """)

  @OptionGroup var options: ScriptOptions

  @Argument(help: "The strategy file.")
  var strategy: String

  @OptionGroup var inputs: SweepInputs

  @Option(help: ArgumentHelp("Run shard i of N (1-based): combinations j with j mod N = i - 1.", valueName: "i/N"))
  var shard: String?

  @Option(help: ArgumentHelp("Sweep folder to write.", valueName: "dir"))
  var out: String?

  @Flag(help: "Print the best row as JSON instead of the table.")
  var json = false

  @Option(help: ArgumentHelp("Indicator memo: shared (default), worker or off.", valueName: "scope"))
  var memo = IndicatorMemo.Scope.shared.rawValue

  func validate() throws {
    if IndicatorMemo.Scope(rawValue: memo) == nil { throw ValidationError("--memo must be shared, worker or off, got \"\(memo)\"") }
  }

  func run() throws {
    let shard: SweepShard = try SweepSetup.usage { try self.shard.map { try SweepShard(parsing: $0) } ?? SweepShard.whole }
    let setup = try inputs.prepare(strategy: strategy, script: options, command: "sweep")
    let (metric, minTrades) = (inputs.metric, inputs.minTrades)
    let request = SweepRequest(
      strategyPath: strategy, bars: setup.bars, plan: setup.plan, positions: Array(shard.positions(of: setup.plan.count)),
      options: setup.options, jobs: inputs.workerCount, stateOptions: options.stateOptions,
      timeout: options.timeout, memo: IndicatorMemo.Scope(rawValue: memo) ?? .shared)
    let progress = SweepProgress(label: "sweep")
    let rows = try SweepSetup.checked(strategy: strategy) {
      try SweepRunner.run(request) { done, total in progress.update(done: done, total: total) }
    }
    progress.finish()
    let table = SweepTable(paramNames: setup.plan.grid.names, rows: rows)
    let manifest = try SweepManifest(
      crescentVersion: CrescentLibrary.version, strategy: .init(path: strategy, sha256: RunManifest.digest(strategy)),
      data: setup.data.map { .init(path: $0, sha256: try RunManifest.digest($0)) }, grid: inputs.grid,
      random: inputs.random, seed: inputs.random == nil ? nil : inputs.seed, params: inputs.params, cash: inputs.cash,
      from: inputs.from, to: inputs.to, metric: metric,
      minTrades: minTrades, combinations: setup.plan.count, shard: shard.description, rows: rows.count)
    let directory = URL(fileURLWithPath: out ?? SweepSetup.defaultFolder(strategy, kind: "sweep"))
    do {
      try SweepReport.write(
        csv: SweepCSV.text(table), table: table, grid: setup.plan.grid, manifest: manifest,
        strategyName: StrategyFile.baseName(strategy), to: directory)
    } catch {
      SweepSetup.fail("cannot write the sweep folder \(directory.path): \(error.localizedDescription)", ExitStatus.scriptError)
    }
    if json {
      FileHandleOutput.standardOutput.write(SweepReport.json(table, metric: metric, minTrades: minTrades))
    } else {
      let scope = shard == .whole ? "" : "shard \(shard) of the sweep: "
      FileHandleOutput.standardOutput.write(scope + SweepReport.summary(table, metric: metric, minTrades: minTrades))
      FileHandleOutput.standardOutput.write("\nsweep folder: \(directory.relativePath)\n")
    }
  }
}
