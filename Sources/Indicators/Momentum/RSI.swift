extension Kernel {
  /// RSI and CMO (Wilder): average gain G and loss L seeded by the mean of the first `p`
  /// changes, then G = (G·(p−1) + gain) / p (same for L), evaluated as G·((p−1)/p) + gain/p. RSI = 100·G/(G+L); CMO =
  /// 100·(G−L)/(G+L); both 0 when G+L ≈ 0. Lookback p.
  static func rsi(_ x: Buf, _ out: Out, _ p: Int, cmo: Bool = false) {
    let n = x.count
    out.fillNaN(upTo: p)
    guard n > p else { return }
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
    @inline(__always) func value() -> Double {
      let s = gain + loss
      if isZero(s) { return 0.0 }
      return cmo ? 100.0 * ((gain - loss) / s) : 100.0 * (gain / s)
    }
    out[p] = value()
    var i = p + 1
    while i < n {
      let v = x[i]
      let d = v - prev
      prev = v
      let up = d > 0 ? d : 0.0
      let down = d < 0 ? -d : 0.0
      gain = gain * a + up * b
      loss = loss * a + down * b
      out[i] = value()
      i += 1
    }
  }
}
