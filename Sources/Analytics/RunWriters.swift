import Foundation
import MarketData
import Simulator

/// The run output files: trades.csv, equity.csv and stats.json, as text or written to a
/// directory. Numbers use Swift's shortest round-trip form; times are ISO-8601 UTC.
public enum RunWriters {
  public static let tradesHeader =
    "symbol,side,tag,entry_time,entry_price,exit_time,exit_price,qty,pnl,return_pct,exit_reason,bars_held,mae_pct,mfe_pct"

  /// trades.csv: one row per closed trade or part, in closing order.
  public static func tradesCSV(_ trades: [Trade]) -> String {
    var text = tradesHeader + "\n"
    for t in trades {
      let fields = [
        csv(t.symbol), t.side.rawValue, csv(t.tag), UTCTime.iso(t.entryTime), number(t.entryPrice),
        UTCTime.iso(t.exitTime), number(t.exitPrice), number(t.quantity), number(t.pnl),
        number(t.returnPercent), t.exitReason.rawValue, String(t.barsHeld), number(t.maePercent),
        number(t.mfePercent),
      ]
      text += fields.joined(separator: ",") + "\n"
    }
    return text
  }

  /// equity.csv: `time,equity,drawdown_pct` with drawdown_pct = (E / running peak − 1) × 100.
  public static func equityCSV(time: [Int64], equity: [Double]) -> String {
    let drawdowns = RiskMetrics.drawdowns(equity)
    var text = "time,equity,drawdown_pct\n"
    for i in 0..<min(time.count, equity.count) {
      text += UTCTime.iso(time[i]) + "," + number(equity[i]) + "," + number(drawdowns[i] * 100) + "\n"
    }
    return text
  }

  /// stats.json: one flat object, keys in the documented order, NaN and infinities as null.
  public static func statsJSON(_ stats: PerformanceStats) -> String {
    let members = stats.keyedValues.map { key, value -> String in
      let rendered: String
      switch value {
      case let .text(text): rendered = json(text)
      case let .integer(n): rendered = String(n)
      case let .number(x): rendered = x.isFinite ? number(x) : "null"
      }
      return "  " + json(key) + ": " + rendered
    }
    return "{\n" + members.joined(separator: ",\n") + "\n}\n"
  }

  /// Writes trades.csv, equity.csv and stats.json into `directory` (created if needed).
  public static func write(_ result: BacktestResult, stats: PerformanceStats, to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(tradesCSV(result.trades).utf8).write(to: directory.appendingPathComponent("trades.csv"))
    try Data(equityCSV(time: result.time, equity: result.equity).utf8)
      .write(to: directory.appendingPathComponent("equity.csv"))
    try Data(statsJSON(stats).utf8).write(to: directory.appendingPathComponent("stats.json"))
  }

  /// A finite number in shortest round-trip form; empty for NaN and infinities.
  static func number(_ x: Double) -> String {
    x.isFinite ? "\(x)" : ""
  }

  /// A CSV field, quoted when it holds a comma, quote or line break.
  static func csv(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A JSON string literal.
  static func json(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
