extension Kernel {
  /// Bars between re-anchorings of the shifted running sums (see ``variance(_:_:_:)``).
  static func anchorInterval(_ p: Int) -> Int { Swift.max(p, 16) }

  /// VAR: population variance over `p` bars, mean((x − K)²) − mean(x − K)², from running sums
  /// of deviations from an anchor K that is reset to the newest value (and the sums recomputed
  /// over the window) every max(p, 16) bars. Keeping the deviations small avoids the
  /// cancellation of the textbook mean(x²) − mean(x)²; TA-Lib 0.8's values are within ~3e-11
  /// of the exact variance and so are these. O(1) amortised per bar; windows of up to 8 bars
  /// use the exact two-pass formula instead. Lookback p − 1.
  @discardableResult
  static func variance(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    moments(x, out, p, root: false, scale: 1.0)
  }

  /// STDDEV = √VAR · nbdev (population). Returns whether no input was NaN (see ``variance``).
  @discardableResult
  static func stddev(_ x: Buf, _ out: Out, _ p: Int, nbdev: Double) -> Bool {
    moments(x, out, p, root: true, scale: nbdev)
  }

  /// VAR, or with `root` √VAR · `scale`, written once per bar. Returns whether no input was
  /// NaN (a running sum of the inputs).
  private static func moments(_ x: Buf, _ out: Out, _ p: Int, root: Bool, scale: Double) -> Bool {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb, let base = x.baseAddress, let dst = out.baseAddress else { return false }
    let d = Double(p)
    @inline(__always) func finish(_ v: Double) -> Double {
      guard root else { return v }
      let r = v.squareRoot()
      return scale == 1.0 ? r : r * scale
    }
    guard p <= 8 else {
      var seen = 0.0
      for j in 0..<lb { seen += base[j] }
      anchoredMoments(x, p) { i, _, _, v in
        seen += base[i]
        dst[i] = finish(v > 0 ? v : 0)
      }
      return !seen.isNaN
    }
    // Short windows: two-pass over the window (flat windows give 0), two accumulators per
    // pass. Four consecutive bars run in the four lanes, each lane adding in the same order
    // as the scalar tail, so results do not depend on a bar's position.
    var head = 0.0
    for j in 0..<lb { head += base[j] }
    var seen = SIMD4<Double>()
    var i = lb
    while i + 4 <= n {
      let w = base + (i - lb)
      var v = windowMoments4(w, p, d).variance
      if root {
        v = v.squareRoot()
        if scale != 1.0 { v *= scale }
      }
      store4(v, dst, i)
      seen += load4(w, lb)
      i += 4
    }
    var tail = 0.0
    while i < n {
      let w = base + (i - lb)
      var s0 = 0.0, s1 = 0.0
      var j = 0
      while j + 2 <= p {
        s0 += w[j]
        s1 += w[j + 1]
        j += 2
      }
      if j < p { s0 += w[j] }
      let m = (s0 + s1) / d
      var q0 = 0.0, q1 = 0.0
      j = 0
      while j + 2 <= p {
        let e0 = w[j] - m, e1 = w[j + 1] - m
        q0 += e0 * e0
        q1 += e1 * e1
        j += 2
      }
      if j < p {
        let e = w[j] - m
        q0 += e * e
      }
      dst[i] = finish((q0 + q1) / d)
      tail += w[lb]
      i += 1
    }
    return !(seen.sum() + head + tail).isNaN
  }

  /// BBANDS: middle = MA(p, matype); upper/lower = middle ± nbdevup/nbdevdn · STDDEV(x, p)
  /// (population standard deviation around the simple mean, whatever the MA type, as TA-Lib).
  /// Returns whether no input was NaN (as the standard deviation or the fused path reports).
  @discardableResult
  static func bbands(
    _ x: Buf, _ upper: Out, _ middle: Out, _ lower: Out, _ p: Int,
    up: Double, down: Double, type: MAType
  ) -> Bool {
    let n = x.count
    let lb = type.lookback(p)
    if type == .sma {
      if p > 8 { return bbandsSMA(x, upper, middle, lower, p, up: up, down: down) }
      return bbandsShort(x, upper, middle, lower, p, up: up, down: down)
    }
    ma(x, middle, p, type)
    let clean = stddev(x, upper, p, nbdev: 1.0)
    upper.fillNaN(upTo: lb)
    lower.fillNaN(upTo: lb)
    guard n > lb else { return false }
    for i in lb..<n {
      let m = middle[i]
      let sd = upper[i]
      upper[i] = m + (up == 1.0 ? sd : sd * up)
      lower[i] = m - (down == 1.0 ? sd : sd * down)
    }
    return clean
  }

  /// BBANDS over an SMA in one pass: the anchored sums give both the mean and the variance.
  private static func bbandsSMA(
    _ x: Buf, _ upper: Out, _ middle: Out, _ lower: Out, _ p: Int,
    up: Double, down: Double
  ) -> Bool {
    upper.fillNaN(upTo: p - 1)
    middle.fillNaN(upTo: p - 1)
    lower.fillNaN(upTo: p - 1)
    guard x.count > p - 1 else { return false }
    var seen = 0.0
    for j in 0..<(p - 1) { seen += x[j] }
    anchoredMoments(x, p) { i, anchor, m, v in
      seen += x[i]
      let sd = v > 0 ? v.squareRoot() : 0
      let mid = anchor + m
      middle[i] = mid
      upper[i] = mid + sd * up
      lower[i] = mid - sd * down
    }
    return !seen.isNaN
  }

  /// BBANDS over an SMA of at most 8 bars (the default is 5) in one pass: each window's mean
  /// and two-pass variance as in ``variance(_:_:_:)``'s short-window path, four bars at a time,
  /// and the three bands written together (the mean is the window sum / p, equal to the
  /// running-sum SMA to rounding).
  private static func bbandsShort(
    _ x: Buf, _ upper: Out, _ middle: Out, _ lower: Out, _ p: Int,
    up: Double, down: Double
  ) -> Bool {
    let n = x.count
    let lb = p - 1
    upper.fillNaN(upTo: lb)
    middle.fillNaN(upTo: lb)
    lower.fillNaN(upTo: lb)
    guard n > lb, let base = x.baseAddress, let ub = upper.baseAddress, let mb = middle.baseAddress,
      let lw = lower.baseAddress
    else { return false }
    let d = Double(p)
    var head = 0.0
    for j in 0..<lb { head += base[j] }
    var seen = SIMD4<Double>()
    var i = lb
    if p == 5 {
      // TA-Lib's default: the five vectors are loaded once and both passes use them, and
      // the two divisions by 5 are multiplications by 1/5 (within a unit in the last place;
      // the divider, shared with the square root, was the loop's bottleneck).
      let inverse = 1.0 / d
      while i + 4 <= n {
        let w = base + (i - lb)
        let v0 = load4(w, 0), v1 = load4(w, 1), v2 = load4(w, 2), v3 = load4(w, 3), v4 = load4(w, 4)
        let m = ((v0 + v2 + v4) + (v1 + v3)) * inverse
        let e0 = v0 - m, e1 = v1 - m, e2 = v2 - m, e3 = v3 - m, e4 = v4 - m
        let sd = (((e0 * e0 + e2 * e2) + e4 * e4 + (e1 * e1 + e3 * e3)) * inverse).squareRoot()
        store4(m, mb, i)
        store4(m + sd * up, ub, i)
        store4(m - sd * down, lw, i)
        seen += v4
        i += 4
      }
    }
    while i + 4 <= n {
      let w = base + (i - lb)
      let (m, variance) = windowMoments4(w, p, d)
      let sd = variance.squareRoot()
      store4(m, mb, i)
      store4(m + sd * up, ub, i)
      store4(m - sd * down, lw, i)
      seen += load4(w, lb)
      i += 4
    }
    var tail = 0.0
    while i < n {
      let w = base + (i - lb)
      var s0 = 0.0, s1 = 0.0
      var j = 0
      while j + 2 <= p {
        s0 += w[j]
        s1 += w[j + 1]
        j += 2
      }
      if j < p { s0 += w[j] }
      let m = (s0 + s1) / d
      var q0 = 0.0, q1 = 0.0
      j = 0
      while j + 2 <= p {
        let e0 = w[j] - m, e1 = w[j + 1] - m
        q0 += e0 * e0
        q1 += e1 * e1
        j += 2
      }
      if j < p {
        let e = w[j] - m
        q0 += e * e
      }
      let sd = ((q0 + q1) / d).squareRoot()
      mb[i] = m
      ub[i] = m + sd * up
      lw[i] = m - sd * down
      tail += w[lb]
      i += 1
    }
    return !(seen.sum() + head + tail).isNaN
  }

  /// Window moments from running sums of deviations from an anchor K: for each bar i ≥ p − 1,
  /// `body(i, K, mean(x − K), mean((x − K)²) − mean(x − K)²)`. K is reset to the newest value,
  /// and the sums recomputed over the window, every max(p, 16) bars, so deviations stay small
  /// and so does the cancellation of the textbook formula. O(1) amortised per bar.
  /// Mean and population variance of four consecutive windows of `p` values starting at
  /// `w`, `w + 1`, `w + 2`, `w + 3`: two passes (flat windows give 0), two accumulators per
  /// pass, each lane adding in the scalar tail's order.
  @inline(__always)
  static func windowMoments4(
    _ w: UnsafePointer<Double>, _ p: Int, _ d: Double
  ) -> (mean: SIMD4<Double>, variance: SIMD4<Double>) {
    var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
    var j = 0
    while j + 2 <= p {
      s0 += load4(w, j)
      s1 += load4(w, j + 1)
      j += 2
    }
    if j < p { s0 += load4(w, j) }
    let m = (s0 + s1) / d
    var q0 = SIMD4<Double>(), q1 = SIMD4<Double>()
    j = 0
    while j + 2 <= p {
      let e0 = load4(w, j) - m, e1 = load4(w, j + 1) - m
      q0 += e0 * e0
      q1 += e1 * e1
      j += 2
    }
    if j < p {
      let e = load4(w, j) - m
      q0 += e * e
    }
    return (m, (q0 + q1) / d)
  }

  @inline(__always)
  static func anchoredMoments(_ x: Buf, _ p: Int, _ body: (Int, Double, Double, Double) -> Void) {
    let n = x.count
    let lb = p - 1
    guard n > lb else { return }
    let d = Double(p)
    let every = anchorInterval(p)
    var k = 0.0, s1 = 0.0, s2 = 0.0
    var sinceAnchor = every
    for i in lb..<n {
      if sinceAnchor == every {
        k = x[i]
        s1 = 0
        s2 = 0
        for j in (i - lb)...i {
          let v = x[j] - k
          s1 += v
          s2 += v * v
        }
        sinceAnchor = 0
      } else {
        let v = x[i] - k
        let o = x[i - p] - k
        s1 += v - o
        s2 += v * v - o * o
      }
      sinceAnchor += 1
      let m = s1 / d
      body(i, k, m, s2 / d - m * m)
    }
  }
}
