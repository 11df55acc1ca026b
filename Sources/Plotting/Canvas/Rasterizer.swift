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
  var winding: Int32
}

/// Scanline polygon rasteriser: 16 sub-scanlines per pixel row, exact horizontal coverage per
/// sub-scanline (fractional span ends), so edges are anti-aliased in both directions.
struct ScanlineRasterizer {
  static let subsamples = 16

  /// Fills the polygons (each implicitly closed) into `canvas` under `rule`. Polygons with a
  /// non-finite coordinate are skipped.
  static func fill(
    _ polygons: [[Point]], rule: FillRule, color: RGBA, canvas: inout Canvas
  ) {
    var edges: [Edge] = []
    edges.reserveCapacity(polygons.reduce(0) { $0 + $1.count })
    var minX = Double.infinity
    var maxX = -Double.infinity
    var minY = Double.infinity
    var maxY = -Double.infinity
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
          Edge(
            x0: a.x, y0: a.y, y1: b.y, slope: (b.x - a.x) / (b.y - a.y),
            winding: down ? 1 : -1))
      }
    }
    guard !edges.isEmpty else { return }
    let clip = canvas.clip
    let rowStart = max(clip.y0, Int(minY.rounded(.down)))
    let rowEnd = min(clip.y1, Int(maxY.rounded(.up)))
    let colStart = max(clip.x0, Int(minX.rounded(.down)))
    let colEnd = min(clip.x1, Int(maxX.rounded(.up)))
    guard rowStart < rowEnd, colStart < colEnd else { return }
    edges.sort { $0.y0 < $1.y0 }
    let spanWidth = colEnd - colStart
    var cover = [Float](repeating: 0, count: spanWidth + 1)
    var delta = [Float](repeating: 0, count: spanWidth + 2)
    var row = [Float](repeating: 0, count: spanWidth)
    var active: [Int] = []
    var crossings: [(x: Double, w: Int32)] = []
    var next = 0
    let weight = Float(1) / Float(subsamples)
    let width = Double(spanWidth)
    let origin = Double(colStart)
    // Skip rows above the clip.
    while next < edges.count, edges[next].y1 <= Double(rowStart) { next += 1 }
    for y in rowStart..<rowEnd {
      var touchedLo = spanWidth
      var touchedHi = -1
      for k in 0..<subsamples {
        let sy = Double(y) + (Double(k) + 0.5) / Double(subsamples)
        while next < edges.count, edges[next].y0 <= sy {
          if edges[next].y1 > sy { active.append(next) }
          next += 1
        }
        active.removeAll { edges[$0].y1 <= sy }
        if active.isEmpty { continue }
        crossings.removeAll(keepingCapacity: true)
        for index in active {
          let e = edges[index]
          crossings.append((e.x0 + (sy - e.y0) * e.slope - origin, e.winding))
        }
        crossings.sort { $0.x < $1.x }
        var winding: Int32 = 0
        var start = 0.0
        for crossing in crossings {
          let wasInside = rule == .nonZero ? winding != 0 : (winding & 1) != 0
          winding += crossing.w
          let isInside = rule == .nonZero ? winding != 0 : (winding & 1) != 0
          if !wasInside && isInside {
            start = crossing.x
          } else if wasInside && !isInside {
            let a = max(0, min(width, start))
            let b = max(0, min(width, crossing.x))
            if b > a {
              let ia = Int(a)
              let ib = Int(b)
              touchedLo = min(touchedLo, ia)
              touchedHi = max(touchedHi, min(ib, spanWidth - 1))
              if ia == ib {
                cover[ia] += Float(b - a) * weight
              } else {
                cover[ia] += Float(Double(ia + 1) - a) * weight
                delta[ia + 1] += weight
                delta[ib] -= weight
                cover[ib] += Float(b - Double(ib)) * weight
              }
            }
          }
        }
      }
      guard touchedHi >= touchedLo else { continue }
      var run: Float = 0
      for i in touchedLo...touchedHi {
        run += delta[i]
        row[i] = cover[i] + run
        cover[i] = 0
        delta[i] = 0
      }
      // Spans ending at touchedHi + 1 leave a delta there; clear it and the cover beyond.
      delta[touchedHi + 1] = 0
      if touchedHi + 1 <= spanWidth { cover[touchedHi + 1] = 0 }
      row.withUnsafeBufferPointer { buffer in
        let slice = UnsafeBufferPointer(rebasing: buffer[touchedLo...touchedHi])
        canvas.blendRow(y: y, x0: colStart + touchedLo, coverage: slice, color: color)
      }
    }
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
