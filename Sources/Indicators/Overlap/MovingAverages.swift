extension Kernel {
  /// SMA: mean of the last `p` values. The running total advances by x[i] − x[i−p] (one add
  /// on the loop-carried chain, the differences computed ahead), then is multiplied by 1/p
  /// (a division per value would be the loop's throughput limit; the two differ by at most a
  /// unit in the last place); results agree with TA-Lib's running sum to rounding (~1e-15
  /// relative). Returns whether no input was NaN (every value enters the running total, which
  /// then stays NaN).
  @discardableResult
  static func sma(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb, let src = x.baseAddress, let dst = out.baseAddress else { return false }
    let inverse = 1.0 / Double(p)
    var total = 0.0
    for i in 0...lb { total += src[i] }
    dst[lb] = total * inverse
    var i = p
    while i < n {
      total += src[i] - src[i - p]
      dst[i] = total * inverse
      i += 1
    }
    return !total.isNaN
  }

  /// EMA with k = 2 / (p + 1), seeded by the SMA of the first `p` values at index p − 1
  /// (TA-Lib's default compatibility mode), then ema = ema·(1 − k) + x·k: the same recurrence
  /// as TA-Lib's ema + (x − ema)·k with one multiply and one add on the loop-carried chain.
  @discardableResult
  static func ema(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    emaK(x, out, p, 2.0 / (Double(p) + 1.0))
  }

  /// EMA with an explicit smoothing factor `k` (MACDFIX uses 0.15 and 0.075). Returns
  /// whether no input was NaN (a NaN enters the recurrence and stays: NaN·m is NaN).
  ///
  /// The recurrence e = e·m + x·k (m = 1 − k) costs a multiply and an add of latency per
  /// value when run value by value. Here the values go in blocks of eight: the value entering
  /// the next block is m⁸·e + Σⱼ k·m⁷⁻ʲ·xⱼ (a dot product over the block, computed off the
  /// chain), so the loop-carried chain is one multiply and one add per eight values; inside
  /// a block the eight outputs run e = e·m + x·k from the block's entering value as before,
  /// and the blocks' runs overlap. Each entering value differs from the value-by-value one by
  /// rounding only (a few units in the last place, not compounding: m < 1 shrinks earlier
  /// errors), so outputs agree with TA-Lib's to ~1e-15 relative.
  @discardableResult
  static func emaK(_ x: Buf, _ out: Out, _ p: Int, _ k: Double) -> Bool {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb, let src = x.baseAddress, let dst = out.baseAddress else { return false }
    var seed = 0.0
    for i in 0..<p { seed += src[i] }
    var prev = seed / Double(p)
    dst[lb] = prev
    let m = 1.0 - k
    var i = p
    if n - p >= 64 {
      // Weights of a block's values in the value leaving it: k·m⁷, k·m⁶, …, k.
      var weights = SIMD8<Double>(repeating: k)
      var power = 1.0
      for j in stride(from: 7, through: 0, by: -1) {
        weights[j] = k * power
        power *= m
      }
      let m8 = power
      let lowWeights = weights.lowHalf, highWeights = weights.highHalf
      while i + 8 <= n {
        let lowHalf = load4(src, i) * lowWeights
        let highHalf = load4(src, i + 4) * highWeights
        let carried = (lowHalf + highHalf).sum()
        var e = prev
        for j in 0..<8 {
          e = e * m + src[i + j] * k
          dst[i + j] = e
        }
        prev = prev * m8 + carried
        i += 8
      }
      // The last block's own run is what was written; continue from it.
      prev = dst[i - 1]
    }
    while i < n {
      prev = prev * m + src[i] * k
      dst[i] = prev
      i += 1
    }
    return !prev.isNaN
  }

  /// WMA: weights p, p-1, ..., 1 from the newest value; TA-Lib's running numerator.
  /// Returns whether no input was NaN (every value enters the running numerator).
  @discardableResult
  static func wma(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    let divider = Double((p * (p + 1)) / 2)
    let dp = Double(p)
    var periodSum = 0.0
    var periodSub = 0.0
    for i in 0..<lb {
      periodSub += x[i]
      periodSum += x[i] * Double(i + 1)
    }
    var trailing = 0.0
    var i = lb
    while i < n {
      let v = x[i]
      periodSub += v
      periodSub -= trailing
      periodSum += v * dp
      trailing = x[i - lb]
      out[i] = periodSum / divider
      periodSum -= periodSub
      i += 1
    }
    return !periodSum.isNaN
  }

  /// TRIMA: triangular weights 1, 2, …, peak, …, 2, 1 over `p` values (SMA of an SMA),
  /// divided by their sum ((h+1)² for odd p, h(h+1) for even, h = p/2). The numerator is
  /// updated in TA-Lib's four steps (drop the rising half's sum, move the middle value from
  /// the falling to the rising half, add the newest value) so rounding matches TA-Lib's.
  /// Returns whether no input was NaN (every value enters the running numerator).
  @discardableResult
  static func trima(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    let h = p >> 1
    let odd = p % 2 == 1
    let factor = 1.0 / Double(odd ? (h + 1) * (h + 1) : h * (h + 1))
    var trailingIdx = 0
    var middleIdx = odd ? h : h - 1
    var todayIdx = middleIdx + h
    var numerator = 0.0, numeratorSub = 0.0, numeratorAdd = 0.0
    var i = middleIdx
    while i >= trailingIdx {
      numeratorSub += x[i]
      numerator += numeratorSub
      i -= 1
    }
    middleIdx += 1
    i = middleIdx
    while i <= todayIdx {
      numeratorAdd += x[i]
      numerator += numeratorAdd
      i += 1
    }
    var t = x[trailingIdx]
    trailingIdx += 1
    out[lb] = numerator * factor
    todayIdx += 1
    while todayIdx < n {
      numerator -= numeratorSub
      numeratorSub -= t
      t = x[middleIdx]
      middleIdx += 1
      numeratorSub += t
      if odd {
        numerator += numeratorAdd
        numeratorAdd -= t
      } else {
        numeratorAdd -= t
        numerator += numeratorAdd
      }
      t = x[todayIdx]
      numeratorAdd += t
      numerator += t
      out[todayIdx] = numerator * factor
      todayIdx += 1
      t = x[trailingIdx]
      trailingIdx += 1
    }
    return !numerator.isNaN
  }
}
