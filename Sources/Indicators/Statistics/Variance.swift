extension Kernel {
  /// Bars between re-anchorings of the shifted running sums (see ``variance(_:_:_:)``).
  static func anchorInterval(_ p: Int) -> Int { Swift.max(p, 16) }

  /// VAR: population variance over `p` bars, mean((x − K)²) − mean(x − K)², from running sums
  /// of deviations from an anchor K that is reset to the newest value (and the sums recomputed
  /// over the window) every max(p, 16) bars. Keeping the deviations small avoids the
  /// cancellation of the textbook mean(x²) − mean(x)²; TA-Lib 0.8's values are within ~3e-11
  /// of the exact variance and so are these. O(1) amortised per bar; windows of up to 8 bars
  /// use the exact two-pass formula instead. Lookback p − 1.
  static func variance(_ x: Buf, _ out: Out, _ p: Int) {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return }
    let d = Double(p)
    if p <= 8, let base = x.baseAddress {
      // Short windows: two-pass over the window (flat windows give 0), two accumulators per
      // pass so consecutive bars overlap in the pipeline.
      for i in lb..<n {
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
        out[i] = (q0 + q1) / d
      }
      return
    }
    anchoredMoments(x, p) { i, _, _, v in out[i] = v > 0 ? v : 0 }
  }

  /// STDDEV = √VAR · nbdev (population).
  static func stddev(_ x: Buf, _ out: Out, _ p: Int, nbdev: Double) {
    variance(x, out, p)
    for i in Swift.min(p - 1, x.count)..<x.count {
      let v = out[i].squareRoot()
      out[i] = nbdev == 1.0 ? v : v * nbdev
    }
  }

  /// BBANDS: middle = MA(p, matype); upper/lower = middle ± nbdevup/nbdevdn · STDDEV(x, p)
  /// (population standard deviation around the simple mean, whatever the MA type, as TA-Lib).
  static func bbands(
    _ x: Buf, _ upper: Out, _ middle: Out, _ lower: Out, _ p: Int,
    up: Double, down: Double, type: MAType
  ) {
    let n = x.count
    let lb = type.lookback(p)
    if type == .sma && p > 8 {
      bbandsSMA(x, upper, middle, lower, p, up: up, down: down)
      return
    }
    ma(x, middle, p, type)
    stddev(x, upper, p, nbdev: 1.0)
    upper.fillNaN(upTo: lb)
    lower.fillNaN(upTo: lb)
    guard n > lb else { return }
    for i in lb..<n {
      let m = middle[i]
      let sd = upper[i]
      upper[i] = m + (up == 1.0 ? sd : sd * up)
      lower[i] = m - (down == 1.0 ? sd : sd * down)
    }
  }

  /// BBANDS over an SMA in one pass: the anchored sums give both the mean and the variance.
  private static func bbandsSMA(
    _ x: Buf, _ upper: Out, _ middle: Out, _ lower: Out, _ p: Int,
    up: Double, down: Double
  ) {
    upper.fillNaN(upTo: p - 1)
    middle.fillNaN(upTo: p - 1)
    lower.fillNaN(upTo: p - 1)
    anchoredMoments(x, p) { i, anchor, m, v in
      let sd = v > 0 ? v.squareRoot() : 0
      let mid = anchor + m
      middle[i] = mid
      upper[i] = mid + sd * up
      lower[i] = mid - sd * down
    }
  }

  /// Window moments from running sums of deviations from an anchor K: for each bar i ≥ p − 1,
  /// `body(i, K, mean(x − K), mean((x − K)²) − mean(x − K)²)`. K is reset to the newest value,
  /// and the sums recomputed over the window, every max(p, 16) bars, so deviations stay small
  /// and so does the cancellation of the textbook formula. O(1) amortised per bar.
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
