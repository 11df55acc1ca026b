import Analytics
import ArgumentParser
import Foundation
import LuaBindings

#if canImport(Glibc)
  import Glibc
#endif

/// `crescent montecarlo STRATEGY --data F`: backtests once, then reruns the trades `--runs`
/// times (shuffled, bootstrapped or with ambiguous bars resolved at random) and writes
/// montecarlo.csv, montecarlo.json and montecarlo.png.
struct MonteCarloCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "montecarlo",
    abstract: "Monte Carlo over a backtest's trades: drawdown and return distributions.",
    discussion: """
      Methods: shuffle (the trades in a random order), bootstrap (as many trades drawn with \
      replacement), intrabar (each ambiguous bar resolved stop-first with probability \
      --stop-first). Paths compound each trade's P&L over the equity before it (--no-compound: \
      P&L adds in currency). Writes --out DIR (default runs/<strategy>-montecarlo-<UTC time>/): \
      montecarlo.csv (per run: final_equity, return_pct, max_drawdown_pct), montecarlo.json \
      (percentiles 5, 25, 50, 75, 95 and --percentile ones) and montecarlo.png. \
      The same --seed gives the same numbers on any machine.
      """)

  @OptionGroup var options: ScriptOptions

  @OptionGroup var input: StrategyArguments

  @Option(help: ArgumentHelp("Keep bars from this time on (ISO-8601, UTC; inclusive).", valueName: "time"))
  var from: String?

  @Option(help: ArgumentHelp("Keep bars before this time (ISO-8601, UTC; exclusive).", valueName: "time"))
  var to: String?

  @Option(help: ArgumentHelp("Number of simulated runs.", valueName: "n"))
  var runs = 1000

  @Option(help: ArgumentHelp("Random seed.", valueName: "s"))
  var seed: Int64 = 1

  @Option(help: ArgumentHelp("shuffle, bootstrap or intrabar.", valueName: "method"))
  var method = "shuffle"

  @Option(name: .customLong("percentile"), help: ArgumentHelp("Another percentile to report, in (0, 100) (repeatable).", valueName: "p"))
  var percentiles: [Double] = []

  @Flag(name: .customLong("no-compound"), help: "Add each trade's P&L in currency instead of compounding.")
  var noCompound = false

  @Option(help: ArgumentHelp("Report the share of runs whose equity fell to this fraction of the initial cash.", valueName: "fraction"))
  var ruin: Double?

  @Option(name: .customLong("stop-first"), help: ArgumentHelp("intrabar: probability that an ambiguous bar hits the stop first.", valueName: "p"))
  var stopFirst = 0.5

  @Option(help: ArgumentHelp("Folder to write.", valueName: "dir"))
  var out: String?

  @Flag(help: "Print montecarlo.json to stdout instead of the summary.")
  var json = false

  var studyOptions: MonteCarloOptions {
    MonteCarloOptions(
      runs: runs, seed: UInt64(bitPattern: seed), method: MonteCarloMethod(rawValue: method) ?? .shuffle,
      percentiles: percentiles, compound: !noCompound, ruin: ruin, stopFirstProbability: stopFirst)
  }

  func validate() throws {
    guard MonteCarloMethod(rawValue: method) != nil else {
      throw ValidationError("--method must be shuffle, bootstrap or intrabar, got \"\(method)\"")
    }
    do {
      try studyOptions.validate()
    } catch {
      let flag = ["stop_first": "stop-first", "percentiles": "percentile"][error.field] ?? error.field
      throw ValidationError("--\(flag) \(error.requirement)")
    }
  }

  func run() throws {
    let job = input.job(from: from, to: to, script: options)
    let status = StatusLine()
    status.show("backtesting \(StrategyFile.baseName(input.strategy))…")
    let bars = try job.loadBars()
    let backtest = try job.execute(bars: bars)
    status.show("simulating \(runs) runs…")
    let study: MonteCarloRun
    do {
      study = MonteCarloRun(name: backtest.strategy.name, result: try MonteCarlo.run(backtest.result, options: studyOptions))
    } catch {
      status.clear()
      FileHandleOutput.standardError.write("crescent: \(input.strategy): \(error)\n")
      throw ExitCode(ExitStatus.scriptError)
    }
    let directory = URL(fileURLWithPath: out ?? BacktestCommand.defaultFolder(backtest.strategy.name + "-montecarlo"))
    status.show("writing \(directory.relativePath)…")
    do {
      try study.write(to: directory)
    } catch {
      status.clear()
      FileHandleOutput.standardError.write("crescent: cannot write \(directory.path): \(error)\n")
      throw ExitCode(ExitStatus.scriptError)
    }
    status.clear()
    if json {
      FileHandleOutput.standardOutput.write(study.result.json)
    } else {
      FileHandleOutput.standardOutput.write(Self.summary(study.result) + "\nfolder: \(directory.relativePath)\n")
    }
  }

  /// A table of the percentiles of each metric, with the original order's value.
  static func summary(_ r: MonteCarloResult) -> String {
    let o = r.options
    var lines = ["Monte Carlo: \(o.method.rawValue), \(o.runs) runs of \(r.trades) trades, seed \(o.seed)"
      + (o.compound ? ", compounded" : ", P&L added")]
    if o.method == .intrabar { lines[0] += ", \(r.ambiguousExits) ambiguous bars, stop first p = \(o.stopFirstProbability)" }
    let columns = o.reportedPercentiles.map { "p" + MonteCarloResult.label($0) } + ["original"]
    func cell(_ text: String) -> String { String(repeating: " ", count: max(0, 12 - text.count)) + text }
    lines.append(String(repeating: " ", count: 18) + columns.map(cell).joined())
    for metric in MonteCarloMetric.allCases {
      let values = r.percentiles(metric).map(\.value) + [r.originalValue(metric)]
      let name = metric.rawValue + String(repeating: " ", count: max(0, 18 - metric.rawValue.count))
      lines.append(name + values.map { cell(String(format: "%.2f", $0)) }.joined())
    }
    if let p = r.ruinProbability, let ruin = o.ruin {
      lines.append("ruin (equity <= \(ruin) x initial cash): \(String(format: "%.2f", p * 100))% of runs")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// One line of progress on stderr when stderr is a terminal; nothing when piped.
struct StatusLine {
  let enabled = isatty(2) == 1

  func show(_ text: String) {
    if enabled { FileHandleOutput.standardError.write("\r\u{1B}[2K" + text) }
  }

  func clear() {
    if enabled { FileHandleOutput.standardError.write("\r\u{1B}[2K") }
  }
}
