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
  }

  /// Per-column OHLCV for bars `range` (bars with a NaN price are skipped).
  static func candles(_ data: CandleData, xmap: XMap, range: Range<Int>) -> Columns {
    var out = Columns()
    let capacity = Int(xmap.width) + 2
    out.x.reserveCapacity(capacity)
    var column = Int.min
    var o = Double.nan
    var h = -Double.infinity
    var l = Double.infinity
    var c = Double.nan
    var v = 0.0
    let hasVolume = !data.volume.isEmpty
    func flush() {
      guard column != Int.min, o.isFinite else { return }
      out.x.append(Double(column) + 0.5)
      out.open.append(o)
      out.high.append(h)
      out.low.append(l)
      out.close.append(c)
      out.volume.append(v)
    }
    data.open.withUnsafeBufferPointer { op in
      data.high.withUnsafeBufferPointer { hp in
        data.low.withUnsafeBufferPointer { lp in
          data.close.withUnsafeBufferPointer { cp in
            for i in range {
              let oi = op[i]
              let hi = hp[i]
              let li = lp[i]
              let ci = cp[i]
              guard oi.isFinite, hi.isFinite, li.isFinite, ci.isFinite else { continue }
              let col = Int(xmap.x(i).rounded(.down))
              if col != column {
                flush()
                column = col
                o = oi
                h = hi
                l = li
                v = 0
              } else {
                if hi > h { h = hi }
                if li < l { l = li }
              }
              c = ci
              if hasVolume, data.volume[i].isFinite { v += data.volume[i] }
            }
          }
        }
      }
    }
    flush()
    return out
  }

  /// The min/max envelope of `values` over bars `range` as (x, value) points in drawing
  /// order; a point with NaN value marks a break (a column without finite values).
  static func envelope(_ values: [Double], xmap: XMap, range: Range<Int>) -> [Point] {
    var out: [Point] = []
    out.reserveCapacity(Int(xmap.width) * 4 + 8)
    var column = Int.min
    var firstI = -1
    var first = 0.0
    var minI = -1
    var minV = 0.0
    var maxI = -1
    var maxV = 0.0
    var last = 0.0
    var lastI = -1
    var sawFinite = false
    func flush() {
      guard column != Int.min else { return }
      let x = Double(column) + 0.5
      if !sawFinite {
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
    values.withUnsafeBufferPointer { vp in
      for i in range {
        let col = Int(xmap.x(i).rounded(.down))
        if col != column {
          flush()
          column = col
          sawFinite = false
        }
        let v = vp[i]
        guard v.isFinite else { continue }
        if !sawFinite {
          sawFinite = true
          firstI = i
          first = v
          minI = i
          minV = v
          maxI = i
          maxV = v
        } else {
          if v < minV {
            minV = v
            minI = i
          }
          if v > maxV {
            maxV = v
            maxI = i
          }
        }
        last = v
        lastI = i
      }
    }
    flush()
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
}
