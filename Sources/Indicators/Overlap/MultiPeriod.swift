extension Kernel {
  /// SMA at up to eight periods in one pass over `x`: lane l keeps its own running total and
  /// does exactly the single-period arithmetic (total += x[i] − x[i−p], times 1/p), so each
  /// output equals ``sma(_:_:_:)``'s bit for bit. Until the longest lookback each lane runs
  /// alone; after it, all lanes advance together in one SIMD register per bar. Lanes beyond
  /// `periods.count` repeat lane 0 (same period, same output, same values), so the loop body
  /// has no per-lane branches. Returns false when a total went NaN (NaN or ±inf in `x`), as
  /// the single-period kernel does.
  static func smaLanes(_ x: Buf, _ outs: [Out], _ periods: [Int]) -> Bool {
    let n = x.count
    let k = periods.count
    guard k > 0, let src = x.baseAddress else { return true }
    var totals = SIMD8<Double>()
    var inverses = SIMD8<Double>(repeating: 1)
    let maxLb = (periods.max() ?? 1) - 1
    let head = Swift.min(maxLb + 1, n)
    for l in 0..<k {
      let lb = periods[l] - 1, o = outs[l], inverse = 1.0 / Double(periods[l])
      inverses[l] = inverse
      var total = 0.0
      for i in 0..<head {
        if i < lb {
          total += x[i]
          o[i] = .nan
        } else if i == lb {
          total += x[i]
          o[i] = total * inverse
        } else {
          total += x[i] - x[i - lb - 1]
          o[i] = total * inverse
        }
      }
      totals[l] = total
    }
    for l in k..<8 {
      totals[l] = totals[0]
      inverses[l] = inverses[0]
    }
    var clean = true
    for l in 0..<k where totals[l].isNaN { clean = false }
    guard n > maxLb + 1 else { return clean }
    var bases = [UnsafeMutablePointer<Double>]()
    var trails = [UnsafePointer<Double>]()
    for l in 0..<8 {
      let lane = l < k ? l : 0
      guard let b = outs[lane].baseAddress else { return clean }
      bases.append(b)
      trails.append(src - periods[lane])
    }
    // SAFETY: the pointers address the input and the output buffers, which outlive the loop;
    // every index read is i − p ≥ 0 and every index written is i < n.
    let (o0, o1, o2, o3, o4, o5, o6, o7) = (
      bases[0], bases[1], bases[2], bases[3], bases[4], bases[5], bases[6], bases[7]
    )
    let (t0, t1, t2, t3, t4, t5, t6, t7) = (
      trails[0], trails[1], trails[2], trails[3], trails[4], trails[5], trails[6], trails[7]
    )
    @inline(__always) func advance(_ i: Int) -> SIMD8<Double> {
      let trail = SIMD8(t0[i], t1[i], t2[i], t3[i], t4[i], t5[i], t6[i], t7[i])
      totals += SIMD8(repeating: src[i]) - trail
      return totals * inverses
    }
    @inline(__always) func store(_ r: SIMD8<Double>, _ i: Int) {
      o0[i] = r[0]
      o1[i] = r[1]
      o2[i] = r[2]
      o3[i] = r[3]
      o4[i] = r[4]
      o5[i] = r[5]
      o6[i] = r[6]
      o7[i] = r[7]
    }
    @inline(__always) func pair(_ a: Double, _ b: Double, _ o: UnsafeMutablePointer<Double>) {
      UnsafeMutableRawPointer(o).storeBytes(of: SIMD2(a, b), as: SIMD2<Double>.self)
    }
    var i = maxLb + 1
    // Two bars per step, each lane's pair in one store: half the store instructions, which
    // bound the one-bar loop (eight scalar stores per bar).
    while i + 2 <= n {
      let a = advance(i)
      let b = advance(i + 1)
      pair(a[0], b[0], o0 + i)
      pair(a[1], b[1], o1 + i)
      pair(a[2], b[2], o2 + i)
      pair(a[3], b[3], o3 + i)
      pair(a[4], b[4], o4 + i)
      pair(a[5], b[5], o5 + i)
      pair(a[6], b[6], o6 + i)
      pair(a[7], b[7], o7 + i)
      i += 2
    }
    while i < n {
      store(advance(i), i)
      i += 1
    }
    for l in 0..<k where totals[l].isNaN { clean = false }
    return clean
  }

  /// EMA at up to eight periods in one pass: each lane seeds with the SMA of its first
  /// `period` values (sequential sum, as ``emaK(_:_:_:_:)``) and then updates
  /// ema = ema·(1 − k) + x·k value by value (the single-period kernel, which goes in blocks of
  /// eight, agrees to rounding, ~1e-15 relative). Returns true only
  /// when every lane finished its seed and no lane went NaN (no NaN in `x`).
  static func emaLanes(_ x: Buf, _ outs: [Out], _ periods: [Int]) -> Bool {
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
    guard n > maxP, let src = x.baseAddress else { return false }
    var bases = [UnsafeMutablePointer<Double>]()
    for l in 0..<k { if let b = outs[l].baseAddress { bases.append(b) } }
    guard bases.count == k else { return false }
    let ms = SIMD8<Double>(repeating: 1) - ks
    var i = maxP
    while i < n {
      prev = prev * ms + SIMD8(repeating: src[i]) * ks
      for l in 0..<k { bases[l][i] = prev[l] }
      i += 1
    }
    for l in 0..<k where prev[l].isNaN { return false }
    return true
  }
}
