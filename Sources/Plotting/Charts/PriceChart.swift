/// A price chart: candlesticks, OHLC bars or a close line, with overlays, trade markers,
/// stop/target levels, an optional volume pane and indicator panes, all on one x axis.
///
/// With `collapseGaps` (the default) bars are evenly spaced, so weekends and overnight
/// sessions take no room; otherwise bars sit at their times. Any number of bars is fine:
/// past about 1.5 bars per pixel column the chart draws per-column OHLC and min/max line
/// envelopes instead of every bar (see `Decimation`), so 1M bars render in milliseconds.
/// NaN prices or indicator values leave gaps.
public struct PriceChart: Chart {
  public enum Style: Sendable { case candles, ohlc, line }

  public var data: CandleData
  public var style: Style
  public var overlays: [Overlay]
  public var panes: [IndicatorPane]
  public var markers: [Marker]
  public var trades: [TradeMark]
  public var levels: [PriceLevel]
  public var showVolume: Bool
  public var logScale: Bool
  public var collapseGaps: Bool
  public var title: String?

  public init(
    data: CandleData, style: Style = .candles, overlays: [Overlay] = [],
    panes: [IndicatorPane] = [], markers: [Marker] = [], trades: [TradeMark] = [],
    levels: [PriceLevel] = [], showVolume: Bool = true, logScale: Bool = false,
    collapseGaps: Bool = true, title: String? = nil
  ) {
    self.data = data
    self.style = style
    self.overlays = overlays
    self.panes = panes
    self.markers = markers
    self.trades = trades
    self.levels = levels
    self.showVolume = showVolume
    self.logScale = logScale
    self.collapseGaps = collapseGaps
    self.title = title
  }

  /// Checks that every series has one value per bar and every index is a bar.
  public func validate() throws {
    let n = data.count
    for o in overlays where o.values.count != n {
      throw PlotError.lengthMismatch(name: "overlay '\(o.name)' (one value per bar)", expected: n, got: o.values.count)
    }
    for p in panes {
      for o in p.series where o.values.count != n {
        throw PlotError.lengthMismatch(
          name: "pane '\(p.title)' series '\(o.name)'", expected: n, got: o.values.count)
      }
      guard p.heightRatio.isFinite, p.heightRatio > 0, p.heightRatio <= 10 else {
        throw PlotError.invalidParameter(
          name: "pane '\(p.title)' heightRatio", expected: "a number in (0, 10]",
          got: "\(p.heightRatio)")
      }
    }
    func check(_ i: Int, _ what: String) throws {
      guard (0..<n).contains(i) else {
        throw PlotError.invalidParameter(name: what, expected: "a bar index in 0..<\(n)", got: "\(i)")
      }
    }
    for m in markers { try check(m.index, "marker index") }
    for t in trades {
      try check(t.entryIndex, "trade entry index")
      if let e = t.exitIndex {
        try check(e, "trade exit index")
        guard e >= t.entryIndex else {
          throw PlotError.invalidParameter(
            name: "trade exit index", expected: "≥ entry index \(t.entryIndex)", got: "\(e)")
        }
      }
    }
    for l in levels {
      try check(l.startIndex, "level start index")
      try check(l.endIndex, "level end index")
    }
  }

  public func render(size: ChartSize, theme: Theme) throws -> Canvas {
    try validate()
    var f = try Frame(size: size, theme: theme)
    let s = f.s
    let n = data.count
    let subtitle = lastValuesText()
    let top = f.title(title, subtitle: subtitle)

    // Price range over everything drawn on the price pane.
    var priceArrays: [[Double]] = [data.high, data.low]
    if style == .line { priceArrays = [data.close] }
    for o in overlays { priceArrays.append(o.values) }
    let extra = markers.map(\.price) + trades.flatMap { [$0.entryPrice, $0.exitPrice ?? .nan] }
      + levels.map(\.price) + trades.flatMap { [$0.stop ?? .nan, $0.target ?? .nan] }
    priceArrays.append(extra)
    let (plo, phi) = ValueScale.range(priceArrays, pad: 0.04, log: logScale) ?? (0, 1)

    // Width of the right axis from representative labels.
    let probe = ValueScale(lo: plo, hi: phi, log: logScale, top: 0, bottom: 400)
    var labels = f.valueTicks(probe, height: 400).labels
    if let last = data.close.last(where: { $0.isFinite }) {
      labels.append(Ticks.format(last, decimals: quoteDecimals(last, plo, phi)))
    }
    labels.append("100")
    let hasVolume = showVolume && !data.volume.isEmpty
    if hasVolume { labels.append("999.9M") }
    let axisW = f.axisWidth(labels) + 6 * s
    let left = 10 * s
    let right = f.width - axisW
    let bottom = f.height - f.xAxisHeight - 4 * s

    // Panes: price 1, volume 0.2, indicators by ratio.
    var weights: [Double] = [1]
    if hasVolume { weights.append(0.2) }
    weights += panes.map(\.heightRatio)
    let gap = 6 * s
    let available = bottom - top - gap * Double(weights.count - 1)
    let unit = available / weights.reduce(0, +)
    var rects: [Rect] = []
    var y = top
    for w in weights {
      let h = (w * unit).rounded()
      rects.append(Rect(x: left, y: y, width: right - left, height: h))
      y += h + gap
    }
    if var lastRect = rects.popLast() {
      lastRect.height = max(10, bottom - lastRect.minY)
      rects.append(lastRect)
    }

    let xmap = XMap(
      mode: collapseGaps ? .index : .time, left: left, width: right - left, times: data.time)
    for r in rects { f.paneBackground(r) }

    // Shared x axis.
    f.timeAxis(panes: rects, times: data.time, xmap: xmap, collapsed: collapseGaps)

    // Price pane.
    let priceRect = rects[0]
    let priceScale = ValueScale(
      lo: plo, hi: phi, log: logScale, top: priceRect.minY, bottom: priceRect.maxY)
    let pt = f.valueTicks(priceScale, height: priceRect.height)
    let lastClose = data.close.last(where: { $0.isFinite })
    f.yAxis(priceRect, scale: priceScale, ticks: pt.values, labels: pt.labels,
            avoid: lastClose.map { priceScale.y($0) })
    f.clipped(priceRect) { f in
      drawPrice(&f, xmap: xmap, scale: priceScale, range: 0..<n)
      for (k, o) in overlays.enumerated() {
        PriceChart.drawSeries(&f, o, color: o.color ?? theme.series(k), xmap: xmap, scale: priceScale, range: 0..<n)
      }
      drawLevels(&f, xmap: xmap, scale: priceScale)
      drawTrades(&f, xmap: xmap, scale: priceScale)
      drawMarkers(&f, xmap: xmap, scale: priceScale)
    }
    var legend: [(name: String, color: RGBA, swatch: Swatch)] = []
    for (i, o) in overlays.enumerated() {
      legend.append((o.name, o.color ?? theme.series(i), o.style.dash.isEmpty ? .line : .dashed))
    }
    f.legend(legend, in: priceRect)
    if let last = data.close.last(where: { $0.isFinite }), let lastOpen = data.open.last {
      let color = last >= lastOpen ? theme.up : theme.down
      f.axisTag(
        Ticks.format(last, decimals: quoteDecimals(last, plo, phi)),
        y: priceScale.y(last), x: right + 1 * s, color: color)
    }
    f.paneBorder(priceRect)

    var index = 1
    if hasVolume {
      drawVolume(&f, rect: rects[index], xmap: xmap)
      f.paneBorder(rects[index])
      index += 1
    }
    for pane in panes {
      drawIndicator(&f, pane: pane, rect: rects[index], xmap: xmap, paletteStart: overlays.count)
      f.paneBorder(rects[index])
      index += 1
    }
    return f.canvas
  }

  /// Decimals to quote `price` on an axis spanning lo...hi.
  func quoteDecimals(_ price: Double, _ lo: Double, _ hi: Double) -> Int {
    Ticks.priceDecimals(price, tickDecimals: Ticks.linear(lo, hi, maxCount: 8).decimals)
  }

  /// "O … H … L … C …" of the last bar, for the subtitle.
  func lastValuesText() -> String? {
    guard let i = data.close.lastIndex(where: { $0.isFinite }) else { return nil }
    let lo = data.low.min() ?? 0
    let hi = data.high.max() ?? 1
    let d = quoteDecimals(data.close[i], lo.isFinite ? lo : 0, hi.isFinite ? hi : 1)
    let change = i > 0 ? (data.close[i] / data.close[i - 1] - 1) * 100 : .nan
    var text = "O \(Ticks.format(data.open[i], decimals: d))  H \(Ticks.format(data.high[i], decimals: d))"
      + "  L \(Ticks.format(data.low[i], decimals: d))  C \(Ticks.format(data.close[i], decimals: d))"
    if change.isFinite { text += "  \(change >= 0 ? "+" : "")\(Ticks.format(change, decimals: 2))%" }
    return text
  }
}
