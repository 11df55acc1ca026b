import Foundation

/// How a stroked line is drawn: width in pixels, optional dash pattern (on, off, on, … lengths
/// in pixels), round joins, and butt or round ends.
public struct StrokeStyle: Sendable, Equatable {
  public enum Cap: Sendable { case butt, round, square }
  public var width: Double
  public var dash: [Double]
  public var cap: Cap

  public init(width: Double = 1, dash: [Double] = [], cap: Cap = .butt) {
    self.width = width
    self.dash = dash
    self.cap = cap
  }

  public static let solid = StrokeStyle()
  public static func dashed(_ width: Double = 1, on: Double = 6, off: Double = 4) -> StrokeStyle {
    StrokeStyle(width: width, dash: [on, off])
  }
}

extension Canvas {
  /// Strokes a polyline with anti-aliased edges. Segments overlap as one union (a
  /// translucent line is not darker where it turns). A NaN point breaks the line: the parts
  /// before and after are drawn as separate polylines.
  public mutating func stroke(_ points: [Point], color: RGBA, style: StrokeStyle = .solid) {
    guard style.width > 0, style.width.isFinite, points.count >= 1 else { return }
    var polygons: [[Point]] = []
    var run: [Point] = []
    func flush() {
      if run.count >= 2 {
        if style.dash.count >= 2, style.dash.allSatisfy({ $0 >= 0 }),
          style.dash.reduce(0, +) > 0
        {
          for piece in Canvas.dashPieces(run, pattern: style.dash) {
            Canvas.outline(piece, style: style, into: &polygons)
          }
        } else {
          Canvas.outline(run, style: style, into: &polygons)
        }
      }
      run.removeAll(keepingCapacity: true)
    }
    for point in points {
      if point.x.isFinite && point.y.isFinite {
        if let last = run.last, last == point { continue }
        run.append(point)
      } else {
        flush()
      }
    }
    flush()
    fill(polygons: polygons, color: color, rule: .nonZero)
  }

  /// Strokes the segment from `a` to `b`.
  public mutating func line(
    from a: Point, to b: Point, color: RGBA, style: StrokeStyle = .solid
  ) {
    stroke([a, b], color: color, style: style)
  }

  /// A circle as a polygon with enough vertices to look round at its size; clockwise in
  /// screen coordinates when `clockwise` (matches segment quads, so unions keep winding).
  static func circle(center: Point, radius: Double, clockwise: Bool = true) -> [Point] {
    let n = max(8, min(64, Int((radius * 2.5).rounded(.up)) + 6))
    var points: [Point] = []
    points.reserveCapacity(n)
    for i in 0..<n {
      let t = Double(clockwise ? -i : i) * 2 * Double.pi / Double(n)
      points.append(Point(center.x + radius * cos(t), center.y + radius * sin(t)))
    }
    return points
  }

  /// Appends the outline polygons of a stroked polyline: a quad per segment, a disc at each
  /// interior joint, and caps. All have the same orientation so non-zero filling unions them.
  static func outline(_ points: [Point], style: StrokeStyle, into polygons: inout [[Point]]) {
    let h = style.width / 2
    for i in 1..<points.count {
      var a = points[i - 1]
      var b = points[i]
      let dx = b.x - a.x
      let dy = b.y - a.y
      let length = (dx * dx + dy * dy).squareRoot()
      guard length > 0 else { continue }
      let ux = dx / length
      let uy = dy / length
      if style.cap == .square {
        if i == 1 { a = Point(a.x - ux * h, a.y - uy * h) }
        if i == points.count - 1 { b = Point(b.x + ux * h, b.y + uy * h) }
      }
      let nx = -uy * h
      let ny = ux * h
      polygons.append([
        Point(a.x + nx, a.y + ny), Point(b.x + nx, b.y + ny),
        Point(b.x - nx, b.y - ny), Point(a.x - nx, a.y - ny),
      ])
    }
    if points.count > 2 && h > 0.6 {
      for i in 1..<(points.count - 1) {
        if h >= 2 {
          polygons.append(circle(center: points[i], radius: h))
        } else {
          bevel(points[i - 1], points[i], points[i + 1], h: h, into: &polygons)
        }
      }
    }
    if style.cap == .round, let first = points.first, let last = points.last {
      polygons.append(circle(center: first, radius: h))
      polygons.append(circle(center: last, radius: h))
    }
  }

  /// Bevel join at `p` between segments a→p and p→b: the triangles between the two segment
  /// ends, oriented like the segment quads (negative signed area) so they union with them.
  static func bevel(_ a: Point, _ p: Point, _ b: Point, h: Double, into polygons: inout [[Point]]) {
    let l1 = ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)).squareRoot()
    let l2 = ((b.x - p.x) * (b.x - p.x) + (b.y - p.y) * (b.y - p.y)).squareRoot()
    guard l1 > 0, l2 > 0 else { return }
    let n1 = Point(-(p.y - a.y) / l1 * h, (p.x - a.x) / l1 * h)
    let n2 = Point(-(b.y - p.y) / l2 * h, (b.x - p.x) / l2 * h)
    for sign in [1.0, -1.0] {
      var tri = [p, Point(p.x + sign * n1.x, p.y + sign * n1.y), Point(p.x + sign * n2.x, p.y + sign * n2.y)]
      let area = (tri[1].x - tri[0].x) * (tri[2].y - tri[0].y) - (tri[2].x - tri[0].x) * (tri[1].y - tri[0].y)
      if abs(area) < 1e-9 { continue }
      if area > 0 { tri.reverse() }
      polygons.append(tri)
    }
  }

  /// Splits a polyline into its "on" pieces under a dash pattern (lengths in pixels).
  static func dashPieces(_ points: [Point], pattern: [Double]) -> [[Point]] {
    var pieces: [[Point]] = []
    var current: [Point] = []
    var index = 0
    var remaining = pattern[0]
    var on = true
    if on { current.append(points[0]) }
    for i in 1..<points.count {
      var a = points[i - 1]
      let b = points[i]
      var segment = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
      while segment > remaining {
        let t = remaining / segment
        let p = Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        if on {
          current.append(p)
          if current.count >= 2 { pieces.append(current) }
          current = []
        } else {
          current = [p]
        }
        on.toggle()
        segment -= remaining
        a = p
        index = (index + 1) % pattern.count
        remaining = pattern[index]
        if remaining <= 0 && segment > 0 { remaining = 1e-9 }
      }
      remaining -= segment
      if on { current.append(b) }
    }
    if on && current.count >= 2 { pieces.append(current) }
    return pieces
  }

  /// Fills a disc with anti-aliased edge.
  public mutating func fillCircle(center: Point, radius: Double, color: RGBA) {
    guard radius > 0 else { return }
    fill(polygon: Canvas.circle(center: center, radius: radius), color: color)
  }
}
