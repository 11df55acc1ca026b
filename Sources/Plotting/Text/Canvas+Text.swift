/// Horizontal placement of text relative to its anchor point.
public enum TextAlign: Sendable { case left, center, right }

/// Vertical placement of text relative to its anchor point.
public enum TextBaseline: Sendable {
  /// The anchor is at the top of the line box (ascent above the baseline).
  case top
  /// The anchor is halfway between the top of digits and the baseline (labels on ticks).
  case middle
  /// The anchor is on the baseline.
  case alphabetic
  /// The anchor is at the bottom of the line box (descent below the baseline).
  case bottom
}

extension Canvas {
  /// Draws one line of text. The pen starts on a whole pixel so glyphs stay crisp.
  /// `rotated` turns the text 90° counter-clockwise (reading upwards), for vertical axis
  /// titles; alignment then applies along the rotated direction.
  /// Returns the box the text covers, in canvas pixels.
  @discardableResult
  public mutating func draw(
    text: String, at anchor: Point, font: Font, color: RGBA,
    align: TextAlign = .left, baseline: TextBaseline = .alphabetic, rotated: Bool = false
  ) -> Rect {
    // Far-off anchors cannot reach the canvas (and would overflow the pen arithmetic).
    guard anchor.x.isFinite, anchor.y.isFinite, abs(anchor.x) < 1e7, abs(anchor.y) < 1e7,
      !text.isEmpty
    else {
      return Rect(x: 0, y: 0, width: 0, height: 0)
    }
    let advance = font.measure(text)
    let along: Double
    switch align {
    case .left: along = 0
    case .center: along = -advance / 2
    case .right: along = -advance
    }
    let capHeight = Double(font.ascent) * 0.72
    let across: Double  // distance from the anchor down to the baseline (unrotated frame)
    switch baseline {
    case .top: across = Double(font.ascent)
    case .middle: across = capHeight / 2
    case .alphabetic: across = 0
    case .bottom: across = -Double(font.descent)
    }
    if rotated {
      // Baseline runs upwards at x = anchor.x + across; text starts at y = anchor.y - along.
      let baseX = Int((anchor.x + across).rounded())
      var pen64 = Int(((anchor.y - along) * 64).rounded())
      for scalar in text.unicodeScalars {
        guard let g = font.glyph(scalar) else { continue }
        let penY = Int((Double(pen64) / 64).rounded())
        blitRotated(g, font: font, baseX: baseX, penY: penY, color: color)
        pen64 -= g.advance64
      }
      return Rect(
        x: Double(baseX - font.ascent), y: anchor.y - along - advance,
        width: Double(font.lineHeight), height: advance)
    }
    let baseY = Int((anchor.y + across).rounded())
    var pen64 = Int(((anchor.x + along) * 64).rounded())
    for scalar in text.unicodeScalars {
      guard let g = font.glyph(scalar) else { continue }
      let penX = Int((Double(pen64) / 64).rounded())
      blit(g, font: font, x: penX + g.left, y: baseY - g.top, color: color)
      pen64 += g.advance64
    }
    return Rect(
      x: anchor.x + along, y: Double(baseY - font.ascent), width: advance,
      height: Double(font.lineHeight))
  }

  private mutating func blit(_ g: Glyph, font: Font, x: Int, y: Int, color: RGBA) {
    guard g.width > 0, g.height > 0 else { return }
    let c = clip
    let w = width
    font.coverage.withUnsafeBufferPointer { cov in
      pixels.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for row in 0..<g.height {
          let py = y + row
          guard py >= c.y0, py < c.y1 else { continue }
          for col in 0..<g.width {
            let px = x + col
            guard px >= c.x0, px < c.x1 else { continue }
            let v = cov[g.offset + row * g.width + col]
            if v == 0 { continue }
            Canvas.blend(base + (py * w + px) * 4, color, Float(v) * (1 / 255))
          }
        }
      }
    }
  }

  /// Blits a glyph turned 90° counter-clockwise: glyph column c, row r lands at
  /// (baseX - top + r, penY - left - c).
  private mutating func blitRotated(_ g: Glyph, font: Font, baseX: Int, penY: Int, color: RGBA) {
    guard g.width > 0, g.height > 0 else { return }
    let c = clip
    let w = width
    font.coverage.withUnsafeBufferPointer { cov in
      pixels.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        for row in 0..<g.height {
          let px = baseX - g.top + row
          guard px >= c.x0, px < c.x1 else { continue }
          for col in 0..<g.width {
            let py = penY - g.left - col
            guard py >= c.y0, py < c.y1 else { continue }
            let v = cov[g.offset + row * g.width + col]
            if v == 0 { continue }
            Canvas.blend(base + (py * w + px) * 4, color, Float(v) * (1 / 255))
          }
        }
      }
    }
  }
}
