extension Theme {
  /// The colour of an outcome: profit, loss, or neutral for break-even and open trades.
  public func color(for outcome: Outcome) -> RGBA {
    switch outcome {
    case .win: return profit
    case .loss: return loss
    case .breakEven, .open: return neutral
    }
  }
}

extension PriceChart {
  /// Stop and target levels as dashed lines over their bar range, labelled at the right end.
  func drawLevels(_ f: inout Frame, xmap: XMap, scale: ValueScale) {
    for level in levels {
      let color: RGBA
      switch level.kind {
      case .stop: color = f.theme.loss
      case .target: color = f.theme.profit
      case .entry: color = f.theme.neutral
      case .other: color = f.theme.mutedText
      }
      drawLevel(&f, from: level.startIndex, to: level.endIndex, price: level.price, color: color,
                label: level.label, xmap: xmap, scale: scale)
    }
  }

  func drawLevel(
    _ f: inout Frame, from a: Int, to b: Int, price: Double, color: RGBA, label: String?,
    xmap: XMap, scale: ValueScale
  ) {
    let y = f.crisp(scale.y(price))
    guard y.isFinite else { return }
    let x0 = xmap.x(min(a, b)) - xmap.step / 2
    let x1 = max(xmap.x(max(a, b)) + xmap.step / 2, x0 + 6 * f.s)
    f.canvas.stroke([Point(x0, y), Point(x1, y)], color: color,
                    style: .dashed(max(1, 1.2 * f.s), on: 5 * f.s, off: 3 * f.s))
    if let label, !label.isEmpty {
      // Above the line at its right end, inside the pane.
      let end = min(x1, Double(f.canvas.clip.x1) - 3 * f.s)
      let w = f.tickFont.measure(label) + 4 * f.s
      let h = Double(f.tickFont.lineHeight)
      f.canvas.fill(Rect(x: end - w + 2 * f.s, y: y - 2 * f.s - h, width: w, height: h),
                    color: f.theme.paneBackground.withOpacity(0.75))
      f.canvas.draw(text: label, at: Point(end, y - 2 * f.s), font: f.tickFont, color: color,
                    align: .right, baseline: .bottom)
    }
  }

  /// Round trips: stop/target levels, a dotted entry→exit connector, then both markers.
  func drawTrades(_ f: inout Frame, xmap: XMap, scale: ValueScale) {
    let s = f.s
    let many = trades.count > 400 || Double(trades.count) > xmap.width / 4
    for t in trades {
      let color = f.theme.color(for: t.outcome)
      let end = t.exitIndex ?? (data.count - 1)
      if !many {
        if let stop = t.stop {
          drawLevel(&f, from: t.entryIndex, to: end, price: stop, color: f.theme.loss, label: nil, xmap: xmap, scale: scale)
        }
        if let target = t.target {
          drawLevel(&f, from: t.entryIndex, to: end, price: target, color: f.theme.profit, label: nil, xmap: xmap, scale: scale)
        }
      }
      if let e = t.exitIndex, let p = t.exitPrice, !many {
        f.canvas.stroke(
          [Point(xmap.x(t.entryIndex), scale.y(t.entryPrice)), Point(xmap.x(e), scale.y(p))],
          color: color.withOpacity(0.8), style: StrokeStyle(width: 1.2 * s, dash: [2 * s, 2.5 * s]))
      }
    }
    for t in trades {
      let outcome = t.outcome
      drawMarker(&f, Marker(index: t.entryIndex, price: t.entryPrice, kind: t.isLong ? .longEntry : .shortEntry,
                            outcome: outcome), xmap: xmap, scale: scale, small: many)
      if let e = t.exitIndex, let p = t.exitPrice {
        drawMarker(&f, Marker(index: e, price: p, kind: .exit, outcome: outcome), xmap: xmap, scale: scale, small: many)
      }
    }
  }

  func drawMarkers(_ f: inout Frame, xmap: XMap, scale: ValueScale) {
    let small = markers.count > 400
    for m in markers { drawMarker(&f, m, xmap: xmap, scale: scale, small: small) }
  }

  /// Entry triangles have their tip on the price (below it for longs, above for shorts);
  /// exits are diamonds centred on the price. A halo in the background colour keeps them
  /// readable over candles.
  func drawMarker(_ f: inout Frame, _ m: Marker, xmap: XMap, scale: ValueScale, small: Bool) {
    let s = f.s
    let x = xmap.x(m.index)
    let y = scale.y(m.price)
    guard x.isFinite, y.isFinite else { return }
    let r = (small ? 3.5 : 5.5) * s
    let color = f.theme.color(for: m.outcome)
    let halo = f.theme.background
    func shape(_ r: Double) -> [Point] {
      switch m.kind {
      case .longEntry:
        return [Point(x, y + 1 * s), Point(x + r, y + 1 * s + 1.6 * r), Point(x - r, y + 1 * s + 1.6 * r)]
      case .shortEntry:
        return [Point(x, y - 1 * s), Point(x - r, y - 1 * s - 1.6 * r), Point(x + r, y - 1 * s - 1.6 * r)]
      case .exit:
        return [Point(x, y - r), Point(x + r, y), Point(x, y + r), Point(x - r, y)]
      case .point:
        return Canvas.circle(center: Point(x, y), radius: r * 0.7)
      }
    }
    f.canvas.fill(polygon: grown(shape(r), by: 1.5 * s), color: halo)
    f.canvas.fill(polygon: shape(r), color: color)
    if let label = m.label, !label.isEmpty {
      let below = m.kind == .longEntry
      f.canvas.draw(text: label, at: Point(x, below ? y + 2.2 * r + 2 * s : y - 2.2 * r - 2 * s),
                    font: f.tickFont, color: color, align: .center, baseline: below ? .top : .bottom)
    }
  }

  /// The polygon pushed out from its centroid by `d` pixels (for halos).
  func grown(_ pts: [Point], by d: Double) -> [Point] {
    let cx = pts.map(\.x).reduce(0, +) / Double(pts.count)
    let cy = pts.map(\.y).reduce(0, +) / Double(pts.count)
    return pts.map { p in
      let dx = p.x - cx
      let dy = p.y - cy
      let len = max(1e-9, (dx * dx + dy * dy).squareRoot())
      return Point(p.x + dx / len * d * 1.6, p.y + dy / len * d * 1.6)
    }
  }
}
