/// Lines (or histograms, dots) against time or against the sample number, in one pane,
/// with reference lines. Series are decimated like price overlays, so long series are fine.
public struct LineChart: Chart {
  /// UTC nanoseconds, strictly increasing, one per value; empty plots against 0, 1, 2, ….
  public var time: [Int64]
  public var series: [Overlay]
  public var references: [ReferenceLine]
  public var title: String?
  public var logScale: Bool
  public var collapseGaps: Bool

  public init(
    time: [Int64] = [], series: [Overlay], references: [ReferenceLine] = [], title: String? = nil,
    logScale: Bool = false, collapseGaps: Bool = false
  ) {
    self.time = time
    self.series = series
    self.references = references
    self.title = title
    self.logScale = logScale
    self.collapseGaps = collapseGaps
  }

  public func render(size: ChartSize, theme: Theme) throws -> Canvas {
    guard let n = series.first?.values.count else { throw PlotError.tooFew(name: "series", minimum: 1, got: 0) }
    guard n >= 1 else { throw PlotError.tooFew(name: "series '\(series[0].name)' values", minimum: 1, got: 0) }
    for o in series where o.values.count != n {
      throw PlotError.lengthMismatch(name: "series '\(o.name)'", expected: n, got: o.values.count)
    }
    guard time.isEmpty || time.count == n else { throw PlotError.lengthMismatch(name: "time", expected: n, got: time.count) }
    for i in 1..<max(1, time.count) where time[i] <= time[i - 1] {
      throw PlotError.unorderedTimes(name: "time", index: i)
    }
    var f = try Frame(size: size, theme: theme)
    let s = f.s
    let top = f.title(title)
    var arrays = series.map(\.values)
    arrays.append(references.flatMap { [$0.value, $0.bandTo ?? .nan] })
    if series.contains(where: { $0.kind == .histogram }) { arrays.append([0]) }
    let (lo, hi) = ValueScale.range(arrays, pad: 0.05, log: logScale) ?? (0, 1)
    let probe = ValueScale(lo: lo, hi: hi, log: logScale, top: 0, bottom: 400)
    let left = 10 * s
    let right = f.width - f.axisWidth(f.valueTicks(probe, height: 400).labels) - 4 * s
    let bottom = f.height - f.xAxisHeight - 4 * s
    let rect = Rect(x: left, y: top, width: right - left, height: bottom - top)
    f.paneBackground(rect)
    let indexTimes = time.isEmpty ? (0..<Int64(n)).map { $0 } : time
    let xmap = XMap(mode: time.isEmpty || collapseGaps ? .index : .time, left: left, width: right - left, times: indexTimes)
    if time.isEmpty {
      let xs = f.horizontal(rect, -0.5, Double(n) - 0.5)
      let xt = Ticks.linear(0, Double(max(1, n - 1)), maxCount: max(2, Int(rect.width / (70 * s))))
      let ints = xt.values.filter { $0 == $0.rounded() }
      f.xValueAxis(rect, scale: xs, ticks: ints, labels: ints.map { Ticks.format($0, decimals: 0) })
    } else {
      f.timeAxis(panes: [rect], times: time, xmap: xmap, collapsed: collapseGaps)
    }
    let scale = ValueScale(lo: lo, hi: hi, log: logScale, top: rect.minY, bottom: rect.maxY)
    let yt = f.valueTicks(scale, height: rect.height)
    f.yAxis(rect, scale: scale, ticks: yt.values, labels: yt.labels)
    f.clipped(rect) { f in
      f.references(references, rect: rect, scale: scale)
      for (k, o) in series.enumerated() {
        PriceChart.drawSeries(&f, o, color: o.color ?? theme.series(k), xmap: xmap, scale: scale, range: 0..<n)
      }
    }
    f.legend(series.enumerated().map { k, o in
      (o.name, o.color ?? theme.series(k), o.kind == .histogram ? .box : (o.kind == .dots ? .dot : (o.style.dash.isEmpty ? .line : .dashed)))
    }, in: rect)
    f.paneBorder(rect)
    return f.canvas
  }
}
