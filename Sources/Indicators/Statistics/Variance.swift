extension Kernel {
  /// VAR: population variance over `p` bars as mean(x²) − mean(x)², with TA-Lib's running sums
  /// in TA-Lib's order (the cancellation makes the order matter on low-volatility data).
  static func variance(_ x: Buf, _ out: Out, _ p: Int) {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return }
    let d = Double(p)
    var total1 = 0.0
    var total2 = 0.0
    for i in 0..<lb {
      let v = x[i]
      total1 += v
      total2 += v * v
    }
    for i in lb..<n {
      let v = x[i]
      total1 += v
      total2 += v * v
      let mean1 = total1 / d
      let mean2 = total2 / d
      let old = x[i - lb]
      total1 -= old
      total2 -= old * old
      out[i] = mean2 - mean1 * mean1
    }
  }

  /// STDDEV = √VAR · nbdev; variances below 1e-8 give 0 (TA-Lib's zero test).
  static func stddev(_ x: Buf, _ out: Out, _ p: Int, nbdev: Double) {
    variance(x, out, p)
    for i in min(p - 1, x.count)..<x.count {
      let v = out[i]
      out[i] = isZeroOrNegative(v) ? 0.0 : (nbdev == 1.0 ? v.squareRoot() : v.squareRoot() * nbdev)
    }
  }

  /// BBANDS: middle = MA(p, matype); deviation = √(mean(x²) − middle²) when the MA is an SMA
  /// (TA-Lib reuses the SMA), otherwise the STDDEV of `x` over `p`; upper/lower = middle ±
  /// deviation · nbdevup / nbdevdn.
  static func bbands(_ x: Buf, _ upper: Out, _ middle: Out, _ lower: Out, _ p: Int,
                     up: Double, down: Double, type: MAType) {
    let n = x.count
    let lb = type.lookback(p)
    upper.fillNaN(upTo: lb)
    lower.fillNaN(upTo: lb)
    ma(x, middle, p, type)
    guard n > lb else { return }
    if type == .sma {
      let d = Double(p)
      var total2 = 0.0
      for i in (lb + 1 - p)..<lb {
        let v = x[i]
        total2 += v * v
      }
      for i in lb..<n {
        let v = x[i]
        total2 += v * v
        var mean2 = total2 / d
        let old = x[i + 1 - p]
        total2 -= old * old
        let m = middle[i]
        mean2 -= m * m
        upper[i] = isZeroOrNegative(mean2) ? 0.0 : mean2.squareRoot()
      }
    } else {
      stddev(x, upper, p, nbdev: 1.0)
    }
    for i in lb..<n {
      let m = middle[i]
      let sd = upper[i]
      upper[i] = m + (up == 1.0 ? sd : sd * up)
      lower[i] = m - (down == 1.0 ? sd : sd * down)
    }
  }
}
