import Foundation

/// Which value of the least-squares line LINEARREG's family returns.
enum RegressionValue {
  /// Fitted value at the newest bar (LINEARREG).
  case value
  /// Fitted value one bar ahead (TSF).
  case forecast
  /// Slope per bar (LINEARREG_SLOPE).
  case slope
  /// Fitted value at the oldest bar of the window (LINEARREG_INTERCEPT).
  case intercept
  /// atan(slope) in degrees (LINEARREG_ANGLE).
  case angle
}

extension Kernel {
  /// Bars between re-anchorings of the regression's and CORREL's running sums: a re-sum costs
  /// p steps, so it comes every 4p bars (at most a quarter more work), at least every 64.
  static func laneAnchorInterval(_ p: Int) -> Int { Swift.max(4 * p, 64) }

  /// Least-squares line over the last `p` bars, x = 0 (oldest) … p−1 (newest), with TA-Lib's
  /// formulation: m = (p·Σxy − Σx·Σy) / (Σx² − p·Σx²), b = (Σy − m·Σx) / p (x counted in bars
  /// ago, whence TA-Lib's sign convention). Σy and Σxy slide in O(1) per bar over deviations
  /// from an anchor reset every max(4p, 64) bars (m does not depend on the anchor; b gets it
  /// back), which keeps near-zero slopes accurate. LINEARREG_ANGLE's atan is ``atan4(_:)``.
  /// Long inputs run as four lanes (see ``Lanes``), each re-anchoring on its own schedule.
  /// Lookback p − 1. Returns whether no input was NaN (a running sum of the inputs: the
  /// anchored sums restart).
  @discardableResult
  static func linearRegression(_ y: Buf, _ out: Out, _ p: Int, _ what: RegressionValue) -> Bool {
    // One instantiation per value, so the hot loop carries no test of `what`.
    switch what {
    case .value: return regressionLine(y, out, p, .value)
    case .forecast: return regressionLine(y, out, p, .forecast)
    case .slope: return regressionLine(y, out, p, .slope)
    case .intercept: return regressionLine(y, out, p, .intercept)
    case .angle: return regressionLine(y, out, p, .angle)
    }
  }

  /// The sliding least-squares fit of ``linearRegression(_:_:_:_:)``.
  @inline(__always)
  private static func regressionLine(_ y: Buf, _ out: Out, _ p: Int, _ what: RegressionValue) -> Bool {
    let n = y.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb, let src = y.baseAddress, let dst = out.baseAddress else { return false }
    var seen = 0.0
    for j in 0..<lb { seen += src[j] }
    let dp = Double(p)
    let sumX = dp * Double(p - 1) * 0.5
    let sumXSqr = Double(p * (p - 1) * (2 * p - 1) / 6)
    let inverseDivisor = 1 / (sumX * sumX - dp * sumXSqr)
    let rad2Deg = 180.0 / 3.14159265358979323846
    @inline(__always) func value(_ sumY: SIMD4<Double>, _ sumXY: SIMD4<Double>, _ k: SIMD4<Double>)
      -> SIMD4<Double>
    {
      let m = (dp * sumXY - sumX * sumY) * inverseDivisor
      switch what {
      case .value: return ((sumY - m * sumX) / dp + k) + m * Double(p - 1)
      case .forecast: return ((sumY - m * sumX) / dp + k) + m * dp
      case .slope: return m
      case .intercept: return (sumY - m * sumX) / dp + k
      case .angle: return m  // atan4 runs over the block afterwards (see below)
      }
    }
    let every = laneAnchorInterval(p)
    var from = lb
    let perLane = (n - lb) / 4 / every * every
    if perLane >= every {
      let lanes = Lanes(starts: SIMD4(lb, lb + perLane, lb + 2 * perLane, lb + 3 * perLane), length: perLane)
      let ys = LaneInput(src, lanes)
      var k = SIMD4<Double>(), sumY = k, sumXY = k, seen4 = k
      var sinceAnchor = 0
      inLaneBlocks(lanes, LaneOutput(dst, lanes)) { t, count, block in
        for u in 0..<count {
          let today = t + u
          let v = ys.gather(today)
          seen4 += v
          if sinceAnchor == 0 {
            k = v
            sumY = SIMD4()
            sumXY = SIMD4()
            var i = p
            while i != 0 {
              i -= 1
              let d = ys.gather(today - i) - k
              sumY += d
              sumXY += Double(i) * d
            }
          } else {
            let old = ys.gather(today - p) - k
            sumXY += sumY - dp * old
            sumY += (v - k) - old
          }
          sinceAnchor = sinceAnchor + 1 == every ? 0 : sinceAnchor + 1
          block[u] = value(sumY, sumXY, k)
        }
        // The angle's arctangent in a loop of its own, apart from the sliding sums' registers.
        if what == .angle {
          for u in 0..<count { block[u] = atan4(block[u]) * rad2Deg }
        }
      }
      seen += seen4.sum()
      from = lanes.end
    }
    // One chain (short inputs, and the bars after the lanes): lane 0 of the vectors.
    var k = 0.0, sumY = 0.0, sumXY = 0.0
    var sinceAnchor = every
    for today in from..<n {
      if sinceAnchor == every {
        k = src[today]
        sumY = 0
        sumXY = 0
        var i = p
        while i != 0 {
          i -= 1
          let v = src[today - i] - k
          sumY += v
          sumXY += Double(i) * v
        }
        sinceAnchor = 0
      } else {
        let old = src[today - p] - k
        sumXY += sumY - dp * old
        sumY += (src[today] - k) - old
      }
      sinceAnchor += 1
      seen += src[today]
      let v = value(SIMD4(repeating: sumY), SIMD4(repeating: sumXY), SIMD4(repeating: k))
      dst[today] = (what == .angle ? atan4(v) * rad2Deg : v)[0]
    }
    return !seen.isNaN
  }

  /// BETA of `x` (real0) against `y` (real1) over `p` one-bar returns r = (v − prev)/prev (0 when
  /// prev ≈ 0): (p·Σxy − Σx·Σy) / (p·Σx² − (Σx)²), 0 when the denominator ≈ 0. Lookback p.
  /// Returns whether no input was NaN (a running sum of the inputs).
  @discardableResult
  static func beta(_ x: Buf, _ y: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = x.count
    out.fillNaN(upTo: p)
    guard n > p else { return false }
    var seen = x[0] + y[0]
    let dp = Double(p)
    var sxx = 0.0, sxy = 0.0, sx = 0.0, sy = 0.0
    var trailingIdx = 0
    var trailingLastX = x[0], lastX = x[0]
    var trailingLastY = y[0], lastY = y[0]
    var i = 1
    @inline(__always) func ret(_ v: Double, _ last: Double) -> Double {
      isZero(last) ? 0.0 : (v - last) / last
    }
    while i < p {
      seen += x[i] + y[i]
      let rx = ret(x[i], lastX)
      lastX = x[i]
      let ry = ret(y[i], lastY)
      lastY = y[i]
      sxx += rx * rx
      sx += rx
      sxy += rx * ry
      sy += ry
      i += 1
    }
    trailingIdx += 1
    while i < n {
      seen += x[i] + y[i]
      var rx = ret(x[i], lastX)
      lastX = x[i]
      var ry = ret(y[i], lastY)
      lastY = y[i]
      sxx += rx * rx
      sx += rx
      sxy += rx * ry
      sy += ry
      rx = ret(x[trailingIdx], trailingLastX)
      trailingLastX = x[trailingIdx]
      ry = ret(y[trailingIdx], trailingLastY)
      trailingLastY = y[trailingIdx]
      trailingIdx += 1
      let t = (dp * sxx) - (sx * sx)
      out[i] = isZero(t) ? 0.0 : ((dp * sxy) - (sx * sy)) / t
      sxx -= rx * rx
      sx -= rx
      sxy -= rx * ry
      sy -= ry
      i += 1
    }
    return !seen.isNaN
  }

  /// CORREL: Pearson correlation of `x` and `y` over `p` bars, cov / √(var x · var y), 0 when
  /// either variance is 0. Running sums of deviations from anchors re-set every max(4p, 64)
  /// bars (as in ``variance(_:_:_:)``) keep the result accurate on low-volatility data.
  /// Long inputs with p > 8 run as four lanes (see ``Lanes``), each re-anchoring on its own
  /// schedule. Lookback p − 1. Returns whether no input was NaN (a running sum of the inputs).
  @discardableResult
  static func correl(_ x: Buf, _ y: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb, let xb = x.baseAddress, let yb = y.baseAddress, let dst = out.baseAddress else {
      return false
    }
    var seen = 0.0
    for j in 0..<lb { seen += xb[j] + yb[j] }
    let dp = Double(p)
    let inverseP = 1 / dp
    // Short windows re-anchor on every bar: exact for flat windows and for p = 1 (0, as TA-Lib).
    let every = p <= 8 ? 1 : laneAnchorInterval(p)
    @inline(__always) func value(
      _ sx: SIMD4<Double>, _ sy: SIMD4<Double>, _ sxx: SIMD4<Double>, _ syy: SIMD4<Double>,
      _ sxy: SIMD4<Double>
    ) -> SIMD4<Double> {
      let vx = sxx - (sx * sx) * inverseP
      let vy = syy - (sy * sy) * inverseP
      let t = vx * vy
      let positive = t .> SIMD4()
      let root = sqrt4(choose(positive, t, SIMD4(repeating: 1)))
      return choose(positive, sxy - (sx * sy) * inverseP, SIMD4()) / root
    }
    var from = lb
    let perLane = (n - lb) / 4 / every * every
    // Windows of ≤ 8 bars re-sum every bar, which reads faster from contiguous memory.
    if p > 8, perLane >= every {
      let lanes = Lanes(starts: SIMD4(lb, lb + perLane, lb + 2 * perLane, lb + 3 * perLane), length: perLane)
      let xs = LaneInput(xb, lanes), ys = LaneInput(yb, lanes)
      var kx = SIMD4<Double>(), ky = kx, sx = kx, sy = kx, sxx = kx, syy = kx, sxy = kx, seen4 = kx
      var sinceAnchor = 0
      inLaneBlocks(lanes, LaneOutput(dst, lanes)) { t, count, block in
        for u in 0..<count {
          let i = t + u
          let vx = xs.gather(i), vy = ys.gather(i)
          seen4 += vx + vy
          if sinceAnchor == 0 {
            kx = vx
            ky = vy
            sx = SIMD4()
            sy = sx
            sxx = sx
            syy = sx
            sxy = sx
            for j in (i - lb)...i {
              let a = xs.gather(j) - kx, b = ys.gather(j) - ky
              sx += a
              sy += b
              sxx += a * a
              syy += b * b
              sxy += a * b
            }
          } else {
            let a = vx - kx, b = vy - ky
            let oa = xs.gather(i - p) - kx, ob = ys.gather(i - p) - ky
            sx += a - oa
            sy += b - ob
            sxx += a * a - oa * oa
            syy += b * b - ob * ob
            sxy += a * b - oa * ob
          }
          sinceAnchor = sinceAnchor + 1 == every ? 0 : sinceAnchor + 1
          block[u] = value(sx, sy, sxx, syy, sxy)
        }
      }
      seen += seen4.sum()
      from = lanes.end
    }
    // One chain (short inputs, and the bars after the lanes).
    var kx = 0.0, ky = 0.0
    var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
    var sinceAnchor = every
    for i in from..<n {
      if sinceAnchor == every {
        kx = xb[i]
        ky = yb[i]
        sx = 0
        sy = 0
        sxx = 0
        syy = 0
        sxy = 0
        for j in (i - lb)...i {
          let a = xb[j] - kx, b = yb[j] - ky
          sx += a
          sy += b
          sxx += a * a
          syy += b * b
          sxy += a * b
        }
        sinceAnchor = 0
      } else {
        let a = xb[i] - kx, b = yb[i] - ky
        let oa = xb[i - p] - kx, ob = yb[i - p] - ky
        sx += a - oa
        sy += b - ob
        sxx += a * a - oa * oa
        syy += b * b - ob * ob
        sxy += a * b - oa * ob
      }
      sinceAnchor += 1
      seen += xb[i] + yb[i]
      dst[i] = value(
        SIMD4(repeating: sx), SIMD4(repeating: sy), SIMD4(repeating: sxx), SIMD4(repeating: syy),
        SIMD4(repeating: sxy))[0]
    }
    return !seen.isNaN
  }
}
