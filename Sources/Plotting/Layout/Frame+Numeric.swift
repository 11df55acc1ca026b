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
}
