/// A scatter of trades: x and y per trade (MAE against MFE or against the result), points
/// coloured by outcome, zero lines, and optionally the diagonal y = x. NaN points are skipped.
public struct ScatterChart: Chart {
  public var x: [Double]
  public var y: [Double]
  public var outcomes: [Outcome]
  public var xLabel: String
  public var yLabel: String
  public var title: String?
  public var diagonal: Bool
  public var unit: String

  public init(
    x: [Double], y: [Double], outcomes: [Outcome], xLabel: String, yLabel: String,
    title: String? = nil, diagonal: Bool = false, unit: String = "%"
  ) {
    self.x = x
    self.y = y
    self.outcomes = outcomes
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.title = title
    self.diagonal = diagonal
    self.unit = unit
  }

  /// MAE (x, as a positive adverse excursion) against MFE (y), both percent.
  public static func maeMfe(mae: [Double], mfe: [Double], returns: [Double]) throws -> ScatterChart {
    guard mfe.count == mae.count else { throw PlotError.lengthMismatch(name: "mfe", expected: mae.count, got: mfe.count) }
    guard returns.count == mae.count else {
      throw PlotError.lengthMismatch(name: "returns", expected: mae.count, got: returns.count)
    }
    let outcomes = returns.map { $0 > 0 ? Outcome.win : ($0 < 0 ? Outcome.loss : Outcome.breakEven) }
    return ScatterChart(x: mae.map { abs($0) }, y: mfe.map { abs($0) }, outcomes: outcomes,
                        xLabel: "MAE (max adverse excursion, %)", yLabel: "MFE (max favourable excursion, %)",
                        title: "MAE / MFE", diagonal: true)
  }

  public func render(size: ChartSize, theme: Theme) throws -> Canvas {
    guard y.count == x.count else { throw PlotError.lengthMismatch(name: "y", expected: x.count, got: y.count) }
    guard outcomes.count == x.count else {
      throw PlotError.lengthMismatch(name: "outcomes", expected: x.count, got: outcomes.count)
    }
    var f = try Frame(size: size, theme: theme)
    let s = f.s
    let wins = outcomes.filter { $0 == .win }.count
    let losses = outcomes.filter { $0 == .loss }.count
    let top = f.title(title, subtitle: "\(x.count) trades")
    var (xlo, xhi) = ValueScale.range([x, [0]], pad: 0.05, log: false) ?? (0, 1)
    var (ylo, yhi) = ValueScale.range([y, [0]], pad: 0.05, log: false) ?? (0, 1)
    if diagonal {
      xlo = min(xlo, ylo)
      ylo = xlo
      xhi = max(xhi, yhi)
      yhi = xhi
    }
    let probe = ValueScale(lo: ylo, hi: yhi, log: false, top: 0, bottom: 400)
    let left = 12 * s + Double(f.tickFont.lineHeight) + 4 * s
    let right = f.width - f.axisWidth(f.valueTicks(probe, height: 400).labels.map { $0 + unit }) - 4 * s
    let bottom = f.height - f.xAxisHeight - Double(f.tickFont.lineHeight) - 10 * s
    let rect = Rect(x: left, y: top, width: right - left, height: bottom - top)
    f.paneBackground(rect)
    let xs = f.horizontal(rect, xlo, xhi)
    let ys = ValueScale(lo: ylo, hi: yhi, log: false, top: rect.minY, bottom: rect.maxY)
    let yt = f.valueTicks(ys, height: rect.height)
    f.yAxis(rect, scale: ys, ticks: yt.values, labels: yt.labels.map { $0 + unit })
    let xt = Ticks.linear(xlo, xhi, maxCount: max(2, Int(rect.width / (70 * s))))
    f.xValueAxis(rect, scale: xs, ticks: xt.values, labels: xt.values.map { Ticks.format($0, decimals: xt.decimals) + unit })
    let radius = (x.count > 2000 ? 2 : 3.5) * s
    f.clipped(rect) { f in
      f.canvas.hline(y: f.crisp(ys.y(0)), x0: rect.minX, x1: rect.maxX, color: theme.axis, width: f.hairline)
      f.canvas.vline(x: f.crisp(xs.y(0)), y0: rect.minY, y1: rect.maxY, color: theme.axis, width: f.hairline)
      if diagonal {
        let a = max(xlo, ylo)
        let b = min(xhi, yhi)
        f.canvas.stroke([Point(xs.y(a), ys.y(a)), Point(xs.y(b), ys.y(b))], color: theme.mutedText,
                        style: .dashed(1 * s, on: 5 * s, off: 4 * s))
      }
      // Losses first so wins stay visible where they overlap, both translucent.
      for pass in [Outcome.loss, .breakEven, .open, .win] {
        for i in 0..<x.count where outcomes[i] == pass && x[i].isFinite && y[i].isFinite {
          f.canvas.fillCircle(center: Point(xs.y(x[i]), ys.y(y[i])), radius: radius,
                              color: theme.color(for: pass).withOpacity(0.7))
        }
      }
    }
    f.legend([("Win (\(wins))", theme.profit, .dot), ("Loss (\(losses))", theme.loss, .dot)], in: rect)
    f.paneBorder(rect)
    f.xTitle(xLabel, rect: rect)
    f.yTitle(yLabel, rect: rect, x: 10 * s)
    return f.canvas
  }
}
