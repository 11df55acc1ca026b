/// DESIGN.md's row rules for bars, in this order: finite open, high, low and close;
/// high >= low; high >= max(open, close); low <= min(open, close); volume >= 0 (and finite)
/// when the file has a volume column. Values are in role order open, high, low, close, volume.
struct OHLCRule: RowRule {
  let hasVolume: Bool

  @inline(__always)
  func check(_ v: UnsafeMutableBufferPointer<Double>) -> (role: Int, kind: DataError.Kind, expected: String)?
  {
    let open = v[0], high = v[1], low = v[2], close = v[3]
    if !(open.isFinite && high.isFinite && low.isFinite && close.isFinite) {
      for k in 0..<4 where !v[k].isFinite { return (k, .nonFinite, "a finite price") }
    }
    if high < low { return (1, .ohlc, "a high >= low (\(low))") }
    if high < max(open, close) { return (1, .ohlc, "a high >= max(open, close) = \(max(open, close))") }
    if low > min(open, close) { return (2, .ohlc, "a low <= min(open, close) = \(min(open, close))") }
    if hasVolume && !(v[4] >= 0 && v[4] < .infinity) { return (4, .volume, "a finite volume >= 0") }
    return nil
  }
}

/// Tick rows: finite prices (price, or bid and ask with bid <= ask) and sizes >= 0 where given.
struct TickRule: RowRule {
  /// True for bid/ask layouts (roles bid, ask, bidsize, asksize), false for price/size.
  let quotes: Bool
  let sizeColumns: [Bool]

  func check(_ v: UnsafeMutableBufferPointer<Double>) -> (role: Int, kind: DataError.Kind, expected: String)?
  {
    if quotes {
      if !v[0].isFinite { return (0, .nonFinite, "a finite bid") }
      if !v[1].isFinite { return (1, .nonFinite, "a finite ask") }
      if v[1] < v[0] { return (1, .ohlc, "an ask >= bid (\(v[0]))") }
      for k in 2..<4 where sizeColumns[k] && !(v[k] >= 0 && v[k] < .infinity) {
        return (k, .volume, "a finite size >= 0")
      }
    } else {
      if !v[0].isFinite { return (0, .nonFinite, "a finite price") }
      if sizeColumns[1] && !(v[1] >= 0 && v[1] < .infinity) { return (1, .volume, "a finite size >= 0") }
    }
    return nil
  }
}
