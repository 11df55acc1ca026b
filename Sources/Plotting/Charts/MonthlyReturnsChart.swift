import MarketData

/// Monthly returns in percent: one row per year, twelve values per row (NaN = no data).
public struct MonthlyReturns: Sendable, Equatable {
  public var years: [Int]
  /// `values[row][month - 1]`, percent (2.5 means +2.5%).
  public var values: [[Double]]

  public init(years: [Int], values: [[Double]]) throws {
    guard values.count == years.count else {
      throw PlotError.lengthMismatch(name: "values (rows)", expected: years.count, got: values.count)
    }
    for (i, row) in values.enumerated() where row.count != 12 {
      throw PlotError.lengthMismatch(name: "values[\(i + 1)] (months)", expected: 12, got: row.count)
    }
    self.years = years
    self.values = values
  }

  /// Compounded monthly returns of an equity curve: each month's last finite equity against
  /// the previous month's last (the first month against the first value). Times are UTC.
  public static func from(time: [Int64], equity: [Double]) throws -> MonthlyReturns {
    guard time.count == equity.count else {
      throw PlotError.lengthMismatch(name: "equity", expected: time.count, got: equity.count)
    }
    let months = CalendarMonths.returns(time: time, values: equity)
    guard let first = months.first, let last = months.last else {
      return try MonthlyReturns(years: [], values: [])
    }
    let years = Array(first.year...last.year)
    var values = [[Double]](repeating: [Double](repeating: .nan, count: 12), count: years.count)
    for m in months { values[m.year - first.year][m.month - 1] = m.percent }
    return try MonthlyReturns(years: years, values: values)
  }

  /// Each year's compounded return in percent (NaN when the year has no finite month).
  public var yearly: [Double] {
    values.map { row in
      let finite = row.filter(\.isFinite)
      return finite.isEmpty ? .nan : (finite.reduce(1) { $0 * (1 + $1 / 100) } - 1) * 100
    }
  }
}

/// A heatmap of monthly returns with the value in each cell and a yearly column.
/// Colours diverge from the pane colour: profit colour for gains, loss colour for losses,
/// saturating at the largest absolute monthly return.
public struct MonthlyReturnsChart: Chart {
  public var returns: MonthlyReturns
  public var title: String?

  public init(returns: MonthlyReturns, title: String? = "Monthly returns (%)") {
    self.returns = returns
    self.title = title
  }

  public func render(size: ChartSize, theme: Theme) throws -> Canvas {
    var f = try Frame(size: size, theme: theme)
    let s = f.s
    let top = f.title(title)
    let rows = returns.years.count
    guard rows > 0 else {
      f.canvas.draw(text: "No data", at: Point(f.width / 2, f.height / 2), font: f.legendFont,
                    color: theme.mutedText, align: .center, baseline: .middle)
      return f.canvas
    }
    let labelW = f.tickFont.measure("0000") + 14 * s
    let headerH = Double(f.tickFont.lineHeight) + 8 * s
    let grid = Rect(x: 10 * s + labelW, y: top + headerH, width: f.width - 20 * s - labelW,
                    height: f.height - top - headerH - 10 * s)
    let cols = 13
    let gap = 10 * s
    let cellW = (grid.width - gap) / Double(cols)
    let cellH = min(grid.height / Double(rows), 48 * s)
    let monthly = returns.values.flatMap { $0 }.filter(\.isFinite)
    let yearly = returns.yearly
    let span = max(monthly.map { abs($0) }.max() ?? 1, 1e-9)
    let yearSpan = max(yearly.filter(\.isFinite).map { abs($0) }.max() ?? 1, 1e-9)
    let cellFont = Font.sized(min(12 * s, cellH * 0.45, cellW * 0.24))
    for c in 0..<cols {
      let x = grid.minX + Double(c) * cellW + (c == 12 ? gap : 0) + cellW / 2
      let name = c == 12 ? "Year" : TimeTicks.monthNames[c]
      f.canvas.draw(text: name, at: Point(x, top + headerH / 2), font: c == 12 ? f.boldTickFont : f.tickFont,
                    color: theme.mutedText, align: .center, baseline: .middle)
    }
    for (r, year) in returns.years.enumerated() {
      let y = grid.minY + Double(r) * cellH
      f.canvas.draw(text: "\(year)", at: Point(grid.minX - 8 * s, y + cellH / 2), font: f.tickFont,
                    color: theme.text, align: .right, baseline: .middle)
      for c in 0..<cols {
        let v = c == 12 ? yearly[r] : returns.values[r][c]
        let x = grid.minX + Double(c) * cellW + (c == 12 ? gap : 0)
        let cell = Rect(x: x + 1 * s, y: y + 1 * s, width: cellW - 2 * s, height: cellH - 2 * s)
        guard v.isFinite else {
          f.canvas.fill(cell, color: theme.grid.withOpacity(0.5))
          continue
        }
        let t = min(1, abs(v) / (c == 12 ? yearSpan : span))
        let base = theme.paneBackground
        let color = base.mixed(with: v >= 0 ? theme.profit : theme.loss, 0.12 + 0.78 * t)
        f.canvas.fill(cell, color: color)
        let ink = color.luminance > 0.4 ? RGBA(hex: 0x111111) : RGBA(hex: 0xFFFFFF)
        let text = (v > 0 ? "+" : "") + Ticks.format(v, decimals: abs(v) >= 100 ? 0 : 1)
        if cellFont.measure(text) < cell.width - 4 * s {
          f.canvas.draw(text: text, at: Point(cell.midX, cell.midY), font: cellFont, color: ink,
                        align: .center, baseline: .middle)
        }
      }
    }
    return f.canvas
  }
}
