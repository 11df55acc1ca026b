import Analytics
import Foundation
import LuaBindings
import Simulator

/// The sweep's outputs: results.csv, heatmap.png, sweep.json and the console summary.
enum SweepReport {
  /// Writes the folder's files: results.csv, heatmap.png (two numeric parameters) and
  /// sweep.json. Returns whether a heatmap was drawn.
  @discardableResult
  static func write(
    csv: String, table: SweepTable, grid: SweepGrid, manifest: SweepManifest, strategyName: String, to directory: URL
  ) throws -> Bool {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(csv.utf8).write(to: directory.appendingPathComponent("results.csv"))
    let drawn = try SweepCharts.writeHeatmap(
      table, grid: grid, metric: manifest.metric, minTrades: manifest.minTrades,
      title: "\(strategyName): \(manifest.metric)", to: directory)
    try manifest.write(to: directory)
    return drawn
  }

  /// The best rows as a console table: rank, the parameters, the metric and a few stats.
  static func summary(_ table: SweepTable, metric: String, minTrades: Int, limit: Int = 10) -> String {
    let ranked = table.ranked(by: metric, minTrades: minTrades)
    var text = "\(table.rows.count) combinations"
    if minTrades > 0 { text += ", \(ranked.count) with at least \(minTrades) trades and a defined \(metric)" }
    text += "\n"
    guard !ranked.isEmpty else { return text + "no combination qualifies: nothing to rank by \(metric)\n" }
    var columns = ["rank"] + table.paramNames
    for key in [metric, "return_pct", "sharpe", "max_drawdown_pct", "trades"] where !columns.contains(key) {
      columns.append(key)
    }
    var lines = [columns]
    for (rank, row) in ranked.prefix(limit).enumerated() {
      var cells = [String(rank + 1)] + row.params.map(\.description)
      for key in columns.dropFirst(1 + table.paramNames.count) { cells.append(format(row.metric(key))) }
      lines.append(cells)
    }
    let widths = columns.indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
    text += "best by \(metric):\n"
    for line in lines {
      text += zip(line, widths).map { cell, width in String(repeating: " ", count: width - cell.count) + cell }
        .joined(separator: "  ") + "\n"
    }
    return text
  }

  static func format(_ x: Double) -> String {
    guard x.isFinite else { return "-" }
    return x == x.rounded() && abs(x) < 1e12 ? String(Int(x)) : String(format: "%.4g", x)
  }

  /// `--json`: the best row (null when none qualifies) and the counts.
  static func json(_ table: SweepTable, metric: String, minTrades: Int) -> String {
    let best = table.best(by: metric, minTrades: minTrades)
    var object: [String: Any] = [
      "metric": metric, "combinations": table.rows.count,
      "eligible": table.ranked(by: metric, minTrades: minTrades).count,
    ]
    if let best {
      var params: [String: Any] = [:]
      for (name, value) in zip(table.paramNames, best.params) {
        switch value {
        case let .integer(n): params[name] = n
        case let .number(x): params[name] = x
        case let .boolean(b): params[name] = b
        case let .string(s): params[name] = s
        }
      }
      var stats: [String: Any] = [:]
      for (key, value) in best.stats {
        switch value {
        case let .text(s): stats[key] = s
        case let .integer(n): stats[key] = n
        case let .number(x): stats[key] = x.isFinite ? x : NSNull()
        }
      }
      object["best"] = ["params": params, "stats": stats]
    } else {
      object["best"] = NSNull()
    }
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
