extension PriceChart {
  /// Candles, OHLC bars or the close line for bars `range`.
  func drawPrice(_ f: inout Frame, xmap: XMap, scale: ValueScale, range: Range<Int>) {
    let theme = f.theme
    let s = f.s
    if style == .line {
      let pts = Decimation.line(data.close, xmap: xmap, range: range)
      f.strokeSeries(
        pts, scale: scale, color: theme.series(0), style: StrokeStyle(width: 1.5 * s),
        decimated: Decimation.decimates(range.count, xmap: xmap))
      return
    }
    if xmap.step < 3 * s || Double(range.count) > xmap.width {
      // One column per pixel: wick from low to high, brighter body from open to close.
      let cols = Decimation.candles(data, xmap: xmap, range: range)
      for k in 0..<cols.x.count {
        let up = cols.close[k] >= cols.open[k]
        let color = up ? theme.up : theme.down
        let x0 = cols.x[k] - 0.5
        let yh = scale.y(cols.high[k])
        let yl = scale.y(cols.low[k])
        f.canvas.fill(Rect(x: x0, y: yh, width: 1, height: max(1, yl - yh)), color: color.withOpacity(0.55))
        let yo = scale.y(cols.open[k])
        let yc = scale.y(cols.close[k])
        let top = min(yo, yc)
        f.canvas.fill(Rect(x: x0, y: top, width: 1, height: max(1, abs(yc - yo))), color: color)
      }
      return
    }
    let body = max(1, (xmap.step * 0.7).rounded(.down))
    let bodyW = body.truncatingRemainder(dividingBy: 2) == 0 && body > 2 ? body - 1 : body
    let wick = max(1, s.rounded(.down))
    for i in range {
      let o = data.open[i]
      let h = data.high[i]
      let l = data.low[i]
      let c = data.close[i]
      guard o.isFinite, h.isFinite, l.isFinite, c.isFinite else { continue }
      let color = c >= o ? theme.up : theme.down
      let xc = (xmap.x(i) - 0.5).rounded() + 0.5
      let yh = scale.y(h)
      let yl = scale.y(l)
      switch style {
      case .candles:
        f.canvas.vline(x: xc, y0: yh, y1: max(yl, yh + 1), color: color, width: wick)
        let yo = scale.y(o)
        let yc = scale.y(c)
        f.canvas.fill(
          Rect(x: xc - bodyW / 2, y: min(yo, yc), width: bodyW, height: max(1, abs(yc - yo))),
          color: color)
      case .ohlc:
        let arm = max(1, (bodyW / 2).rounded(.down))
        f.canvas.vline(x: xc, y0: yh, y1: max(yl, yh + 1), color: color, width: wick)
        f.canvas.hline(y: f.crisp(scale.y(o)), x0: xc - arm - wick / 2, x1: xc, color: color, width: wick)
        f.canvas.hline(y: f.crisp(scale.y(c)), x0: xc, x1: xc + arm + wick / 2, color: color, width: wick)
      case .line:
        break
      }
    }
  }

  /// One overlay or pane series: a line, histogram columns or dots.
  static func drawSeries(
    _ f: inout Frame, _ o: Overlay, color: RGBA, xmap: XMap, scale: ValueScale, range: Range<Int>
  ) {
    let s = f.s
    switch o.kind {
    case .line:
      var style = o.style
      style.width *= s
      style.dash = style.dash.map { $0 * s }
      let pts = Decimation.line(o.values, xmap: xmap, range: range)
      f.strokeSeries(pts, scale: scale, color: color, style: style,
                     decimated: Decimation.decimates(range.count, xmap: xmap))
    case .histogram:
      let zero = scale.y(0)
      let width = max(1, (xmap.step * 0.7).rounded(.down))
      if Double(range.count) > xmap.width {
        let pts = Decimation.envelope(o.values, xmap: xmap, range: range)
        var k = 0
        while k < pts.count {
          let x = pts[k].x
          var lo = 0.0
          var hi = 0.0
          while k < pts.count && pts[k].x == x {
            if pts[k].y.isFinite {
              lo = min(lo, pts[k].y)
              hi = max(hi, pts[k].y)
            }
            k += 1
          }
          if hi > 0 { f.canvas.fill(Rect(x: x - 0.5, y: scale.y(hi), width: 1, height: zero - scale.y(hi)), color: f.theme.up.withOpacity(0.7)) }
          if lo < 0 { f.canvas.fill(Rect(x: x - 0.5, y: zero, width: 1, height: scale.y(lo) - zero), color: f.theme.down.withOpacity(0.7)) }
        }
      } else {
        for i in range where o.values[i].isFinite {
          let v = o.values[i]
          let y = scale.y(v)
          let c = (v >= 0 ? f.theme.up : f.theme.down).withOpacity(0.7)
          f.canvas.fill(
            Rect(x: xmap.x(i) - width / 2, y: min(y, zero), width: width, height: max(1, abs(zero - y))),
            color: c)
        }
      }
    case .dots:
      let pts = Double(range.count) > xmap.width
        ? Decimation.envelope(o.values, xmap: xmap, range: range)
        : Decimation.points(o.values, xmap: xmap, range: range)
      let r = max(1, o.style.width) * s
      for p in pts where p.y.isFinite {
        f.canvas.fillCircle(center: Point(p.x, scale.y(p.y)), radius: r, color: color)
      }
    }
  }

  /// Volume columns coloured by the bar's direction, with compact labels (1.2M).
  func drawVolume(_ f: inout Frame, rect: Rect, xmap: XMap) {
    let theme = f.theme
    let decimate = xmap.step < 3 * f.s || Double(data.count) > xmap.width
    // Decimated columns show the mean volume per bar, so the axis keeps per-bar units.
    var cols = decimate ? Decimation.candles(data, xmap: xmap, range: 0..<data.count) : nil
    if var c = cols {
      for k in 0..<c.volume.count { c.volume[k] /= Double(max(1, c.count[k])) }
      cols = c
    }
    let vmax = cols.map { $0.volume.max() ?? 0 } ?? (data.volume.filter(\.isFinite).max() ?? 0)
    let scale = ValueScale(lo: 0, hi: vmax > 0 ? vmax * 1.1 : 1, log: false, top: rect.minY, bottom: rect.maxY)
    let t = f.valueTicks(scale, height: rect.height, compact: true)
    f.yAxis(rect, scale: scale, ticks: t.values.filter { $0 > 0 }, labels: t.labels.enumerated().filter { t.values[$0.offset] > 0 }.map(\.element))
    f.clipped(rect) { f in
      if let cols {
        for k in 0..<cols.x.count {
          let y = scale.y(cols.volume[k])
          let up = cols.close[k] >= cols.open[k]
          f.canvas.fill(Rect(x: cols.x[k] - 0.5, y: y, width: 1, height: rect.maxY - y),
                        color: up ? theme.volumeUp : theme.volumeDown)
        }
      } else {
        let w = max(1, (xmap.step * 0.7).rounded(.down))
        for i in 0..<data.count where data.volume[i].isFinite {
          let y = scale.y(data.volume[i])
          let up = data.close[i] >= data.open[i]
          f.canvas.fill(Rect(x: xmap.x(i) - w / 2, y: y, width: w, height: rect.maxY - y),
                        color: up ? theme.volumeUp : theme.volumeDown)
        }
      }
    }
    f.legend([("Volume", theme.volumeUp, .box)], in: rect)
  }

  /// An indicator pane: reference bands and lines, then the series, then the legend.
  func drawIndicator(_ f: inout Frame, pane: IndicatorPane, rect: Rect, xmap: XMap, paletteStart: Int) {
    let theme = f.theme
    let s = f.s
    var lo: Double
    var hi: Double
    if let r = pane.range {
      lo = r.lowerBound
      hi = r.upperBound
    } else {
      var arrays = pane.series.map(\.values)
      arrays.append(pane.references.flatMap { [$0.value, $0.bandTo ?? .nan] })
      if pane.series.contains(where: { $0.kind == .histogram }) { arrays.append([0]) }
      (lo, hi) = ValueScale.range(arrays, pad: 0.06, log: false) ?? (0, 1)
    }
    let scale = ValueScale(lo: lo, hi: hi, log: false, top: rect.minY + 2 * s, bottom: rect.maxY - 2 * s)
    let refs = pane.references.map(\.value)
    if pane.range != nil && !refs.isEmpty {
      // Fixed-range panes label their reference levels (30, 70) rather than generic ticks.
      let values = Array(Set(refs)).sorted()
      let d = values.map { Ticks.decimals(forStep: abs($0) > 0 ? abs($0) : 1) }.max() ?? 0
      f.yAxis(rect, scale: scale, ticks: values, labels: values.map { Ticks.format($0, decimals: d) })
    } else {
      let t = f.valueTicks(scale, height: rect.height)
      f.yAxis(rect, scale: scale, ticks: t.values, labels: t.labels)
    }
    f.clipped(rect) { f in
      f.references(pane.references, rect: rect, scale: scale)
      for (k, o) in pane.series.enumerated() {
        PriceChart.drawSeries(&f, o, color: o.color ?? theme.series(paletteStart + k), xmap: xmap, scale: scale, range: 0..<data.count)
      }
    }
    var entries: [(name: String, color: RGBA, swatch: Swatch)] = []
    for (k, o) in pane.series.enumerated() {
      let last = o.values.last(where: { $0.isFinite })
      let value = last.map { "  " + Ticks.format($0, decimals: 2) } ?? ""
      entries.append((o.name + value, o.color ?? theme.series(paletteStart + k), o.kind == .histogram ? .box : .line))
    }
    if pane.series.count != 1 || pane.series.first?.name != pane.title {
      entries.insert((pane.title, theme.text.withOpacity(0), .line), at: 0)
    }
    f.legend(entries, in: rect)
  }
}
