/// True range of bar `i` against the previous close: max(h − l, |c₋₁ − h|, |c₋₁ − l|).
@inline(__always)
func trueRange(_ high: Buf, _ low: Buf, _ close: Buf, _ i: Int) -> Double {
  let h = high[i], l = low[i], cy = close[i - 1]
  var greatest = h - l
  let v2 = abs(cy - h)
  greatest = v2 > greatest ? v2 : greatest
  let v3 = abs(cy - l)
  return v3 > greatest ? v3 : greatest
}

extension Kernel {
  /// TRANGE: true range; lookback 1. Returns whether no input was NaN (a running sum of the
  /// inputs: the comparisons of the true range would drop a NaN).
  @discardableResult
  static func trange(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out) -> Bool {
    let n = high.count
    out.fillNaN(upTo: 1)
    guard n > 1 else { return false }
    var seen = close[0]
    for i in 1..<n {
      out[i] = trueRange(high, low, close, i)
      seen += (high[i] - low[i]) + close[i]
    }
    return !seen.isNaN
  }

  /// ATR (Wilder): the mean of the first `p` true ranges (bars 1…p), then
  /// atr = (atr·(p−1) + tr) / p, evaluated as atr·((p−1)/p) + tr·(1/p) (one multiply-add on
  /// the loop-carried chain; equal to TA-Lib's to rounding). NATR = atr / close · 100 (0 when close ≈ 0). Period 1 gives
  /// the true range itself. Lookback p. Returns whether no input was NaN (a running sum of
  /// the inputs: the comparisons of the true range would drop a NaN).
  @discardableResult
  static func atr(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out, _ p: Int, normalized: Bool)
    -> Bool
  {
    let n = high.count
    if p <= 1 {
      return trange(high, low, close, out)
    }
    out.fillNaN(upTo: p)
    guard n > p else { return false }
    var seen = close[0]
    for i in 1...p { seen += (high[i] - low[i]) + close[i] }
    let dp = Double(p)
    let a = Double(p - 1) / dp
    let b = 1.0 / dp
    var total = 0.0
    for i in 1...p { total += trueRange(high, low, close, i) }
    var prev = total / dp
    if normalized {
      out[p] = isZero(close[p]) ? 0.0 : (prev / close[p]) * 100.0
      var i = p + 1
      while i < n {
        prev = prev * a + trueRange(high, low, close, i) * b
        let c = close[i]
        seen += (high[i] - low[i]) + c
        out[i] = isZero(c) ? 0.0 : (prev / c) * 100.0
        i += 1
      }
    } else {
      out[p] = prev
      var i = p + 1
      while i < n {
        prev = prev * a + trueRange(high, low, close, i) * b
        seen += (high[i] - low[i]) + close[i]
        out[i] = prev
        i += 1
      }
    }
    return !seen.isNaN
  }
}
