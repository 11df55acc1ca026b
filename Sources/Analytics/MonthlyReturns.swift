import MarketData
import Simulator

/// One calendar month's return of an equity curve (see `CalendarMonths.returns`).
public typealias MonthlyReturn = MonthReturn

public enum MonthlyReturns {
  /// Monthly returns in UTC calendar months, ascending; months without bars (or without a
  /// finite equity) are absent. See `CalendarMonths.returns`.
  public static func compute(time: [Int64], equity: [Double]) -> [MonthlyReturn] {
    CalendarMonths.returns(time: time, values: equity)
  }

  public static func compute(_ result: BacktestResult) -> [MonthlyReturn] {
    compute(time: result.time, equity: result.equity)
  }

  /// A year × month grid of percent returns with a compounded `year` column, aligned for a
  /// terminal; months without bars show `-`.
  public static func render(_ months: [MonthlyReturn]) -> String {
    let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    let header = ["year"] + names + ["year"]
    var rows: [[String]] = []
    var byYear: [Int: [Int: Double]] = [:]
    for m in months { byYear[m.year, default: [:]][m.month] = m.percent }
    for year in byYear.keys.sorted() {
      let values = byYear[year] ?? [:]
      var growth = 1.0
      var row = [String(year)]
      for month in 1...12 {
        if let r = values[month] {
          growth *= 1 + r / 100
          row.append(ConsoleReport.format(r))
        } else {
          row.append("-")
        }
      }
      row.append(ConsoleReport.format((growth - 1) * 100))
      rows.append(row)
    }
    let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
    return ([header] + rows).map { cells in
      cells.indices.map { c in ConsoleReport.padLeft(cells[c], widths[c]) }.joined(separator: " ")
    }.joined(separator: "\n") + "\n"
  }
}

/// Buy-and-hold benchmarks.
public enum Benchmark {
  /// The equity of `cash` invested at the first close and held: cash × close / first close.
  public static func buyAndHold(_ bars: Bars, cash: Double) -> [Double] {
    guard let first = bars.close.first, first > 0 else { return bars.close.map { _ in .nan } }
    return bars.close.map { cash * $0 / first }
  }
}
