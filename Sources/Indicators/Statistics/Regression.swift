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
  /// Least-squares line over the last `p` bars, x = 0 (oldest) … p−1 (newest), with TA-Lib's
  /// formulation: m = (p·Σxy − Σx·Σy) / (Σx² − p·Σx²), b = (Σy − m·Σx) / p (x counted in bars
  /// ago, whence TA-Lib's sign convention). Σy and Σxy slide in O(1) per bar over deviations
  /// from an anchor reset every max(p, 16) bars (m does not depend on the anchor; b gets it
  /// back), which keeps near-zero slopes accurate. Lookback p − 1.
  /// Returns whether no input was NaN (a running sum of the inputs: the anchored sums restart).
  @discardableResult
  static func linearRegression(_ y: Buf, _ out: Out, _ p: Int, _ what: RegressionValue) -> Bool {
    switch what {
    case .value: return regressionLine(y, out, p) { m, b in b + m * Double(p - 1) }
    case .forecast: return regressionLine(y, out, p) { m, b in b + m * Double(p) }
    case .slope: return regressionLine(y, out, p) { m, _ in m }
    case .intercept: return regressionLine(y, out, p) { _, b in b }
    case .angle:
      let rad2Deg = 180.0 / 3.14159265358979323846
      return regressionLine(y, out, p) { m, _ in atan(m) * rad2Deg }
    }
  }

  /// The sliding least-squares fit of ``linearRegression(_:_:_:_:)``, writing `value(m, b)`.
  @inline(__always)
  private static func regressionLine(_ y: Buf, _ out: Out, _ p: Int, _ value: (Double, Double) -> Double)
    -> Bool
  {
    let n = y.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    var seen = 0.0
    for j in 0..<lb { seen += y[j] }
    let dp = Double(p)
    let sumX = dp * Double(p - 1) * 0.5
    let sumXSqr = Double(p * (p - 1) * (2 * p - 1) / 6)
    let divisor = sumX * sumX - dp * sumXSqr
    let every = anchorInterval(p)
    var k = 0.0, sumY = 0.0, sumXY = 0.0
    var sinceAnchor = every
    for today in lb..<n {
      if sinceAnchor == every {
        k = y[today]
        sumY = 0
        sumXY = 0
        var i = p
        while i != 0 {
          i -= 1
          let v = y[today - i] - k
          sumY += v
          sumXY += Double(i) * v
        }
        sinceAnchor = 0
      } else {
        let old = y[today - p] - k
        sumXY += sumY - dp * old
        sumY += (y[today] - k) - old
      }
      sinceAnchor += 1
      seen += y[today]
      let m = (dp * sumXY - sumX * sumY) / divisor
      let b = (sumY - m * sumX) / dp + k
      out[today] = value(m, b)
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
  /// either variance is 0. Running sums of deviations from anchors re-set every max(p, 16)
  /// bars (as in ``variance(_:_:_:)``) keep the result accurate on low-volatility data.
  /// Lookback p − 1. Returns whether no input was NaN (a running sum of the inputs).
  @discardableResult
  static func correl(_ x: Buf, _ y: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    var seen = 0.0
    for j in 0..<lb { seen += x[j] + y[j] }
    let dp = Double(p)
    // Short windows re-anchor on every bar: exact for flat windows and for p = 1 (0, as TA-Lib).
    let every = p <= 8 ? 1 : anchorInterval(p)
    var kx = 0.0, ky = 0.0
    var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
    var sinceAnchor = every
    for i in lb..<n {
      if sinceAnchor == every {
        kx = x[i]
        ky = y[i]
        sx = 0
        sy = 0
        sxx = 0
        syy = 0
        sxy = 0
        for j in (i - lb)...i {
          let a = x[j] - kx, b = y[j] - ky
          sx += a
          sy += b
          sxx += a * a
          syy += b * b
          sxy += a * b
        }
        sinceAnchor = 0
      } else {
        let a = x[i] - kx, b = y[i] - ky
        let oa = x[i - p] - kx, ob = y[i - p] - ky
        sx += a - oa
        sy += b - ob
        sxx += a * a - oa * oa
        syy += b * b - ob * ob
        sxy += a * b - oa * ob
      }
      sinceAnchor += 1
      seen += x[i] + y[i]
      let vx = sxx - (sx * sx) / dp
      let vy = syy - (sy * sy) / dp
      let t = vx * vy
      out[i] = t > 0 ? (sxy - (sx * sy) / dp) / t.squareRoot() : 0.0
    }
    return !seen.isNaN
  }
}
