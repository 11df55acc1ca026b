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
  /// NaN (see ``windowMoments(_:_:block:single:)``).
  private static func moments(_ x: Buf, _ out: Out, _ p: Int, root: Bool, scale: Double) -> Bool {
    out.fillNaN(upTo: p - 1)
    guard let dst = out.baseAddress else { return false }
    return windowMoments(
      x, p,
      block: { i, _, _, v in
        store4(root ? (scale == 1.0 ? sqrt4(v) : sqrt4(v) * scale) : v, dst, i)
      },
      single: { i, _, _, v in
        dst[i] = root ? (scale == 1.0 ? v.squareRoot() : v.squareRoot() * scale) : v
      })
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
    if type == .sma { return bbandsSMA(x, upper, middle, lower, p, up: up, down: down) }
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

  /// BBANDS over an SMA in one pass: the window moments give both the mean and the variance
  /// (for windows of up to 8 bars the mean is the window sum / p, equal to the running-sum
  /// SMA to rounding).
  private static func bbandsSMA(
    _ x: Buf, _ upper: Out, _ middle: Out, _ lower: Out, _ p: Int,
    up: Double, down: Double
  ) -> Bool {
    upper.fillNaN(upTo: p - 1)
    middle.fillNaN(upTo: p - 1)
    lower.fillNaN(upTo: p - 1)
    guard let ub = upper.baseAddress, let mb = middle.baseAddress, let lw = lower.baseAddress else { return false }
    return windowMoments(
      x, p,
      block: { i, anchor, m, v in
        let sd = sqrt4(v)
        let mid = anchor + m
        store4(mid, mb, i)
        store4(mid + sd * up, ub, i)
        store4(mid - sd * down, lw, i)
      },
      single: { i, anchor, m, v in
        let sd = v.squareRoot()
        let mid = anchor + m
        mb[i] = mid
        ub[i] = mid + sd * up
        lw[i] = mid - sd * down
      })
  }

  /// The moments of every window of `p` bars, for the bars i ≥ p − 1: an anchor K, mean(x − K)
  /// and the population variance, handed to `block` for four consecutive bars from i (lane by
  /// lane) and to `single` for the last bars. Windows of up to 8 bars take the exact two-pass
  /// formula (K = 0; flat windows give 0); longer ones the anchored running sums of
  /// ``anchoredMoments(_:_:block:single:)``, whose variance is clamped at 0 (cancellation can
  /// leave it a hair below; NaN also becomes 0 there). Returns whether no input was NaN (a sum
  /// of the inputs).
  @inline(__always)
  static func windowMoments(
    _ x: Buf, _ p: Int, block: (Int, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>) -> Void,
    single: (Int, Double, Double, Double) -> Void
  ) -> Bool {
    let n = x.count
    let lb = p - 1
    guard n > lb, let base = x.baseAddress else { return false }
    var head = 0.0
    for j in 0..<lb { head += base[j] }
    var seen = SIMD4<Double>(), tail = 0.0
    guard p <= 8 else {
      anchoredMoments(
        x, p,
        block: { i, k, m, v in
          block(i, k, m, v.replacing(with: 0, where: .!(v .> 0)))
          seen += load4(base, i)
        },
        single: { i, k, m, v in
          single(i, k, m, v > 0 ? v : 0)
          tail += base[i]
        })
      return !(seen.sum() + head + tail).isNaN
    }
    // Four consecutive bars run in the four lanes, each lane adding in the same order as the
    // single bars at the end, so results do not depend on a bar's position (TA-Lib's default
    // of five bars multiplies by 1/5 instead, within a unit in the last place).
    let d = Double(p)
    var i = lb
    if p == 5 {
      let inverse = 1.0 / d
      while i + 4 <= n {
        let w = base + (i - lb)
        let (m, v) = fiveBarMoments4(w, inverse)
        block(i, SIMD4(), m, v)
        seen += load4(w, lb)
        i += 4
      }
    }
    while i + 4 <= n {
      let w = base + (i - lb)
      let (m, v) = windowMoments4(w, p, d)
      block(i, SIMD4(), m, v)
      seen += load4(w, lb)
      i += 4
    }
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
      single(i, 0, m, (q0 + q1) / d)
      tail += w[lb]
      i += 1
    }
    return !(seen.sum() + head + tail).isNaN
  }

  /// ``windowMoments4(_:_:_:)`` for TA-Lib's default of five bars: the five vectors are loaded
  /// once and both passes use them, and the two divisions by 5 are multiplications by
  /// `inverse` = 1/5 (within a unit in the last place; the divider, shared with the square
  /// root, was the loop's bottleneck). The sums are added in the general path's order.
  @inline(__always)
  static func fiveBarMoments4(
    _ w: UnsafePointer<Double>, _ inverse: Double
  ) -> (mean: SIMD4<Double>, variance: SIMD4<Double>) {
    let v0 = load4(w, 0), v1 = load4(w, 1), v2 = load4(w, 2), v3 = load4(w, 3), v4 = load4(w, 4)
    let m = ((v0 + v2 + v4) + (v1 + v3)) * inverse
    let e0 = v0 - m, e1 = v1 - m, e2 = v2 - m, e3 = v3 - m, e4 = v4 - m
    return (m, ((e0 * e0 + e2 * e2) + e4 * e4 + (e1 * e1 + e3 * e3)) * inverse)
  }

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

  /// Window moments from running sums of deviations from an anchor K: for the bars i ≥ p − 1,
  /// K, mean(x − K) and mean((x − K)²) − mean(x − K)², handed to `block` for four consecutive
  /// bars from i (lane by lane) and to `single` for the last n − p + 1 mod 4 bars. K is reset to
  /// the newest value, and the sums recomputed over the window, every max(p, 16) bars, so
  /// deviations stay small and so does the cancellation of the textbook formula. O(1)
  /// amortised per bar.
  @inline(__always)
  static func anchoredMoments(
    _ x: Buf, _ p: Int, block: (Int, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>) -> Void,
    single: (Int, Double, Double, Double) -> Void
  ) {
    let n = x.count
    let lb = p - 1
    guard n > lb, let base = x.baseAddress else { return }
    let every = anchorInterval(p)
    var k = 0.0, s1 = 0.0, s2 = 0.0
    var sinceAnchor = every
    /// Advances the sums to bar i; returns the anchor and the two sums.
    @inline(__always) func step(_ i: Int) -> (Double, Double, Double) {
      if sinceAnchor == every {
        k = base[i]
        s1 = 0
        s2 = 0
        for j in (i - lb)...i {
          let v = base[j] - k
          s1 += v
          s2 += v * v
        }
        sinceAnchor = 0
      } else {
        let v = base[i] - k
        let o = base[i - p] - k
        s1 += v - o
        s2 += v * v - o * o
      }
      sinceAnchor += 1
      return (k, s1, s2)
    }
    // The sums are one chain per bar; what follows them (the callers' square roots) runs four
    // bars at a time, lane by lane the same operations as the single bars at the end. The
    // means are products with 1/p (within a unit in the last place of the quotient): the
    // divider, which the square roots need, was the loop's bottleneck.
    let inverse = 1 / Double(p)
    var i = lb
    while i + 4 <= n {
      let (k0, a0, b0) = step(i)
      let (k1, a1, b1) = step(i + 1)
      let (k2, a2, b2) = step(i + 2)
      let (k3, a3, b3) = step(i + 3)
      let m = SIMD4(a0, a1, a2, a3) * inverse
      block(i, SIMD4(k0, k1, k2, k3), m, SIMD4(b0, b1, b2, b3) * inverse - m * m)
      i += 4
    }
    while i < n {
      let (k0, a0, b0) = step(i)
      let m = a0 * inverse
      single(i, k0, m, b0 * inverse - m * m)
      i += 1
    }
  }
}
