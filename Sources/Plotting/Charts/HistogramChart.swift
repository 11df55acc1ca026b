import Foundation

/// A histogram of trade results (returns in percent, R-multiples, …). Bins are of equal
/// width with zero on a bin edge, so losing and winning trades never share a bin; bars below
/// zero take the loss colour, above it the profit colour. Dashed lines mark zero and the
/// mean. NaN values are ignored (and counted in the subtitle).
public struct HistogramChart: Chart {
  public var values: [Double]
  /// Number of bins; nil chooses about 1.5√n (12…60) with a nice bin width.
  public var bins: Int?
  /// Suffix for labels: "%" for returns, "R" for R-multiples.
  public var unit: String
  public var title: String?
  public var xLabel: String?

  public init(values: [Double], bins: Int? = nil, unit: String = "%", title: String? = "Trade returns",
              xLabel: String? = nil) {
    self.values = values
    self.bins = bins
    self.unit = unit
    self.title = title
    self.xLabel = xLabel
  }

  /// Bin edges and counts: `edges.count == counts.count + 1`.
  public func histogram() throws -> (edges: [Double], counts: [Int]) {
    let data = values.filter(\.isFinite)
    guard !data.isEmpty else { throw PlotError.tooFew(name: "values (finite)", minimum: 1, got: 0) }
    if let b = bins, !(1...500).contains(b) {
      throw PlotError.invalidParameter(name: "bins", expected: "an integer in 1...500", got: "\(b)")
    }
    var lo = data.min() ?? 0
    var hi = data.max() ?? 1
    guard (hi - lo).isFinite else {
      throw PlotError.invalidParameter(
        name: "values", expected: "a range whose width is finite", got: "\(lo)...\(hi)")
    }
    if hi <= lo {
      lo -= 0.5
      hi += 0.5
    }
    let target = bins ?? min(60, max(12, Int((Double(data.count).squareRoot() * 1.5).rounded())))
    var width = (hi - lo) / Double(target)
    if bins == nil {
      // Round the width down to 1, 2, 2.5 or 5 × 10^k.
      let m = pow(10, log10(width).rounded(.down))
      width = [5, 2.5, 2, 1].map { $0 * m }.first { $0 <= width } ?? width
    }
    let start = (lo / width).rounded(.down) * width
    let count = max(1, Int(((hi - start) / width).rounded(.down)) + 1)
    var counts = [Int](repeating: 0, count: count)
    for v in data {
      let k = min(count - 1, max(0, Int(((v - start) / width).rounded(.down))))
      counts[k] += 1
    }
    let edges = (0...count).map { start + Double($0) * width }
    return (edges, counts)
  }

  public func render(size: ChartSize, theme: Theme) throws -> Canvas {
    let (edges, counts) = try histogram()
    let data = values.filter(\.isFinite)
    var f = try Frame(size: size, theme: theme)
    let s = f.s
    let mean = data.reduce(0, +) / Double(data.count)
    let wins = data.filter { $0 > 0 }.count
    var sub = "n = \(data.count)  ·  win rate \(Ticks.format(Double(wins) / Double(data.count) * 100, decimals: 1))%"
    let dropped = values.count - data.count
    if dropped > 0 { sub += "  ·  \(dropped) NaN ignored" }
    let top = f.title(title, subtitle: sub)
    let maxCount = counts.max() ?? 1
    let countScaleProbe = Ticks.linear(0, Double(maxCount) * 1.1, maxCount: 6)
    let left = 10 * s
    let right = f.width - f.axisWidth(countScaleProbe.values.map { Ticks.format($0, decimals: 0) }) - 4 * s
    let bottom = f.height - f.xAxisHeight - (xLabel == nil ? 4 : Double(f.tickFont.lineHeight) + 8) * s
    let rect = Rect(x: left, y: top, width: right - left, height: bottom - top)
    f.paneBackground(rect)
    let lo = edges.first ?? 0
    let hi = edges.last ?? 1
    let pad = (hi - lo) * 0.02
    let xs = f.horizontal(rect, lo - pad, hi + pad)
    let ys = ValueScale(lo: 0, hi: Double(maxCount) * 1.1, log: false, top: rect.minY, bottom: rect.maxY)
    let yt = Ticks.linear(0, Double(maxCount) * 1.1, maxCount: max(2, Int(rect.height / (Double(f.tickFont.lineHeight) * 2.4))))
    let integral = yt.values.filter { $0 == $0.rounded() }
    f.yAxis(rect, scale: ys, ticks: integral, labels: integral.map { Ticks.format($0, decimals: 0) })
    let xt = Ticks.linear(lo - pad, hi + pad, maxCount: max(2, Int(rect.width / (70 * s))))
    f.xValueAxis(rect, scale: xs, ticks: xt.values, labels: xt.values.map { Ticks.format($0, decimals: xt.decimals) + unit })
    f.clipped(rect) { f in
      for (k, c) in counts.enumerated() where c > 0 {
        let x0 = xs.y(edges[k])
        let x1 = xs.y(edges[k + 1])
        let mid = (edges[k] + edges[k + 1]) / 2
        let color = mid < 0 ? theme.loss : theme.profit
        let y = ys.y(Double(c))
        let gap = x1 - x0 > 4 * s ? 1 * s : 0
        f.canvas.fill(Rect(x: x0 + gap / 2, y: y, width: x1 - x0 - gap, height: rect.maxY - y), color: color.withOpacity(0.8))
      }
    }
    f.verticalMarker(x: xs.y(0), rect: rect, color: theme.mutedText, label: nil)
    f.verticalMarker(x: xs.y(mean), rect: rect, color: theme.text,
                     label: "mean \(mean >= 0 ? "+" : "")\(Ticks.format(mean, decimals: 2))\(unit)")
    f.paneBorder(rect)
    f.xTitle(xLabel, rect: rect)
    return f.canvas
  }
}
