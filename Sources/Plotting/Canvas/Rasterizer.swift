/// Which regions of a self-intersecting or nested polygon count as inside.
public enum FillRule: Sendable {
  /// Inside where the winding number is not zero (overlapping parts of one outline union).
  case nonZero
  /// Inside where a ray crosses an odd number of edges (nested outlines make holes).
  case evenOdd
}

/// One non-horizontal polygon edge with y0 < y1; `winding` is +1 if the outline ran downwards.
struct Edge {
  var x0: Double
  var y0: Double
  var y1: Double
  var slope: Double
  var winding: Double
}

/// Polygon rasteriser by signed-area accumulation: each edge deposits, row by row, the exact
/// area it adds to every pixel (as differences along the row); a running sum along the row
/// gives the winding-weighted coverage, mapped to 0…1 by the fill rule. Anti-aliasing is
/// exact for simple shapes; where a shape overlaps itself under non-zero the coverage is
/// clamped at 1. The cost is proportional to edge length plus the touched part of each row.
enum ScanlineRasterizer {
  /// Fills the polygons (each implicitly closed) into `canvas` under `rule`. Polygons with a
  /// non-finite coordinate are skipped.
  static func fill(
    _ polygons: [[Point]], rule: FillRule, color: RGBA, canvas: inout Canvas
  ) {
    var edges: [Edge] = []
    edges.reserveCapacity(polygons.reduce(0) { $0 + $1.count })
    var minY = Double.infinity
    var maxY = -Double.infinity
    var minX = Double.infinity
    var maxX = -Double.infinity
    for polygon in polygons where polygon.count >= 3 {
      guard polygon.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { continue }
      var previous = polygon[polygon.count - 1]
      for point in polygon {
        defer { previous = point }
        minX = min(minX, point.x)
        maxX = max(maxX, point.x)
        minY = min(minY, point.y)
        maxY = max(maxY, point.y)
        if previous.y == point.y { continue }
        let down = point.y > previous.y
        let a = down ? previous : point
        let b = down ? point : previous
        edges.append(
          Edge(x0: a.x, y0: a.y, y1: b.y, slope: (b.x - a.x) / (b.y - a.y), winding: down ? 1 : -1))
      }
    }
    guard !edges.isEmpty else { return }
    let clip = canvas.clip
    let rowStart = max(clip.y0, Int(max(minY, -1e9).rounded(.down)))
    let rowEnd = min(clip.y1, Int(min(maxY, 1e9).rounded(.up)))
    let colStart = max(clip.x0, Int(max(minX, -1e9).rounded(.down)))
    let colEnd = min(clip.x1, Int(min(maxX, 1e9).rounded(.up)))
    guard rowStart < rowEnd, colStart < colEnd else { return }
    edges.sort { $0.y0 < $1.y0 }
    let width = colEnd - colStart
    // Index 0 collects everything left of the visible columns; pixel column c is at c + 1.
    var cells = [Float](repeating: 0, count: width + 3)
    var row = [Float](repeating: 0, count: width)
    var active: [Int] = []
    var next = 0
    let left = Double(colStart)
    let right = Double(colEnd)
    cells.withUnsafeMutableBufferPointer { cellBuf in
      row.withUnsafeMutableBufferPointer { rowBuf in
        for y in rowStart..<rowEnd {
          let top = Double(y)
          let bottom = top + 1
          while next < edges.count, edges[next].y0 < bottom {
            if edges[next].y1 > top { active.append(next) }
            next += 1
          }
          active.removeAll { edges[$0].y1 <= top }
          if active.isEmpty { continue }
          var lo = Int.max
          var hi = Int.min
          for index in active {
            let e = edges[index]
            let ya = max(e.y0, top)
            let yb = min(e.y1, bottom)
            guard yb > ya else { continue }
            let xa = e.x0 + (ya - e.y0) * e.slope
            let xb = e.x0 + (yb - e.y0) * e.slope
            let d = (yb - ya) * e.winding
            deposit(
              xa - left, xb - left, d: d, width: right - left, cells: cellBuf, lo: &lo, hi: &hi)
          }
          guard hi >= lo else { continue }
          // Running sum from the leftmost touched cell; coverage by the fill rule. Past the
          // last touched cell the sum stays constant (non-zero only when an edge lay right
          // of the visible columns), so the rest of the row takes that coverage.
          @inline(__always) func coverage(_ acc: Float) -> Float {
            let a = abs(acc)
            switch rule {
            case .nonZero: return min(1, a)
            case .evenOdd:
              let m = a.truncatingRemainder(dividingBy: 2)
              return m > 1 ? 2 - m : m
            }
          }
          var acc: Float = cellBuf[0]
          cellBuf[0] = 0
          let first = max(lo, 1)
          var last = min(hi, width)
          if first <= last {
            for i in first...last {
              acc += cellBuf[i]
              cellBuf[i] = 0
              rowBuf[i - 1] = coverage(acc)
            }
          }
          if last < hi {
            for i in (last + 1)...hi { cellBuf[i] = 0 }
          }
          if abs(acc) > 1e-4 && max(last, first - 1) < width {
            let c = coverage(acc)
            for i in max(last, first - 1)..<width { rowBuf[i] = c }
            last = width
          }
          if first <= last {
            let slice = UnsafeBufferPointer(rebasing: rowBuf[(first - 1)..<last])
            canvas.blendRow(y: y, x0: colStart + first - 1, coverage: slice, color: color)
          }
        }
      }
    }
  }

  /// Adds the coverage of one edge piece crossing a row (from x0 to x1, relative to the
  /// first visible column, with signed height `d`) to `cells` as differences along the row.
  /// Pixel column c covers [c, c+1); its coverage from the piece is d × ∫ F over the column,
  /// where F(u) is the share of the piece's height whose x lies left of u.
  @inline(__always)
  static func deposit(
    _ x0: Double, _ x1: Double, d: Double, width: Double, cells: UnsafeMutableBufferPointer<Float>,
    lo: inout Int, hi: inout Int
  ) {
    var a = min(x0, x1)
    var b = max(x0, x1)
    // Entirely right of the visible columns: no visible effect.
    if a >= width { return }
    // Entirely left: the whole height counts for every visible column.
    if b <= 0 {
      cells[0] += Float(d)
      lo = min(lo, 0)
      hi = max(hi, 0)
      return
    }
    // Split off the part left of column 0 (its height counts fully) and drop the part
    // right of the last column (it only affects pixels beyond it).
    var dd = d
    if a < 0 {
      let share = (0 - a) / (b - a)
      cells[0] += Float(d * share)
      lo = min(lo, 0)
      dd = d * (1 - share)
      a = 0
    }
    if b > width {
      let share = (b - width) / (b - a)
      dd *= (1 - share)
      b = width
    }
    let i0 = Int(a)
    let i1 = min(Int(width), Int(b.rounded(.up)))
    if i1 <= i0 + 1 {
      // Within one column: area right of the mean x.
      let xm = (a + b) / 2 - Double(i0)
      cells[i0 + 1] += Float(dd * (1 - xm))
      cells[i0 + 2] += Float(dd * xm)
      lo = min(lo, i0 + 1)
      hi = max(hi, i0 + 2)
      return
    }
    // G(u) = ∫ F from a to u: quadratic across the piece, linear after it.
    let span = b - a
    @inline(__always) func g(_ u: Double) -> Double {
      if u <= a { return 0 }
      if u >= b { return span / 2 + (u - b) }
      let t = u - a
      return t * t / (2 * span)
    }
    var previous = 0.0
    for c in i0..<i1 {
      let cov = g(Double(c + 1)) - g(Double(c))
      cells[c + 1] += Float(dd * (cov - previous))
      previous = cov
    }
    cells[i1 + 1] += Float(dd * (1 - previous))
    lo = min(lo, i0 + 1)
    hi = max(hi, i1 + 1)
  }
}

extension Canvas {
  /// Fills polygons (each implicitly closed) with anti-aliased edges under `rule`.
  public mutating func fill(polygons: [[Point]], color: RGBA, rule: FillRule = .nonZero) {
    ScanlineRasterizer.fill(polygons, rule: rule, color: color, canvas: &self)
  }

  /// Fills one polygon (implicitly closed) with anti-aliased edges under `rule`.
  public mutating func fill(polygon: [Point], color: RGBA, rule: FillRule = .nonZero) {
    ScanlineRasterizer.fill([polygon], rule: rule, color: color, canvas: &self)
  }
}
