extension Kernel {
  /// SMA at up to eight periods in one pass over `x`: lane l keeps its own running total and
  /// does exactly the single-period arithmetic (total += x[i] − x[i−p], divide), so each
  /// output equals ``sma(_:_:_:)``'s bit for bit. Until the longest lookback each lane runs
  /// alone; after it, all lanes advance together in one SIMD register per bar.
  static func smaLanes(_ x: Buf, _ outs: [Out], _ periods: [Int]) {
    let n = x.count
    let k = periods.count
    var totals = SIMD8<Double>()
    var divisors = SIMD8<Double>(repeating: 1)
    var lbs = [Int](repeating: 0, count: 8)
    for l in 0..<k {
      divisors[l] = Double(periods[l])
      lbs[l] = periods[l] - 1
    }
    let maxLb = lbs.max() ?? 0
    let head = Swift.min(maxLb + 1, n)
    for l in 0..<k {
      let lb = lbs[l], o = outs[l], d = divisors[l]
      var total = 0.0
      for i in 0..<head {
        if i < lb {
          total += x[i]
          o[i] = .nan
        } else if i == lb {
          total += x[i]
          o[i] = total / d
        } else {
          total += x[i] - x[i - lb - 1]
          o[i] = total / d
        }
      }
      totals[l] = total
    }
    guard n > maxLb + 1 else { return }
    // SAFETY: `bases` point into the output buffers, which outlive this loop.
    var bases = [UnsafeMutablePointer<Double>]()
    for l in 0..<k { if let b = outs[l].baseAddress { bases.append(b) } }
    guard bases.count == k, let src = x.baseAddress else { return }
    // Lane l subtracts x[i − p_l]; unused lanes read x[i − 1] and are never stored.
    var back = [Int](repeating: 1, count: 8)
    for l in 0..<k { back[l] = periods[l] }
    var trail = SIMD8<Double>()
    var i = maxLb + 1
    while i < n {
      for l in 0..<8 { trail[l] = src[i - back[l]] }
      totals += SIMD8(repeating: src[i]) - trail
      let r = totals / divisors
      for l in 0..<k { bases[l][i] = r[l] }
      i += 1
    }
  }

  /// EMA at up to eight periods in one pass: each lane seeds with the SMA of its first
  /// `period` values (sequential sum, as ``emaK(_:_:_:_:)``) and then updates
  /// ema = ema·(1 − k) + x·k, bit-identical to the single-period kernel.
  static func emaLanes(_ x: Buf, _ outs: [Out], _ periods: [Int]) {
    let n = x.count
    let k = periods.count
    var prev = SIMD8<Double>()
    var ks = SIMD8<Double>()
    let maxP = periods.max() ?? 1
    let head = Swift.min(maxP, n)
    for l in 0..<k {
      let p = periods[l], o = outs[l]
      let kl = 2.0 / (Double(p) + 1.0)
      ks[l] = kl
      var seed = 0.0
      var e = 0.0
      for i in 0..<head {
        if i < p {
          seed += x[i]
          if i == p - 1 {
            e = seed / Double(p)
            o[i] = e
          } else {
            o[i] = .nan
          }
        } else {
          e = e * (1.0 - kl) + x[i] * kl
          o[i] = e
        }
      }
      prev[l] = e
    }
    guard n > maxP, let src = x.baseAddress else { return }
    var bases = [UnsafeMutablePointer<Double>]()
    for l in 0..<k { if let b = outs[l].baseAddress { bases.append(b) } }
    guard bases.count == k else { return }
    let ms = SIMD8<Double>(repeating: 1) - ks
    var i = maxP
    while i < n {
      prev = prev * ms + SIMD8(repeating: src[i]) * ks
      for l in 0..<k { bases[l][i] = prev[l] }
      i += 1
    }
  }
}
