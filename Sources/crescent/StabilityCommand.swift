import Analytics
import ArgumentParser
import Foundation
import LuaBindings
import MarketData

/// `crescent stability STRATEGY --data F`: the same parameters backtested on each of N
/// sub-periods (or calendar years), with each statistic's spread; writes stability.csv.
struct StabilityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stability",
    abstract: "Backtest one parameter set over sub-periods and measure how much each statistic moves.",
    discussion: """
      --periods N cuts the bars into N consecutive slices of equal bar counts (default 5); \
      --by year into UTC calendar years. Each slice is a fresh backtest with the same cash and \
      parameters. Writes --out DIR (default runs/<strategy>-stability-<UTC time>/) \
      stability.csv: one row per period with stats.json's numeric keys, then the rows mean, \
      std (sample), min, max and cv (std / |mean|, only when all values share one sign).
      """)

  @OptionGroup var options: ScriptOptions

  @OptionGroup var input: StrategyArguments

  @Option(help: ArgumentHelp("Number of equal sub-periods (default 5).", valueName: "n"))
  var periods: Int?

  @Option(help: ArgumentHelp("Split by calendar period instead: year.", valueName: "unit"))
  var by: String?

  @Option(help: ArgumentHelp("Folder to write.", valueName: "dir"))
  var out: String?

  @Flag(help: "Print the periods and dispersion as JSON instead of the table.")
  var json = false

  func validate() throws {
    if periods != nil && by != nil { throw ValidationError("give --periods or --by, not both") }
    if let by, by != "year" { throw ValidationError("--by must be year, got \"\(by)\"") }
    if let periods, periods < 1 { throw ValidationError("--periods must be an integer >= 1, got \(periods)") }
  }

  func run() throws {
    let job = input.job(from: nil, to: nil, script: options)
    let bars = try job.loadBars()
    let split: StabilitySplit = by == nil ? .periods(periods ?? 5) : .years
    let slices: [StabilityPeriod]
    do {
      slices = try Stability.periods(times: Stability.mergedTimes(bars.map(\.time)), split: split)
    } catch {
      let flag = by == nil ? "--periods" : "--by year"
      FileHandleOutput.standardError.write("crescent: \(flag): \(error.requirement) (\(job.data.joined(separator: ",")))\n")
      throw ExitCode(ExitStatus.usage)
    }
    let status = StatusLine()
    var stats: [PerformanceStats] = []
    for (k, slice) in slices.enumerated() {
      status.show("period \(k + 1)/\(slices.count) (\(slice.label))…")
      var periodJob = job
      periodJob.from = UTCTime.iso(slice.from)
      periodJob.to = slice.to.map(UTCTime.iso)
      do {
        stats.append(try periodJob.execute(bars: bars).stats)
      } catch {
        status.clear()
        throw error
      }
    }
    status.clear()
    let report = StabilityReport(periods: slices, stats: stats)
    let directory = URL(fileURLWithPath: out ?? BacktestCommand.defaultFolder(StrategyFile.baseName(input.strategy) + "-stability"))
    do {
      try report.write(to: directory)
    } catch {
      FileHandleOutput.standardError.write("crescent: cannot write \(directory.path): \(error)\n")
      throw ExitCode(ExitStatus.scriptError)
    }
    if json {
      FileHandleOutput.standardOutput.write(report.json)
    } else {
      FileHandleOutput.standardOutput.write(Self.table(report) + "\nfolder: \(directory.relativePath)\n")
    }
  }

  /// Headline statistics per period, then their dispersion.
  static let shown = ["trades", "return_pct", "sharpe", "max_drawdown_pct", "win_rate_pct", "profit_factor"]

  static func table(_ report: StabilityReport) -> String {
    func cell(_ text: String, _ width: Int = 18) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
    func number(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "—" }
    var lines = [cell("period", 24) + shown.map { cell($0) }.joined()]
    for (period, row) in zip(report.periods, report.table) {
      let name = "\(period.label) \(UTCTime.iso(period.from).prefix(10))"
      lines.append(cell(name, 24) + shown.map { cell(number(row[$0] ?? .nan)) }.joined())
    }
    let spread = Dictionary(uniqueKeysWithValues: report.dispersion.map { ($0.key, $0.value) })
    for (name, pick) in [("mean", \Dispersion.mean), ("std", \.std), ("min", \.min), ("max", \.max), ("cv", \.cv)] {
      lines.append(cell(name, 24) + shown.map { cell(number(spread[$0]?[keyPath: pick] ?? .nan)) }.joined())
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
