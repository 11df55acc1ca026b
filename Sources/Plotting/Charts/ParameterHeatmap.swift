/// A sweep over two parameters: one cell per (x, y) combination coloured by a metric, with
/// the value written in cells large enough to hold it, a colour bar, and the best cell
/// outlined. NaN cells (combinations not run, or no trades) are left grey.
///
/// Colours follow viridis (perceptually uniform, readable with colour blindness).
public struct ParameterHeatmap: Chart {
  public var xName: String
  public var xValues: [Double]
  public var yName: String
  public var yValues: [Double]
  /// `values[row][column]`: row per y value, column per x value.
  public var values: [[Double]]
  public var metric: String
  /// Whether the best cell is the highest (Sharpe) or the lowest (drawdown) value.
  public var higherIsBetter: Bool
  public var title: String?

  public init(
    xName: String, xValues: [Double], yName: String, yValues: [Double], values: [[Double]],
    metric: String, higherIsBetter: Bool = true, title: String? = nil
  ) {
    self.xName = xName
    self.xValues = xValues
    self.yName = yName
    self.yValues = yValues
    self.values = values
    self.metric = metric
    self.higherIsBetter = higherIsBetter
    self.title = title
  }

  public func validate() throws {
    guard !xValues.isEmpty else { throw PlotError.tooFew(name: "x values", minimum: 1, got: 0) }
    guard !yValues.isEmpty else { throw PlotError.tooFew(name: "y values", minimum: 1, got: 0) }
    guard values.count == yValues.count else {
      throw PlotError.lengthMismatch(name: "values (rows, one per y value)", expected: yValues.count, got: values.count)
    }
    for (i, row) in values.enumerated() where row.count != xValues.count {
      throw PlotError.lengthMismatch(name: "values[\(i + 1)] (one per x value)", expected: xValues.count, got: row.count)
    }
  }

  static let viridis: [RGBA] = [
    RGBA(hex: 0x440154), RGBA(hex: 0x46327E), RGBA(hex: 0x365C8D), RGBA(hex: 0x277F8E),
    RGBA(hex: 0x1FA187), RGBA(hex: 0x4AC16D), RGBA(hex: 0x9FDA3A), RGBA(hex: 0xFDE725),
  ]

  /// Viridis at t in 0...1.
  static func color(_ t: Double) -> RGBA {
    let u = min(max(t.isFinite ? t : 0, 0), 1) * Double(viridis.count - 1)
    let i = min(Int(u), viridis.count - 2)
    return viridis[i].mixed(with: viridis[i + 1], u - Double(i))
  }

  static func label(_ v: Double) -> String {
    let d = v == v.rounded() ? 0 : Ticks.decimals(forStep: abs(v) - abs(v).rounded(.down))
    return Ticks.format(v, decimals: min(d, 4))
  }

  public func render(size: ChartSize, theme: Theme) throws -> Canvas {
    try validate()
    var f = try Frame(size: size, theme: theme)
    let s = f.s
    let top = f.title(title ?? "\(metric) by \(xName) × \(yName)")
    let finite = values.flatMap { $0 }.filter(\.isFinite)
    let lo = finite.min() ?? 0
    let hi = finite.max() ?? 1
    let vt = Ticks.linear(lo, hi, maxCount: 6)
    let cellDecimals = min(4, max(vt.decimals, Ticks.priceDecimals(max(abs(lo), abs(hi)), tickDecimals: 0) - 2))
    let yLabels = yValues.map(ParameterHeatmap.label)
    let yLabelW = (yLabels.map { f.tickFont.measure($0) }.max() ?? 0) + 10 * s
    let barW = 14 * s
    let barLabels = vt.values.map { Ticks.format($0, decimals: vt.decimals) }
    let barLabelW = (barLabels.map { f.tickFont.measure($0) }.max() ?? 0) + 10 * s
    let left = 12 * s + Double(f.tickFont.lineHeight) + 4 * s + yLabelW
    let right = f.width - 12 * s - barW - 8 * s - barLabelW
    let bottom = f.height - f.xAxisHeight - Double(f.tickFont.lineHeight) - 10 * s
    let grid = Rect(x: left, y: top + 4 * s, width: right - left, height: bottom - top - 4 * s)
    let nx = xValues.count
    let ny = yValues.count
    let cw = grid.width / Double(nx)
    let ch = grid.height / Double(ny)
    let cellFont = Font.sized(min(11 * s, ch * 0.42))
    var best: (Int, Int)?
    for r in 0..<ny {
      for c in 0..<nx where values[r][c].isFinite {
        if let (br, bc) = best {
          let b = values[br][bc]
          if higherIsBetter ? values[r][c] > b : values[r][c] < b { best = (r, c) }
        } else {
          best = (r, c)
        }
      }
    }
    for r in 0..<ny {
      // Row 0 (the first y value) at the bottom, as on a plot.
      let y = grid.maxY - Double(r + 1) * ch
      for c in 0..<nx {
        let x = grid.minX + Double(c) * cw
        let cell = Rect(x: x, y: y, width: cw, height: ch)
        let v = values[r][c]
        guard v.isFinite else {
          f.canvas.fill(cell.inset(0.5 * s), color: theme.grid)
          continue
        }
        let color = ParameterHeatmap.color(hi > lo ? (v - lo) / (hi - lo) : 0.5)
        f.canvas.fill(cell, color: color)
        let text = Ticks.format(v, decimals: cellDecimals)
        if cellFont.measure(text) < cw - 4 * s && Double(cellFont.lineHeight) < ch - 2 * s {
          let ink = color.luminance > 0.35 ? RGBA(hex: 0x111111) : RGBA(hex: 0xFFFFFF)
          f.canvas.draw(text: text, at: Point(cell.midX, cell.midY), font: cellFont, color: ink,
                        align: .center, baseline: .middle)
        }
      }
    }
    if let (br, bc) = best {
      let cell = Rect(x: grid.minX + Double(bc) * cw, y: grid.maxY - Double(br + 1) * ch, width: cw, height: ch)
      let w = max(1.5, 2 * s)
      let ring = [cell.inset(-0.5 * w), cell.inset(0.5 * w)]
      f.canvas.fill(polygons: ring.map { r in
        [Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.maxX, r.maxY), Point(r.minX, r.maxY)]
      }, color: theme.text, rule: .evenOdd)
    }
    // Column labels (thinned when crowded) and row labels.
    var lastRight = -Double.infinity
    for (c, v) in xValues.enumerated() {
      let text = ParameterHeatmap.label(v)
      let w = f.tickFont.measure(text)
      let x = grid.minX + (Double(c) + 0.5) * cw - w / 2
      guard x > lastRight + 6 * s else { continue }
      lastRight = x + w
      f.canvas.draw(text: text, at: Point(x, grid.maxY + 6 * s), font: f.tickFont, color: theme.mutedText, baseline: .top)
    }
    var lastTop = Double.infinity
    for (r, text) in yLabels.enumerated() {
      let y = grid.maxY - (Double(r) + 0.5) * ch
      guard y + Double(f.tickFont.lineHeight) / 2 < lastTop else { continue }
      lastTop = y - Double(f.tickFont.lineHeight) / 2 - 2 * s
      f.canvas.draw(text: text, at: Point(grid.minX - 6 * s, y), font: f.tickFont, color: theme.mutedText,
                    align: .right, baseline: .middle)
    }
    f.canvas.draw(text: xName, at: Point(grid.midX, grid.maxY + f.xAxisHeight), font: f.boldTickFont,
                  color: theme.text, align: .center, baseline: .top)
    f.canvas.draw(text: yName, at: Point(12 * s, grid.midY), font: f.boldTickFont, color: theme.text,
                  align: .center, baseline: .top, rotated: true)
    // Colour bar.
    let bar = Rect(x: grid.maxX + 10 * s, y: grid.minY, width: barW, height: grid.height)
    let steps = max(2, Int(bar.height))
    for k in 0..<steps {
      let t = 1 - Double(k) / Double(steps - 1)
      f.canvas.fill(Rect(x: bar.minX, y: bar.minY + Double(k) * bar.height / Double(steps), width: bar.width,
                         height: bar.height / Double(steps) + 0.5), color: ParameterHeatmap.color(t))
    }
    let barScale = ValueScale(lo: lo, hi: hi, log: false, top: bar.minY, bottom: bar.maxY)
    for (i, v) in vt.values.enumerated() {
      let y = barScale.y(v)
      f.canvas.hline(y: f.crisp(y), x0: bar.maxX, x1: bar.maxX + 3 * s, color: theme.axis, width: f.hairline)
      f.canvas.draw(text: barLabels[i], at: Point(bar.maxX + 6 * s, y), font: f.tickFont, color: theme.mutedText,
                    baseline: .middle)
    }
    f.canvas.draw(text: metric, at: Point(bar.midX, bar.minY - 4 * s), font: f.tickFont, color: theme.text,
                  align: .center, baseline: .bottom)
    return f.canvas
  }
}
