extension Kernel {
  /// RSI and CMO (Wilder): average gain G and loss L seeded by the mean of the first `p`
  /// changes, then G = (G·(p−1) + gain) / p (same for L), evaluated as G·((p−1)/p) + gain/p. RSI = 100·G/(G+L); CMO =
  /// 100·(G−L)/(G+L); both 0 when G+L ≈ 0. Lookback p. Returns whether no input was NaN (a
  /// running sum of the inputs: the gain/loss selections would drop a NaN).
  @discardableResult
  static func rsi(_ x: Buf, _ out: Out, _ p: Int, cmo: Bool = false) -> Bool {
    let n = x.count
    out.fillNaN(upTo: p)
    guard n > p else { return false }
    var seen = 0.0
    for i in 0...p { seen += x[i] }
    let dp = Double(p)
    let a = Double(p - 1) / dp
    let b = 1.0 / dp
    var gain = 0.0
    var loss = 0.0
    var prev = x[0]
    for i in 1...p {
      let v = x[i]
      let d = v - prev
      prev = v
      if d < 0 { loss -= d } else { gain += d }
    }
    loss /= dp
    gain /= dp
    var s = gain + loss
    out[p] = isZero(s) ? 0.0 : (cmo ? 100.0 * ((gain - loss) / s) : 100.0 * (gain / s))
    guard n > p + 1, let src = x.baseAddress, let dst = out.baseAddress else { return !seen.isNaN }
    // Separate loops so the hot one carries no mode test; the numerator is gain (RSI) or
    // gain − loss (CMO).
    var i = p + 1
    if cmo {
      while i < n {
        let d = src[i] - src[i - 1]
        gain = gain * a + (d > 0 ? d : 0.0) * b
        loss = loss * a + (d < 0 ? -d : 0.0) * b
        s = gain + loss
        dst[i] = isZero(s) ? 0.0 : 100.0 * ((gain - loss) / s)
        seen += src[i]
        i += 1
      }
    } else {
      while i < n {
        let d = src[i] - src[i - 1]
        gain = gain * a + (d > 0 ? d : 0.0) * b
        loss = loss * a + (d < 0 ? -d : 0.0) * b
        s = gain + loss
        dst[i] = isZero(s) ? 0.0 : 100.0 * (gain / s)
        seen += src[i]
        i += 1
      }
    }
    return !seen.isNaN
  }
}
