/// An equity curve with buy-and-hold beside it and an underwater (drawdown) pane below.
///
/// Drawdown at each bar is `equity / running peak − 1` in percent (NaN equity is skipped and
/// leaves a gap). The legend shows each curve's total return and the maximum drawdown.
public struct EquityChart: Chart {
  public var time: [Int64]
  public var equity: [Double]
  /// Buy-and-hold equity in the same currency and length, or empty.
  public var benchmark: [Double]
  public var equityName: String
  public var benchmarkName: String
  public var title: String?
  public var logScale: Bool
  /// Evenly spaced bars (weekends take no room) rather than bars at their times.
  public var collapseGaps: Bool

  public init(
    time: [Int64], equity: [Double], benchmark: [Double] = [], equityName: String = "Strategy",
    benchmarkName: String = "Buy & hold", title: String? = "Equity", logScale: Bool = false,
    collapseGaps: Bool = false
  ) {
    self.time = time
    self.equity = equity
    self.benchmark = benchmark
    self.equityName = equityName
    self.benchmarkName = benchmarkName
    self.title = title
    self.logScale = logScale
    self.collapseGaps = collapseGaps
  }

  /// Drawdown in percent (≤ 0) of `values` from their running peak; NaN where input is NaN.
  public static func drawdown(_ values: [Double]) -> [Double] {
    var out = [Double](repeating: .nan, count: values.count)
    var peak = -Double.infinity
    for (i, v) in values.enumerated() where v.isFinite {
      peak = max(peak, v)
      out[i] = peak > 0 ? (v / peak - 1) * 100 : 0
    }
    return out
  }

  public func validate() throws {
    guard time.count >= 2 else { throw PlotError.tooFew(name: "time", minimum: 2, got: time.count) }
    guard equity.count == time.count else {
      throw PlotError.lengthMismatch(name: "equity", expected: time.count, got: equity.count)
    }
    guard benchmark.isEmpty || benchmark.count == time.count else {
      throw PlotError.lengthMismatch(name: "benchmark", expected: time.count, got: benchmark.count)
    }
    for i in 1..<time.count where time[i] <= time[i - 1] {
      throw PlotError.unorderedTimes(name: "time", index: i)
    }
  }

  public func render(size: ChartSize, theme: Theme) throws -> Canvas {
    try validate()
    var f = try Frame(size: size, theme: theme)
    let s = f.s
    let n = time.count
    let top = f.title(title)
    let dd = EquityChart.drawdown(equity)
    let ddBench = benchmark.isEmpty ? [] : EquityChart.drawdown(benchmark)
    let (elo, ehi) = ValueScale.range([equity, benchmark], pad: 0.05, log: logScale) ?? (0, 1)
    let ddMin = min(dd.filter(\.isFinite).min() ?? 0, ddBench.filter(\.isFinite).min() ?? 0)
    let probe = ValueScale(lo: elo, hi: ehi, log: logScale, top: 0, bottom: 400)
    let labels = f.valueTicks(probe, height: 400).labels + ["−100%"]
    let left = 10 * s
    let right = f.width - f.axisWidth(labels) - 4 * s
    let bottom = f.height - f.xAxisHeight - 4 * s
    let gap = 6 * s
    let ddHeight = ((bottom - top - gap) * 0.28).rounded()
    let eqRect = Rect(x: left, y: top, width: right - left, height: bottom - top - gap - ddHeight)
    let ddRect = Rect(x: left, y: eqRect.maxY + gap, width: right - left, height: ddHeight)
    f.paneBackground(eqRect)
    f.paneBackground(ddRect)
    let xmap = XMap(mode: collapseGaps ? .index : .time, left: left, width: right - left, times: time)
    let dec = Decimation.decimates(n, xmap: xmap)
    f.timeAxis(panes: [eqRect, ddRect], times: time, xmap: xmap, collapsed: collapseGaps)

    let eqScale = ValueScale(lo: elo, hi: ehi, log: logScale, top: eqRect.minY, bottom: eqRect.maxY)
    let et = f.valueTicks(eqScale, height: eqRect.height)
    f.yAxis(eqRect, scale: eqScale, ticks: et.values, labels: et.labels)
    let eqColor = theme.series(0)
    let benchColor = theme.neutral
    f.clipped(eqRect) { f in
      if let first = equity.first(where: \.isFinite) {
        let y = f.crisp(eqScale.y(first))
        f.canvas.stroke([Point(eqRect.minX, y), Point(eqRect.maxX, y)], color: theme.axis,
                        style: .dashed(f.hairline, on: 3 * s, off: 3 * s))
      }
      if !benchmark.isEmpty {
        let pts = Decimation.line(benchmark, xmap: xmap, range: 0..<n)
        f.strokeSeries(pts, scale: eqScale, color: benchColor, style: StrokeStyle(width: 1.3 * s), decimated: dec)
      }
      let pts = Decimation.line(equity, xmap: xmap, range: 0..<n)
      f.fillArea(pts, scale: eqScale, base: eqRect.maxY, color: eqColor.withOpacity(0.10))
      f.strokeSeries(pts, scale: eqScale, color: eqColor, style: StrokeStyle(width: 1.8 * s), decimated: dec)
    }
    var legend: [(name: String, color: RGBA, swatch: Swatch)] = [
      ("\(equityName)  \(EquityChart.totalReturn(equity))", eqColor, .line)
    ]
    if !benchmark.isEmpty {
      legend.append(("\(benchmarkName)  \(EquityChart.totalReturn(benchmark))", benchColor, .line))
    }
    f.legend(legend, in: eqRect)
    f.paneBorder(eqRect)

    let ddScale = ValueScale(lo: min(ddMin * 1.08, -1), hi: 0, log: false, top: ddRect.minY + 1, bottom: ddRect.maxY)
    let dt = f.valueTicks(ddScale, height: ddRect.height)
    f.yAxis(ddRect, scale: ddScale, ticks: dt.values, labels: dt.labels.map { $0 + "%" })
    f.clipped(ddRect) { f in
      if !ddBench.isEmpty {
        let pts = Decimation.line(ddBench, xmap: xmap, range: 0..<n)
        f.strokeSeries(pts, scale: ddScale, color: benchColor.withOpacity(0.8), style: StrokeStyle(width: 1 * s), decimated: dec)
      }
      let pts = Decimation.line(dd, xmap: xmap, range: 0..<n)
      f.fillArea(pts, scale: ddScale, base: ddScale.y(0), color: theme.loss.withOpacity(0.35))
      f.strokeSeries(pts, scale: ddScale, color: theme.loss, style: StrokeStyle(width: 1.2 * s), decimated: dec)
    }
    var ddLegend: [(name: String, color: RGBA, swatch: Swatch)] = [
      ("Drawdown  max \(Ticks.format(dd.filter(\.isFinite).min() ?? 0, decimals: 1))%", theme.loss, .box)
    ]
    if !ddBench.isEmpty {
      ddLegend.append(("\(benchmarkName)  max \(Ticks.format(ddBench.filter(\.isFinite).min() ?? 0, decimals: 1))%", benchColor, .line))
    }
    f.legend(ddLegend, in: ddRect, atBottom: true)
    f.paneBorder(ddRect)
    return f.canvas
  }

  /// "+12.3%" from the first to the last finite value.
  static func totalReturn(_ values: [Double]) -> String {
    guard let a = values.first(where: \.isFinite), let b = values.last(where: \.isFinite), a != 0 else { return "" }
    let r = (b / a - 1) * 100
    return (r >= 0 ? "+" : "") + Ticks.format(r, decimals: 1) + "%"
  }
}

extension Frame {
  /// Fills between a decimated line (x, value points; NaN breaks) and the pixel row `base`.
  mutating func fillArea(_ pts: [Point], scale: ValueScale, base: Double, color: RGBA) {
    var polygons: [[Point]] = []
    var run: [Point] = []
    func flush() {
      if run.count >= 2, let first = run.first, let last = run.last {
        polygons.append([Point(first.x, base)] + run + [Point(last.x, base)])
      }
      run.removeAll()
    }
    for p in pts {
      let y = scale.y(p.y)
      if y.isFinite { run.append(Point(p.x, y)) } else { flush() }
    }
    flush()
    canvas.fill(polygons: polygons, color: color, rule: .nonZero)
  }
}
