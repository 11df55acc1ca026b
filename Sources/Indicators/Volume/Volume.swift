extension Kernel {
  /// AD (Chaikin accumulation/distribution): running sum of ((c − l) − (h − c)) / (h − l) · v,
  /// bars with h − l ≤ 0 adding nothing. Starts at 0 before the first bar; lookback 0.
  /// Returns whether no input was NaN (a running sum of every input, beside the AD chain).
  @discardableResult
  static func ad(_ high: Buf, _ low: Buf, _ close: Buf, _ volume: Buf, _ out: Out) -> Bool {
    guard let hp = high.baseAddress, let lp = low.baseAddress, let cp = close.baseAddress,
      let vp = volume.baseAddress, let dst = out.baseAddress
    else { return false }
    var ad = 0.0
    var seen = 0.0
    for i in 0..<high.count {
      let h = hp[i], l = lp[i], c = cp[i], v = vp[i]
      let t = h - l
      // Computed unconditionally and selected, so the loop has no data-dependent branch.
      let f = (((c - l) - (h - c)) / t) * v
      ad += t > 0.0 ? f : 0.0
      seen += (t + c) + v
      dst[i] = ad
    }
    return !seen.isNaN
  }

  /// ADOSC = EMA(AD, fast) − EMA(AD, slow), both EMAs seeded by the first AD value and
  /// updated as k·ad + (1 − k)·ema (TA-Lib's ADOSC). Lookback max(fast, slow) − 1.
  /// Returns whether no input was NaN (a running sum of the inputs).
  @discardableResult
  static func adosc(
    _ high: Buf, _ low: Buf, _ close: Buf, _ volume: Buf, _ out: Out,
    fast: Int, slow: Int
  ) -> Bool {
    let n = high.count
    let lb = max(fast, slow) - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    var seen = ((high[0] - low[0]) + close[0]) + volume[0]
    let fk = 2.0 / (Double(fast) + 1.0)
    let sk = 2.0 / (Double(slow) + 1.0)
    let fm = 1.0 - fk
    let sm = 1.0 - sk
    @inline(__always) func flow(_ i: Int) -> Double {
      let h = high[i], l = low[i], c = close[i]
      let t = h - l
      let f = (((c - l) - (h - c)) / t) * volume[i]
      return t > 0.0 ? f : 0.0
    }
    var ad = flow(0)
    var fastEMA = ad
    var slowEMA = ad
    for i in 1..<n {
      ad += flow(i)
      seen += ((high[i] - low[i]) + close[i]) + volume[i]
      fastEMA = (fk * ad) + (fm * fastEMA)
      slowEMA = (sk * ad) + (sm * slowEMA)
      if i >= lb { out[i] = fastEMA - slowEMA }
    }
    if lb == 0 { out[0] = fastEMA - slowEMA }
    return !seen.isNaN
  }

  /// OBV: starts at the first volume, then adds the volume on up closes and subtracts it on
  /// down closes. Lookback 0. Returns whether no input was NaN (a running sum of the inputs).
  @discardableResult
  static func obv(_ close: Buf, _ volume: Buf, _ out: Out) -> Bool {
    let n = close.count
    guard n > 0 else { return false }
    var obv = volume[0]
    var prev = close[0]
    var seen = prev + obv
    out[0] = obv
    for i in 1..<n {
      let c = close[i], v = volume[i]
      obv += (c > prev ? v : 0.0) - (c < prev ? v : 0.0)
      seen += c + v
      prev = c
      out[i] = obv
    }
    return !seen.isNaN
  }

  /// MFI: money flow tp·v (tp = (h + l + c)/3) counted positive when tp rises, negative when
  /// it falls (changes below 1e-8 count as neither, as TA-Lib 0.8), summed over `p` bars; MFI = 100·pos/(pos + neg), 0 when the total is ≈ 0 (below 1e-8).
  /// Lookback p. The direction is chosen with a lane mask, not a branch (it changes
  /// unpredictably from bar to bar). Returns whether no input was NaN (a running sum of the
  /// inputs: the direction test would drop a NaN).
  @discardableResult
  static func mfi(_ high: Buf, _ low: Buf, _ close: Buf, _ volume: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = high.count
    out.fillNaN(upTo: p)
    guard n > p else { return false }
    return withScratch(2 * p) { ring -> Bool in
      var pos = 0.0, neg = 0.0
      var prev = (high[0] + low[0] + close[0]) / 3.0
      var seen = prev + volume[0]
      var slot = 0
      let threshold = SIMD2<Double>(repeating: 0.00000001)
      @inline(__always) func flow(_ i: Int) {
        let tp = (high[i] + low[i] + close[i]) / 3.0
        let d = tp - prev
        prev = tp
        let v = volume[i]
        seen += tp + v
        let mf = tp * v
        // Lane 0: a rise of at least 1e-8 (positive flow); lane 1: a fall of at least 1e-8.
        let flows = SIMD2<Double>().replacing(with: SIMD2(repeating: mf), where: SIMD2(d, -d) .>= threshold)
        ring[2 * slot] = flows[0]
        ring[2 * slot + 1] = flows[1]
        pos += flows[0]
        neg += flows[1]
        slot += 1
        if slot == p { slot = 0 }
      }
      @inline(__always) func emit(_ i: Int) {
        let total = pos + neg
        out[i] = isZero(total) ? 0.0 : 100.0 * (pos / total)
      }
      for i in 1...p { flow(i) }
      emit(p)
      for i in (p + 1)..<max(n, p + 1) {
        pos -= ring[2 * slot]
        neg -= ring[2 * slot + 1]
        flow(i)
        emit(i)
      }
      return !seen.isNaN
    }
  }

  /// BOP = (close − open) / (high − low), 0 when high − low ≤ 1e-8. Lookback 0.
  /// Four bars per SIMD step. Returns whether no input was NaN (a running sum of the inputs).
  @discardableResult
  static func bop(_ open: Buf, _ high: Buf, _ low: Buf, _ close: Buf, _ out: Out) -> Bool {
    let n = open.count
    guard let op = open.baseAddress, let hp = high.baseAddress, let lp = low.baseAddress,
      let cp = close.baseAddress, let dst = out.baseAddress
    else { return false }
    var acc = SIMD4<Double>()
    let limit = SIMD4<Double>(repeating: 0.00000001)
    var i = 0
    while i + 4 <= n {
      let o = load4(op, i), h = load4(hp, i), l = load4(lp, i), c = load4(cp, i)
      let r = h - l
      acc += r + (c - o)
      store4(((c - o) / r).replacing(with: 0, where: r .< limit), dst, i)
      i += 4
    }
    var tail = 0.0
    while i < n {
      let r = hp[i] - lp[i]
      tail += r + (cp[i] - op[i])
      dst[i] = isZeroOrNegative(r) ? 0.0 : (cp[i] - op[i]) / r
      i += 1
    }
    return !(acc.sum() + tail).isNaN
  }
}
