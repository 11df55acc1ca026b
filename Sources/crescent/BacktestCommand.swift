import ArgumentParser
import Analytics
import Foundation
import LuaBindings
import MarketData

#if canImport(Glibc)
  import Glibc
#endif

/// `crescent backtest STRATEGY --data F[,F...]`: runs a strategy file, prints the report (or
/// stats.json with `--json`) and writes the run folder with its manifest.
struct BacktestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backtest",
    abstract: "Backtest a strategy file on bar files and write a run folder.",
    discussion: """
      Writes --out DIR (default runs/<strategy>-<UTC time>/): manifest.json, stats.json,
      trades.csv, equity.csv, report.txt, and the charts equity.png, chart.png and monthly.png
      (unless --no-plots). `crescent rerun DIR` reproduces it.
      """)

  @OptionGroup var options: ScriptOptions

  @OptionGroup var input: StrategyArguments

  @Option(help: ArgumentHelp("Keep bars from this time on (ISO-8601, UTC; inclusive).", valueName: "time"))
  var from: String?

  @Option(help: ArgumentHelp("Keep bars before this time (ISO-8601, UTC; exclusive).", valueName: "time"))
  var to: String?

  @Option(help: ArgumentHelp("Run folder to write.", valueName: "dir"))
  var out: String?

  @Flag(help: "Print stats.json to stdout instead of the report.")
  var json = false

  @Flag(name: .customLong("no-plots"), help: "Skip the charts (equity.png, chart.png, monthly.png).")
  var noPlots = false

  func run() throws {
    let job = input.job(from: from, to: to, script: options)
    let bars = try job.loadBars()
    let run = try job.execute(bars: bars)
    if json {
      FileHandleOutput.standardOutput.write(RunWriters.statsJSON(run.stats))
    } else {
      FileHandleOutput.standardOutput.write(run.report(color: isatty(1) == 1))
    }
    let directory = URL(fileURLWithPath: out ?? Self.defaultFolder(run.strategy.name))
    do {
      try RunFolder.write(run, to: directory, artefacts: noPlots ? [] : RunFolder.artefacts)
      try RunManifest(job: job, run: run).write(to: directory)
    } catch {
      FileHandleOutput.standardError.write("crescent: cannot write the run folder \(directory.path): \(error.localizedDescription)\n")
      throw ExitCode(ExitStatus.scriptError)
    }
    if !json { FileHandleOutput.standardOutput.write("\nrun folder: \(directory.relativePath)\n") }
  }

  /// `runs/<strategy>-<yyyyMMddTHHmmssZ>`.
  static func defaultFolder(_ name: String) -> String {
    let iso = UTCTime.iso(Int64(Date().timeIntervalSince1970) * 1_000_000_000)
    let compact = iso.filter { $0 != "-" && $0 != ":" }
    return "runs/\(name)-\(compact)"
  }
}
