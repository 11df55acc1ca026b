/// Shape of a legend swatch.
enum Swatch { case line, dashed, box, dot }

/// The drawing state of one chart being rendered: canvas, theme, scale and fonts, with the
/// pieces every chart shares (titles, pane backgrounds, axes, legends).
struct Frame {
  var canvas: Canvas
  let theme: Theme
  /// Pixels per logical pixel.
  let s: Double
  let tickFont: Font
  let boldTickFont: Font
  let legendFont: Font
  let titleFont: Font
  let subtitleFont: Font

  init(size: ChartSize, theme: Theme) throws {
    let (w, h) = try size.pixels()
    canvas = try Canvas(width: w, height: h, background: theme.background)
    self.theme = theme
    s = size.scale
    tickFont = Font.sized(11 * s)
    boldTickFont = Font.sized(11 * s, bold: true)
    legendFont = Font.sized(11 * s)
    titleFont = Font.sized(15 * s, bold: true)
    subtitleFont = Font.sized(11 * s)
  }

  var width: Double { Double(canvas.width) }
  var height: Double { Double(canvas.height) }

  /// Draws the title (and an optional subtitle on the same line, muted) at the top left and
  /// returns the y where content may start.
  mutating func title(_ text: String?, subtitle: String? = nil) -> Double {
    let top = 8 * s
    guard let text, !text.isEmpty else { return top }
    let box = canvas.draw(
      text: text, at: Point(12 * s, top), font: titleFont, color: theme.text, baseline: .top)
    if let subtitle, !subtitle.isEmpty {
      canvas.draw(
        text: subtitle, at: Point(box.maxX + 10 * s, top + Double(titleFont.ascent)),
        font: subtitleFont, color: theme.mutedText, baseline: .alphabetic)
    }
    return top + Double(titleFont.lineHeight) + 6 * s
  }

  /// Width needed right of the panes for labels like these.
  func axisWidth(_ labels: [String]) -> Double {
    let widest = labels.map { tickFont.measure($0) }.max() ?? 0
    return min((widest + 14 * s).rounded(.up), width * 0.3)
  }

  /// Runs `body` with drawing limited to `rect`, then restores the clip.
  mutating func clipped(_ rect: Rect, _ body: (inout Frame) -> Void) {
    let saved = canvas.clip
    canvas.intersectClip(rect)
    body(&self)
    canvas.clip = saved
  }

  /// Pixel-snapped coordinate for a crisp 1-pixel line (the centre of a pixel).
  func crisp(_ v: Double) -> Double { (v - 0.5).rounded() + 0.5 }

  var hairline: Double { max(1, s.rounded()) }

  mutating func paneBackground(_ rect: Rect) {
    if theme.paneBackground != theme.background { canvas.fill(rect, color: theme.paneBackground) }
  }

  mutating func paneBorder(_ rect: Rect) {
    let w = hairline
    canvas.hline(y: crisp(rect.maxY), x0: rect.minX, x1: rect.maxX, color: theme.axis, width: w)
    canvas.vline(x: crisp(rect.maxX), y0: rect.minY, y1: rect.maxY, color: theme.axis, width: w)
  }

  /// Value-axis ticks and grid for a pane: horizontal grid lines and labels right of it.
  /// Labels that would stick out of the pane's vertical extent are skipped.
  mutating func yAxis(
    _ rect: Rect, scale: ValueScale, ticks: [Double], labels: [String], avoid: Double? = nil
  ) {
    let half = Double(tickFont.ascent) * 0.45
    for (i, v) in ticks.enumerated() {
      let y = scale.y(v)
      guard y.isFinite, y >= rect.minY - 0.5, y <= rect.maxY + 0.5 else { continue }
      let cy = crisp(y)
      canvas.hline(y: cy, x0: rect.minX, x1: rect.maxX, color: theme.grid, width: hairline)
      canvas.hline(y: cy, x0: rect.maxX, x1: rect.maxX + 4 * s, color: theme.axis, width: hairline)
      guard y - half >= rect.minY - 1, y + half <= rect.maxY + 1, i < labels.count else { continue }
      if let avoid, abs(avoid - y) < Double(tickFont.lineHeight) + 2 * s { continue }
      canvas.draw(
        text: labels[i], at: Point(rect.maxX + 7 * s, y), font: tickFont, color: theme.mutedText,
        baseline: .middle)
    }
  }

  /// Ticks of a linear or log value axis for a pane of this height.
  func valueTicks(_ scale: ValueScale, height: Double, compact: Bool = false)
    -> (values: [Double], labels: [String])
  {
    let maxCount = max(2, Int(height / (Double(tickFont.lineHeight) * 2.4)))
    if scale.log {
      let values = Ticks.logarithmic(scale.lo, scale.hi, maxCount: maxCount)
      let decimals = values.map { v -> Int in v >= 1 ? 0 : Ticks.decimals(forStep: v) }.max() ?? 0
      return (values, values.map { compact ? Ticks.compact($0) : Ticks.format($0, decimals: decimals) })
    }
    let t = Ticks.linear(scale.lo, scale.hi, maxCount: maxCount)
    return (t.values, t.values.map { compact ? Ticks.compact($0) : Ticks.format($0, decimals: t.decimals) })
  }

  /// Vertical grid lines through every pane and centred labels under `bottom`. Labels that
  /// would overlap the previous one are dropped; a bold (major) label replaces a colliding
  /// plain one before it. Labels never leave the canvas.
  mutating func xAxis(panes: [Rect], ticks: [(x: Double, label: String, major: Bool)]) {
    guard let bottom = panes.last else { return }
    var kept: [(x: Double, label: String, major: Bool, lo: Double, hi: Double)] = []
    let gap = 10 * s
    for t in ticks where t.x >= bottom.minX - 0.5 && t.x <= bottom.maxX + 0.5 {
      let font = t.major ? boldTickFont : tickFont
      let w = font.measure(t.label)
      var lo = t.x - w / 2
      lo = max(2 * s, min(width - 2 * s - w, lo))
      let entry = (t.x, t.label, t.major, lo, lo + w)
      if let last = kept.last, lo < last.hi + gap {
        if t.major && !last.major {
          let before = kept.count >= 2 ? kept[kept.count - 2].hi : -Double.infinity
          if lo >= before + gap { kept[kept.count - 1] = entry }
        }
        continue
      }
      kept.append(entry)
    }
    for k in kept {
      let x = crisp(k.x)
      for pane in panes {
        canvas.vline(x: x, y0: pane.minY, y1: pane.maxY, color: theme.grid, width: hairline)
      }
      canvas.vline(x: x, y0: bottom.maxY, y1: bottom.maxY + 4 * s, color: theme.axis, width: hairline)
      canvas.draw(
        text: k.label, at: Point(k.lo, bottom.maxY + 6 * s), font: k.major ? boldTickFont : tickFont,
        color: k.major ? theme.text : theme.mutedText, baseline: .top)
    }
  }

  /// Height of the x-axis label row under the bottom pane.
  var xAxisHeight: Double { Double(tickFont.lineHeight) + 10 * s }

  /// A legend in the top-left corner of `rect`: swatch and name per entry, wrapping to more
  /// rows when needed, on a translucent background so data stays visible behind it.
  mutating func legend(
    _ entries: [(name: String, color: RGBA, swatch: Swatch)], in rect: Rect, atBottom: Bool = false
  ) {
    let visible = entries.filter { !$0.name.isEmpty }
    guard !visible.isEmpty else { return }
    let pad = 5 * s
    let sw = 14 * s
    let lineH = Double(legendFont.lineHeight) + 2 * s
    var x = rect.minX + pad * 2
    var y = rect.minY + pad
    var boxes: [(Double, Double, Int)] = []  // x, y per entry
    var maxX = x
    for (i, e) in visible.enumerated() {
      let w = sw + 4 * s + legendFont.measure(e.name)
      if x + w > rect.maxX - pad && x > rect.minX + pad * 2 {
        x = rect.minX + pad * 2
        y += lineH
      }
      boxes.append((x, y, i))
      x += w + 12 * s
      maxX = max(maxX, x - 12 * s)
    }
    var bg = Rect(x: rect.minX + pad, y: rect.minY + pad - 2 * s,
                  width: maxX - rect.minX, height: y + lineH - rect.minY - pad + 4 * s)
    var shift = 0.0
    if atBottom {
      shift = rect.maxY - pad - bg.maxY
      bg.y += shift
    }
    canvas.fill(bg, color: theme.paneBackground.withOpacity(0.8))
    for (bx, by0, i) in boxes {
      let by = by0 + shift
      let e = visible[i]
      let mid = by + lineH / 2
      switch e.swatch {
      case .line:
        canvas.hline(y: mid, x0: bx, x1: bx + sw, color: e.color, width: 2 * s)
      case .dashed:
        canvas.stroke([Point(bx, mid), Point(bx + sw, mid)], color: e.color,
                      style: .dashed(1.5 * s, on: 4 * s, off: 2.5 * s))
      case .box:
        canvas.fill(Rect(x: bx + 2 * s, y: mid - 4 * s, width: sw - 4 * s, height: 8 * s), color: e.color)
      case .dot:
        canvas.fillCircle(center: Point(bx + sw / 2, mid), radius: 3.5 * s, color: e.color)
      }
      canvas.draw(text: e.name, at: Point(bx + sw + 4 * s, mid), font: legendFont,
                  color: theme.text, baseline: .middle)
    }
  }

  /// A label in a filled tag at the right axis (last price, current value).
  mutating func axisTag(_ text: String, y: Double, x: Double, color: RGBA) {
    guard y.isFinite else { return }
    let w = tickFont.measure(text) + 8 * s
    let h = Double(tickFont.lineHeight) + 2 * s
    canvas.fill(Rect(x: x, y: y - h / 2, width: w, height: h), color: color)
    let ink = color.luminance > 0.45 ? RGBA(hex: 0x000000) : RGBA(hex: 0xFFFFFF)
    canvas.draw(text: text, at: Point(x + 4 * s, y), font: tickFont, color: ink, baseline: .middle)
  }
}
