import Foundation

/// A Monte Carlo study: a fan of equity paths over the trade number — sampled paths faint,
/// the 5–95 and 25–75 percentile bands shaded, the median dashed and the original order's
/// path on top — above histograms of the runs' maximum drawdowns and total returns (in
/// percent), each marking the original value (solid) and the median (dashed).
///
/// `steps` are the trade numbers the bands and paths are sampled at (strictly increasing,
/// starting at 0); `original` has one point per trade number 0…n. NaN values are skipped.
public struct MonteCarloChart: Chart {
  public var steps: [Int]
  public var lower95: [Double]
  public var upper95: [Double]
  public var lower75: [Double]
  public var upper75: [Double]
  public var median: [Double]
  public var paths: [[Double]]
  public var original: [Double]
  public var maxDrawdownPercent: [Double]
  public var returnPercent: [Double]
  public var title: String?

  /// `outer` is the 5th and 95th percentile band, `inner` the 25th and 75th.
  public init(
    steps: [Int], outer: (lower: [Double], upper: [Double]), inner: (lower: [Double], upper: [Double]), median: [Double],
    paths: [[Double]], original: [Double], maxDrawdownPercent: [Double], returnPercent: [Double],
    title: String? = "Monte Carlo"
  ) {
    self.steps = steps
    (lower95, upper95) = outer
    (lower75, upper75) = inner
    self.median = median
    self.paths = paths
    self.original = original
    self.maxDrawdownPercent = maxDrawdownPercent
    self.returnPercent = returnPercent
    self.title = title
  }

  public func validate() throws {
    guard steps.count >= 2 else { throw PlotError.tooFew(name: "steps", minimum: 2, got: steps.count) }
    for i in 1..<steps.count where steps[i] <= steps[i - 1] { throw PlotError.unorderedTimes(name: "steps", index: i) }
    let bands = [("lower95", lower95), ("upper95", upper95), ("lower75", lower75), ("upper75", upper75), ("median", median)]
    for (name, values) in bands + paths.enumerated().map({ ("paths[\($0.offset + 1)]", $0.element) })
    where values.count != steps.count {
      throw PlotError.lengthMismatch(name: name, expected: steps.count, got: values.count)
    }
    guard original.count >= 2 else { throw PlotError.tooFew(name: "original", minimum: 2, got: original.count) }
    for (name, values) in [("max drawdowns", maxDrawdownPercent), ("returns", returnPercent)]
    where !values.contains(where: \.isFinite) {
      throw PlotError.tooFew(name: "\(name) (finite)", minimum: 1, got: 0)
    }
  }

  public func render(size: ChartSize, theme: Theme) throws -> Canvas {
    try validate()
    var f = try Frame(size: size, theme: theme)
    let s = f.s
    let last = Double(max(steps.last ?? 1, original.count - 1))
    let top = f.title(title, subtitle: "\(maxDrawdownPercent.count) runs  ·  \(original.count - 1) trades")
    let (lo, hi) = ValueScale.range([lower95, upper95, original] + paths, pad: 0.05, log: false) ?? (0, 1)
    let probe = ValueScale(lo: lo, hi: hi, log: false, top: 0, bottom: 400)
    let left = 10 * s
    let right = f.width - f.axisWidth(f.valueTicks(probe, height: 400).labels) - 4 * s
    let gap = 10 * s
    let bottom = f.height - f.xAxisHeight - 4 * s
    let fanHeight = ((bottom - top - f.xAxisHeight - gap) * 0.6).rounded()
    let fan = Rect(x: left, y: top, width: right - left, height: fanHeight)
    let histTop = fan.maxY + f.xAxisHeight + gap
    let half = ((right - left - gap - f.axisWidth(["0000"])) / 2).rounded()
    let ddRect = Rect(x: left, y: histTop, width: half, height: bottom - histTop)
    let retRect = Rect(x: right - half, y: histTop, width: half, height: bottom - histTop)

    f.paneBackground(fan)
    let xs = f.horizontal(fan, 0, last)
    let xt = Ticks.linear(0, last, maxCount: max(2, Int(fan.width / (70 * s))))
    let ints = xt.values.filter { $0 == $0.rounded() }
    f.xValueAxis(fan, scale: xs, ticks: ints, labels: ints.map { Ticks.format($0, decimals: 0) })
    let ys = ValueScale(lo: lo, hi: hi, log: false, top: fan.minY, bottom: fan.maxY)
    let yt = f.valueTicks(ys, height: fan.height)
    f.yAxis(fan, scale: ys, ticks: yt.values, labels: yt.labels)
    let outerColor = theme.series(0).withOpacity(0.16)
    let innerColor = theme.series(0).withOpacity(0.30)
    let pathColor = theme.neutral.withOpacity(0.22)
    let originalColor = theme.text
    let x = steps.map { xs.y(Double($0)) }
    f.clipped(fan) { f in
      f.canvas.fill(polygons: Self.band(x: x, lower: lower95, upper: upper95, scale: ys), color: outerColor, rule: .nonZero)
      f.canvas.fill(polygons: Self.band(x: x, lower: lower75, upper: upper75, scale: ys), color: innerColor, rule: .nonZero)
      for path in paths {
        f.canvas.stroke(Self.line(x: x, values: path, scale: ys), color: pathColor, style: StrokeStyle(width: 1 * s))
      }
      f.canvas.stroke(Self.line(x: x, values: median, scale: ys), color: theme.series(0), style: .dashed(1.5 * s, on: 5 * s, off: 3 * s))
      let originalX = original.indices.map { xs.y(Double($0)) }
      f.canvas.stroke(Self.line(x: originalX, values: original, scale: ys), color: originalColor, style: StrokeStyle(width: 2 * s))
    }
    f.legend(
      [
        ("Original  \(EquityChart.totalReturn(original))", originalColor, .line), ("Median", theme.series(0), .dashed),
        ("25–75%", innerColor, .box), ("5–95%", outerColor, .box), (paths.isEmpty ? "" : "\(paths.count) paths", pathColor, .line),
      ], in: fan)
    f.paneBorder(fan)

    let originalDrawdown = EquityChart.drawdown(original).filter(\.isFinite).min() ?? 0
    let originalReturn = original.first.flatMap { a in original.last.map { ($0 / a - 1) * 100 } } ?? .nan
    try histogram(&f, maxDrawdownPercent, rect: ddRect, title: "Max drawdown", original: originalDrawdown, allLoss: true)
    try histogram(&f, returnPercent, rect: retRect, title: "Total return", original: originalReturn, allLoss: false)
    return f.canvas
  }

  /// Bars of a histogram of `values` in `rect`, a count axis, a value axis and markers.
  func histogram(_ f: inout Frame, _ values: [Double], rect: Rect, title: String, original: Double, allLoss: Bool) throws {
    let s = f.s
    let theme = f.theme
    // Values equal but for rounding (a shuffle's compounded returns) make one bin, not a
    // spread of rounding noise.
    let finite = values.filter(\.isFinite)
    let spreadLo = finite.min() ?? 0, spreadHi = finite.max() ?? 0
    let flat = spreadHi - spreadLo <= 1e-9 * max(1, abs(spreadHi))
    let (edges, counts) = try HistogramChart(values: flat ? finite.map { _ in spreadHi } : values).histogram()
    f.paneBackground(rect)
    let lo = edges.first ?? 0, hi = edges.last ?? 1
    let pad = (hi - lo) * 0.02
    let xs = f.horizontal(rect, lo - pad, hi + pad)
    let top = Double(counts.max() ?? 1) * 1.15
    let ys = ValueScale(lo: 0, hi: top, log: false, top: rect.minY, bottom: rect.maxY)
    let yt = Ticks.linear(0, top, maxCount: max(2, Int(rect.height / (Double(f.tickFont.lineHeight) * 2.4))))
    let integral = yt.values.filter { $0 == $0.rounded() }
    f.yAxis(rect, scale: ys, ticks: integral, labels: integral.map { Ticks.format($0, decimals: 0) })
    let xt = Ticks.linear(lo - pad, hi + pad, maxCount: max(2, Int(rect.width / (70 * s))))
    f.xValueAxis(rect, scale: xs, ticks: xt.values, labels: xt.values.map { Ticks.format($0, decimals: xt.decimals) + "%" })
    f.clipped(rect) { f in
      for (k, c) in counts.enumerated() where c > 0 {
        let x0 = xs.y(edges[k]), x1 = xs.y(edges[k + 1])
        let color = allLoss || (edges[k] + edges[k + 1]) / 2 < 0 ? theme.loss : theme.profit
        let y = ys.y(Double(c))
        let gap = x1 - x0 > 4 * s ? 1 * s : 0
        f.canvas.fill(Rect(x: x0 + gap / 2, y: y, width: x1 - x0 - gap, height: rect.maxY - y), color: color.withOpacity(0.8))
      }
    }
    let sorted = finite.sorted()
    let median = sorted[sorted.count / 2]
    f.verticalMarker(x: xs.y(median), rect: rect, color: theme.mutedText, label: nil)
    if original.isFinite {
      let px = f.crisp(xs.y(original))
      if px >= rect.minX && px <= rect.maxX {
        f.canvas.vline(x: px, y0: rect.minY, y1: rect.maxY, color: theme.text, width: 1.5 * s)
      }
    }
    let label = "\(title)  original \(Ticks.format(original, decimals: 1))%  ·  median \(Ticks.format(median, decimals: 1))%"
    f.legend([(label, theme.text, .line)], in: rect)
    f.paneBorder(rect)
  }

  /// The band between `lower` and `upper` as polygons, split where a value is NaN.
  static func band(x: [Double], lower: [Double], upper: [Double], scale: ValueScale) -> [[Point]] {
    var polygons: [[Point]] = []
    var start = 0
    for i in 0...x.count {
      let broken = i == x.count || !lower[i].isFinite || !upper[i].isFinite
      guard broken else { continue }
      if i - start >= 2 {
        let up = (start..<i).map { Point(x[$0], scale.y(upper[$0])) }
        let down = (start..<i).reversed().map { Point(x[$0], scale.y(lower[$0])) }
        polygons.append(up + down)
      }
      start = i + 1
    }
    return polygons
  }

  /// Points of a line; NaN values become NaN points (breaks in the stroke).
  static func line(x: [Double], values: [Double], scale: ValueScale) -> [Point] {
    zip(x, values).map { Point($0, $1.isFinite ? scale.y($1) : .nan) }
  }
}
