extension Frame {
  /// Numeric x axis under `rect` (vertical grid lines and centred labels, crowded ones
  /// dropped). `scale` maps values horizontally: build it with top = right edge and
  /// bottom = left edge.
  mutating func xValueAxis(_ rect: Rect, scale: ValueScale, ticks: [Double], labels: [String]) {
    var lastRight = -Double.infinity
    for (i, v) in ticks.enumerated() {
      let x = scale.y(v)
      guard x.isFinite, x >= rect.minX - 0.5, x <= rect.maxX + 0.5 else { continue }
      let cx = crisp(x)
      canvas.vline(x: cx, y0: rect.minY, y1: rect.maxY, color: theme.grid, width: hairline)
      canvas.vline(x: cx, y0: rect.maxY, y1: rect.maxY + 4 * s, color: theme.axis, width: hairline)
      guard i < labels.count else { continue }
      let w = tickFont.measure(labels[i])
      let lo = max(2 * s, min(width - 2 * s - w, x - w / 2))
      guard lo > lastRight + 8 * s else { continue }
      lastRight = lo + w
      canvas.draw(text: labels[i], at: Point(lo, rect.maxY + 6 * s), font: tickFont,
                  color: theme.mutedText, baseline: .top)
    }
  }

  /// A horizontal scale over rect's width for values lo...hi.
  func horizontal(_ rect: Rect, _ lo: Double, _ hi: Double, log: Bool = false) -> ValueScale {
    ValueScale(lo: lo, hi: hi, log: log, top: rect.maxX, bottom: rect.minX)
  }

  /// Axis title centred under the x labels.
  mutating func xTitle(_ text: String?, rect: Rect) {
    guard let text, !text.isEmpty else { return }
    canvas.draw(text: text, at: Point(rect.midX, rect.maxY + xAxisHeight + 2 * s),
                font: tickFont, color: theme.text, align: .center, baseline: .top)
  }

  /// Axis title along the left edge, reading upwards.
  mutating func yTitle(_ text: String?, rect: Rect, x: Double) {
    guard let text, !text.isEmpty else { return }
    canvas.draw(text: text, at: Point(x, rect.midY), font: tickFont, color: theme.text,
                align: .center, baseline: .top, rotated: true)
  }

  /// A vertical dashed marker line with a label at its top.
  mutating func verticalMarker(x: Double, rect: Rect, color: RGBA, label: String?) {
    guard x.isFinite, x >= rect.minX, x <= rect.maxX else { return }
    canvas.stroke([Point(crisp(x), rect.minY), Point(crisp(x), rect.maxY)], color: color,
                  style: .dashed(1.2 * s, on: 5 * s, off: 3 * s))
    if let label {
      let w = tickFont.measure(label)
      let right = x + 4 * s + w <= rect.maxX
      canvas.draw(text: label, at: Point(right ? x + 4 * s : x - 4 * s, rect.minY + 4 * s),
                  font: tickFont, color: color, align: right ? .left : .right, baseline: .top)
    }
  }

  /// Calendar ticks for `times` on the shared x axis of `panes` (labels under the last).
  mutating func timeAxis(panes: [Rect], times: [Int64], xmap: XMap, collapsed: Bool) {
    guard let bottom = panes.last else { return }
    let labelWidth = tickFont.measure("00:00") + 18 * s
    let ticks = TimeTicks.ticks(
      times: times, maxCount: max(2, Int(bottom.width / labelWidth)), collapsed: collapsed)
    xAxis(panes: panes, ticks: ticks.map { (xmap.x(tick: $0), $0.label, $0.major) })
  }

  /// Shaded bands first, then a dashed line (and its label, at the left above the line) for
  /// each reference level.
  mutating func references(_ refs: [ReferenceLine], rect: Rect, scale: ValueScale) {
    for r in refs {
      guard let b = r.bandTo else { continue }
      let y0 = scale.y(r.value)
      let y1 = scale.y(b)
      canvas.fill(
        Rect(x: rect.minX, y: min(y0, y1), width: rect.width, height: abs(y1 - y0)),
        color: theme.band)
    }
    for r in refs {
      let y = crisp(scale.y(r.value))
      canvas.stroke(
        [Point(rect.minX, y), Point(rect.maxX, y)], color: theme.mutedText.withOpacity(0.7),
        style: .dashed(hairline, on: 4 * s, off: 3 * s))
      if let label = r.label, !label.isEmpty {
        canvas.draw(
          text: label, at: Point(rect.minX + 6 * s, y - 2 * s), font: tickFont,
          color: theme.mutedText, baseline: .bottom)
      }
    }
  }
}
