import Foundation

extension Kernel {
  /// KAMA (Kaufman): efficiency ratio ER = |x − x[−p]| / Σ|Δx| over `p` bars (1 when the sum is
  /// ~0 or not above the change), sc = (ER·(2/3 − 2/31) + 2/31)², kama += (x − kama)·sc, seeded
  /// by the value before the first output (TA-Lib's KAMA; lookback p; period 1 copies).
  /// Returns whether no input was NaN: every value enters the sum of changes or kama itself,
  /// and a NaN there makes every later kama NaN.
  @discardableResult
  static func kama(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = x.count
    if p <= 1 {
      for i in 0..<n { out[i] = x[i] }
      return false
    }
    out.fillNaN(upTo: p)
    guard n > p else { return false }
    let constMax = 2.0 / (30.0 + 1.0)
    let constDiff = 2.0 / (2.0 + 1.0) - constMax
    var sumROC1 = 0.0
    for i in 0..<p { sumROC1 += abs(x[i] - x[i + 1]) }
    // The loop above summed |x[i] − x[i+1]| for i < p, i.e. the p differences ending at x[p].
    var prev = x[p - 1]
    var trailingValue = x[0]
    var trailingIdx = 1
    let periodROC0 = x[p] - x[0]
    var er = (sumROC1 <= periodROC0 || isZero(sumROC1)) ? 1.0 : abs(periodROC0 / sumROC1)
    var sc = er * constDiff + constMax
    sc *= sc
    prev = ((x[p] - prev) * sc) + prev
    out[p] = prev
    var today = p + 1
    while today < n {
      let v = x[today]
      let t2 = x[trailingIdx]
      trailingIdx += 1
      let periodROC = v - t2
      sumROC1 -= abs(trailingValue - t2)
      sumROC1 += abs(v - x[today - 1])
      trailingValue = t2
      er = (sumROC1 <= periodROC || isZero(sumROC1)) ? 1.0 : abs(periodROC / sumROC1)
      sc = er * constDiff + constMax
      sc *= sc
      prev = ((v - prev) * sc) + prev
      out[today] = prev
      today += 1
    }
    return !prev.isNaN
  }

  /// T3 (Tillson): six chained EMAs (k = 2/(p+1), each `k·x + (1−k)·e`, each seeded by the
  /// mean of its first `p` inputs); T3 = c1·e6 + c2·e5 + c3·e4 + c4·e3 with a = vfactor,
  /// c1 = −a³, c2 = 3a² + 3a³, c3 = −6a² − 3a − 3a³, c4 = 1 + 3a + a³ + 3a². Lookback 6(p−1).
  /// Returns whether no input was NaN (every value enters the first EMA, where a NaN stays).
  @discardableResult
  static func t3(_ x: Buf, _ out: Out, _ p: Int, vfactor v: Double) -> Bool {
    let n = x.count
    let lb = 6 * (p - 1)
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    let k = 2.0 / (Double(p) + 1.0)
    let m = 1.0 - k
    let dp = Double(p)
    // Warm-up: stage s is seeded by the mean of its first p inputs (stage s − 1's values, or
    // x for s = 0); feeding each new bar through the running stages on the way.
    var e = [Double](repeating: 0, count: 6)
    var today = 0
    for s in 0..<6 {
      var t = s == 0 ? 0.0 : e[s - 1]
      for j in 0..<p where s == 0 || j > 0 {
        var input = x[today]
        today += 1
        for q in 0..<s {
          e[q] = (k * input) + (m * e[q])
          input = e[q]
        }
        t += input
      }
      e[s] = t / dp
    }
    var (e1, e2, e3, e4, e5, e6) = (e[0], e[1], e[2], e[3], e[4], e[5])
    let sq = v * v
    let c1 = -sq * v
    let c2 = 3.0 * (sq - c1)
    let c3 = -6.0 * sq - 3.0 * (v - c1)
    let c4 = 1.0 + 3.0 * v - c1 + 3.0 * sq
    out[lb] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3
    if let src = x.baseAddress, let dst = out.baseAddress {
      var chains = T3Chains(e1: e1, e2: e2, e3: e3, e4: e4, e5: e5, e6: e6, k: k, m: m, c1: c1, c2: c2, c3: c3, c4: c4)
      if let next = chains.runInLanes(src, dst, from: today, to: n) {
        (e1, e2, e3, e4, e5, e6) = (chains.e1, chains.e2, chains.e3, chains.e4, chains.e5, chains.e6)
        today = next
      }
    }
    while today < n {
      e1 = (k * x[today]) + (m * e1)
      e2 = (k * e1) + (m * e2)
      e3 = (k * e2) + (m * e3)
      e4 = (k * e3) + (m * e4)
      e5 = (k * e4) + (m * e5)
      e6 = (k * e5) + (m * e6)
      out[today] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3
      today += 1
    }
    return !e1.isNaN
  }
}

/// TA-Lib's "is zero": |v| < 1e-8.
@inline(__always)
func isZero(_ v: Double) -> Bool { -0.00000001 < v && v < 0.00000001 }

/// TA-Lib's "is zero or negative": v < 1e-8.
@inline(__always)
func isZeroOrNegative(_ v: Double) -> Bool { v < 0.00000001 }
