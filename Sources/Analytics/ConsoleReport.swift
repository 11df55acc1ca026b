import Foundation
import Simulator

/// The plain-text report the console shows (and report.txt keeps): stats as an aligned
/// key/value list, then per-symbol and per-tag tables when there are several, rejections,
/// skipped entries and the ambiguity ledger. `color` adds ANSI colours (green gains, red
/// losses) for terminals; the text is otherwise identical.
public enum ConsoleReport {
  public static func render(_ result: BacktestResult, stats: PerformanceStats, color: Bool = false) -> String {
    var lines: [String] = []
    let width = stats.keyedValues.map(\.key.count).max() ?? 0
    for (key, value) in stats.keyedValues {
      let text: String
      var signed = 0.0
      switch value {
      case let .text(t): text = t
      case let .integer(n): text = String(n)
      case let .number(x):
        text = format(x)
        if key == "return_pct" || key == "cagr_pct" || key == "expectancy" { signed = x }
      }
      lines.append(pad(key, width) + "  " + paint(text, signed, color))
    }
    let symbols = TradeTable.bySymbol(result.trades)
    if symbols.count > 1 { lines += [""] + table("symbol", symbols, color) }
    let tags = TradeTable.byTag(result.trades)
    if tags.count > 1 { lines += [""] + table("tag", tags, color) }
    if !result.rejections.isEmpty {
      lines.append("")
      lines.append("rejected orders: \(result.rejections.count)")
      for r in result.rejections.prefix(5) {
        lines.append("  \(r.symbol) \(r.side.rawValue) bar \(r.bar + 1): \(r.reason)")
      }
      if result.rejections.count > 5 { lines.append("  …") }
    }
    let skipped = SkipReason.allCases.compactMap { reason in
      result.skipped[reason].map { "\(reason.rawValue) \($0)" }
    }
    if !skipped.isEmpty { lines.append("skipped entries: " + skipped.joined(separator: ", ")) }
    if result.ambiguity.count > 0 {
      let policies = IntrabarPolicy.allCases.map { "\($0.rawValue) \(format(result.ambiguity.pnl[$0] ?? 0))" }
      lines.append("ambiguous exits: \(result.ambiguity.count) (P&L of those bars: " + policies.joined(separator: ", ") + ")")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func table(_ title: String, _ rows: [TradeSummary], _ color: Bool) -> [String] {
    let header = [title, "trades", "win_rate_pct", "pnl", "avg_trade_pct", "profit_factor", "avg_bars_held"]
    let body = rows.map { row in
      [row.key.isEmpty ? "-" : row.key, String(row.trades), format(row.winRatePercent), format(row.pnl),
       format(row.avgReturnPercent), format(row.profitFactor), format(row.avgBarsHeld)]
    }
    let widths = header.indices.map { c in ([header[c]] + body.map { $0[c] }).map(\.count).max() ?? 0 }
    func line(_ cells: [String], _ signed: Double) -> String {
      cells.indices.map { c in
        let cell = c == 0 ? pad(cells[c], widths[c]) : padLeft(cells[c], widths[c])
        return c == 3 ? paint(cell, signed, color) : cell
      }.joined(separator: "  ")
    }
    return [line(header, 0)] + zip(body, rows).map { line($0, $1.pnl) }
  }

  /// Numbers with two decimals (four below 1 in magnitude), "-" for NaN.
  static func format(_ x: Double) -> String {
    if x.isNaN { return "-" }
    if x.isInfinite { return x > 0 ? "inf" : "-inf" }
    let digits = abs(x) < 1 && x != 0 ? 4 : 2
    let scale = digits == 4 ? 10_000.0 : 100.0
    let rounded = (x * scale).rounded() / scale
    var text = "\(abs(rounded))"
    if text.contains("e") { return "\(x)" }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    text = String(parts[0]) + "." + fraction.padding(toLength: digits, withPad: "0", startingAt: 0)
    return (rounded < 0 ? "-" : "") + text
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  static func padLeft(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  static func paint(_ text: String, _ signed: Double, _ color: Bool) -> String {
    guard color, signed != 0, !signed.isNaN else { return text }
    return (signed > 0 ? "\u{1B}[32m" : "\u{1B}[31m") + text + "\u{1B}[0m"
  }
}
