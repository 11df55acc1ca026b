/// Reduction of many bars to what one pixel column can show.
///
/// When bars outnumber pixel columns, each column keeps the OHLC of its bars (first open,
/// highest high, lowest low, last close, summed volume) and each line keeps its first, lowest,
/// highest and last value in time order. Drawing that envelope looks like drawing every point
/// (the same pixels are touched) at the cost of four points per column.
enum Decimation {
  struct Columns {
    var x: [Double] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []
    /// Bars merged into each column.
    var count: [Int] = []

    mutating func append(
      column: Int, open: Double, high: Double, low: Double, close: Double, volume: Double,
      count: Int
    ) {
      x.append(Double(column) + 0.5)
      self.open.append(open)
      self.high.append(high)
      self.low.append(low)
      self.close.append(close)
      self.volume.append(volume)
      self.count.append(count)
    }
  }

  /// Pixel column of bar `i` (x is never negative: panes start right of the canvas edge).
  @inline(__always) static func column(_ xmap: XMap, _ i: Int) -> Int { Int(max(0, xmap.x(i))) }

  /// Per-column OHLCV for bars `range` (bars with a NaN price are skipped); `volume` is the
  /// column's total, `count` the number of bars merged.
  static func candles(_ data: CandleData, xmap: XMap, range: Range<Int>) -> Columns {
    var out = Columns()
    let capacity = Int(xmap.width) + 2
    out.x.reserveCapacity(capacity)
    out.open.reserveCapacity(capacity)
    out.high.reserveCapacity(capacity)
    out.low.reserveCapacity(capacity)
    out.close.reserveCapacity(capacity)
    out.volume.reserveCapacity(capacity)
    var column = Int.min
    var o = Double.nan
    var h = -Double.infinity
    var l = Double.infinity
    var c = Double.nan
    var v = 0.0
    var merged = 0
    let volume = data.volume.isEmpty ? [Double](repeating: 0, count: data.count) : data.volume
    data.open.withUnsafeBufferPointer { op in
      data.high.withUnsafeBufferPointer { hp in
        data.low.withUnsafeBufferPointer { lp in
          data.close.withUnsafeBufferPointer { cp in
            volume.withUnsafeBufferPointer { vp in
              for i in range {
                let oi = op[i]
                let hi = hp[i]
                let li = lp[i]
                let ci = cp[i]
                guard oi.isFinite, hi.isFinite, li.isFinite, ci.isFinite else { continue }
                let col = Decimation.column(xmap, i)
                if col != column {
                  if column != Int.min {
                    out.append(column: column, open: o, high: h, low: l, close: c, volume: v, count: merged)
                  }
                  column = col
                  merged = 0
                  o = oi
                  h = hi
                  l = li
                  v = 0
                } else {
                  h = max(h, hi)
                  l = min(l, li)
                }
                c = ci
                merged += 1
                let vi = vp[i]
                if vi.isFinite { v += vi }
              }
            }
          }
        }
      }
    }
    if column != Int.min {
      out.append(column: column, open: o, high: h, low: l, close: c, volume: v, count: merged)
    }
    return out
  }

  /// First, lowest, highest and last finite value of one pixel column.
  struct ColumnEnvelope {
    var column = Int.min
    var any = false
    var firstI = 0
    var first = 0.0
    var minI = 0
    var minV = 0.0
    var maxI = 0
    var maxV = 0.0
    var lastI = 0
    var last = 0.0

    @inline(__always) mutating func add(_ i: Int, _ v: Double) {
      if !any {
        any = true
        firstI = i
        first = v
        minI = i
        minV = v
        maxI = i
        maxV = v
      } else if v < minV {
        minV = v
        minI = i
      } else if v > maxV {
        maxV = v
        maxI = i
      }
      lastI = i
      last = v
    }

    /// Appends the column's points in time order; a column without values appends one NaN
    /// point (a break), unless the previous point already is one.
    func emit(into out: inout [Point]) {
      guard column != Int.min else { return }
      let x = Double(column) + 0.5
      guard any else {
        if let p = out.last, p.y.isNaN { return }
        out.append(Point(x, .nan))
        return
      }
      out.append(Point(x, first))
      let (aI, aV, bI, bV) = minI < maxI ? (minI, minV, maxI, maxV) : (maxI, maxV, minI, minV)
      if aI != firstI && aI != lastI { out.append(Point(x, aV)) }
      if bI != firstI && bI != lastI && bI != aI { out.append(Point(x, bV)) }
      if lastI != firstI { out.append(Point(x, last)) }
    }
  }

  /// The min/max envelope of `values` over bars `range` as (x, value) points in drawing
  /// order; a point with NaN value marks a break (a column without finite values).
  static func envelope(_ values: [Double], xmap: XMap, range: Range<Int>) -> [Point] {
    var out: [Point] = []
    out.reserveCapacity(Int(xmap.width) * 4 + 8)
    var current = ColumnEnvelope()
    values.withUnsafeBufferPointer { vp in
      for i in range {
        let col = Decimation.column(xmap, i)
        if col != current.column {
          current.emit(into: &out)
          current = ColumnEnvelope()
          current.column = col
        }
        let v = vp[i]
        if v.isFinite { current.add(i, v) }
      }
    }
    current.emit(into: &out)
    return out
  }

  /// Every bar as an (x, value) point (NaN values break the line).
  static func points(_ values: [Double], xmap: XMap, range: Range<Int>) -> [Point] {
    var out: [Point] = []
    out.reserveCapacity(range.count)
    for i in range { out.append(Point(xmap.x(i), values[i])) }
    return out
  }

  /// Points of a line over `range`: every bar, or the envelope when bars outnumber columns.
  static func line(_ values: [Double], xmap: XMap, range: Range<Int>) -> [Point] {
    Double(range.count) > xmap.width * 1.5
      ? envelope(values, xmap: xmap, range: range) : points(values, xmap: xmap, range: range)
  }

  /// Whether a line over `count` bars is drawn as an envelope.
  static func decimates(_ count: Int, xmap: XMap) -> Bool { Double(count) > xmap.width * 1.5 }
}

extension Frame {
  /// Strokes a series given as (x, value) points from `Decimation.line`. Where several points
  /// share a pixel column (an envelope), the column's extent is filled as one span the width
  /// of the line and the stroke only joins the columns, which draws the same pixels far
  /// faster than stroking every vertical zigzag.
  mutating func strokeSeries(
    _ pts: [Point], scale: ValueScale, color: RGBA, style: StrokeStyle, decimated: Bool
  ) {
    guard decimated else {
      canvas.stroke(pts.map { Point($0.x, scale.y($0.y)) }, color: color, style: style)
      return
    }
    var path: [Point] = []
    path.reserveCapacity(pts.count / 2 + 2)
    let half = style.width / 2
    var k = 0
    while k < pts.count {
      let x = pts[k].x
      guard pts[k].y.isFinite else {
        path.append(Point(x, .nan))
        k += 1
        continue
      }
      var lo = Double.infinity
      var hi = -Double.infinity
      let firstY = scale.y(pts[k].y)
      var lastY = firstY
      while k < pts.count && pts[k].x == x && pts[k].y.isFinite {
        let y = scale.y(pts[k].y)
        lo = min(lo, y)
        hi = max(hi, y)
        lastY = y
        k += 1
      }
      if hi - lo > 0.5 {
        canvas.fill(Rect(x: x - half, y: lo - half, width: style.width, height: hi - lo + style.width), color: color)
      }
      path.append(Point(x, firstY))
      if lastY != firstY { path.append(Point(x, lastY)) }
    }
    canvas.stroke(path, color: color, style: style)
  }
}
