import Analytics
import Foundation

/// Writes more files into a run folder (charts, for instance) after the standard ones.
public protocol RunArtefactWriter: Sendable {
  /// Writes this artefact of `run` into `directory`, which exists.
  func write(_ run: BacktestRun, to directory: URL) throws
}

/// A run folder: stats.json, trades.csv, equity.csv, report.txt, then each writer of
/// `artefacts` (the charts: equity.png, chart.png, monthly.png). `crescent backtest` adds
/// manifest.json beside them.
public enum RunFolder {
  /// Extra artefacts written into every run folder, in order.
  public static let artefacts: [any RunArtefactWriter] = RunCharts.all

  /// The standard files' names, in the order they are written.
  public static let files = ["stats.json", "trades.csv", "equity.csv", "report.txt"]

  /// Writes the run's files into `directory` (created if needed).
  public static func write(_ run: BacktestRun, to directory: URL, artefacts: [any RunArtefactWriter] = artefacts) throws {
    try RunWriters.write(run.result, stats: run.stats, to: directory)
    try Data(run.report(color: false).utf8).write(to: directory.appendingPathComponent("report.txt"))
    for artefact in artefacts { try artefact.write(run, to: directory) }
  }
}
