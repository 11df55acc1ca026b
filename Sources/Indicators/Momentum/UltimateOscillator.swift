extension Kernel {
  /// ULTOSC: bp = c − min(l, c₋₁), tr = true range; A_k = Σbp/Σtr over the three periods,
  /// sorted so the shortest gets weight 4, the middle 2, the longest 1;
  /// 100·(4A₁ + 2A₂ + A₃)/7 (a term is skipped when its Σtr ≈ 0). Lookback = longest period.
  ///
  /// Bars go in blocks of ``ultoscBlock``: bp and tr of the block and of the longest window
  /// before it are summed into block-local prefix sums P, every window sum is a difference
  /// P[i] − P[i − p] (the prefix restarts each block, so its rounding stays at a few hundred
  /// values' worth: ~1e-13 relative), and the three ratios share one division,
  /// (4·a₁·b₂·b₃ + 2·a₂·b₁·b₃ + a₃·b₁·b₂) / (b₁·b₂·b₃), four bars at a time (the product
  /// of three true-range sums stays finite for sums below ~1e100, i.e. for any price data).
  /// Returns whether no input was NaN (a running sum of the inputs: the true range's
  /// comparisons would drop a NaN).
  @discardableResult
  static func ultosc(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out, _ periods: [Int]) -> Bool {
    let sorted = periods.sorted()
    let p1 = sorted[0], p2 = sorted[1], p3 = sorted[2]
    let n = high.count
    out.fillNaN(upTo: p3)
    guard n > p3, let hb = high.baseAddress, let lb = low.baseAddress, let cb = close.baseAddress,
      let dst = out.baseAddress
    else { return false }
    let span = ultoscBlock + p3 + 1
    return withScratch(2 * span) { scratch -> Bool in
      guard let sb = scratch.baseAddress else { return false }
      // SAFETY: two prefix arrays of `span` values; offsets below stay under span.
      let pb = sb, pt = sb + span
      var seen = cb[0]
      var seen4 = SIMD4<Double>()
      var start = p3
      while start < n {
        let end = Swift.min(start + ultoscBlock, n)
        // bp and tr of bars base + 1 ... end − 1 (four at a time), then prefix sums in place:
        // P[j] sums the bars up to base + j.
        let base = start - p3
        let m = end - base - 1
        pb[0] = 0
        pt[0] = 0
        var j = 0
        while j + 4 <= m {
          let i = base + 1 + j
          let h = load4(hb, i), l = load4(lb, i), c = load4(cb, i), cy = load4(cb, i - 1)
          seen4 += (h - l) + c
          store4(c - lesser4(l, cy), pb, j + 1)
          store4(greater4(abs4(cy - l), greater4(abs4(cy - h), h - l)), pt, j + 1)
          j += 4
        }
        while j < m {
          let i = base + 1 + j
          let h = hb[i], l = lb[i], c = cb[i], cy = cb[i - 1]
          seen += (h - l) + c
          pb[j + 1] = c - (l < cy ? l : cy)
          pt[j + 1] = trueRange(high, low, close, i)
          j += 1
        }
        prefixSum(pb + 1, m)
        prefixSum(pt + 1, m)
        // Outputs: window sums as prefix differences, four bars at a time.
        let r0 = start - base
        let count = end - start
        var u = 0
        while u + 4 <= count {
          let r = r0 + u
          store4(ultoscValue(load4(pb, r), load4(pb, r - p1), load4(pb, r - p2), load4(pb, r - p3),
            load4(pt, r), load4(pt, r - p1), load4(pt, r - p2), load4(pt, r - p3)), dst, start + u)
          u += 4
        }
        while u < count {
          let r = r0 + u
          @inline(__always) func one(_ p: UnsafeMutablePointer<Double>, _ k: Int) -> SIMD4<Double> {
            SIMD4(repeating: p[k])
          }
          dst[start + u] = ultoscValue(one(pb, r), one(pb, r - p1), one(pb, r - p2), one(pb, r - p3),
            one(pt, r), one(pt, r - p1), one(pt, r - p2), one(pt, r - p3))[0]
          u += 1
        }
        seen += pb[m] + pt[m]
        start = end
      }
      return !(seen + seen4.sum()).isNaN
    }
  }

  /// 100·(4·a₁/b₁ + 2·a₂/b₂ + a₃/b₃)/7 from prefix sums at the bar and one window back per
  /// period, with one division; a term whose b ≈ 0 counts as 0.
  @inline(__always)
  private static func ultoscValue(
    _ pb: SIMD4<Double>, _ pb1: SIMD4<Double>, _ pb2: SIMD4<Double>, _ pb3: SIMD4<Double>,
    _ pt: SIMD4<Double>, _ pt1: SIMD4<Double>, _ pt2: SIMD4<Double>, _ pt3: SIMD4<Double>
  ) -> SIMD4<Double> {
    var a1 = pb - pb1, a2 = pb - pb2, a3 = pb - pb3
    var b1 = pt - pt1, b2 = pt - pt2, b3 = pt - pt3
    // Window sums of true ranges are ≥ 0, so when the least is ≥ 1e-8 no term is skipped.
    let least = lesser4(b1, lesser4(b2, b3))
    if !(Swift.min(Swift.min(least[0], least[1]), Swift.min(least[2], least[3])) >= 0.00000001) {
      let one = SIMD4<Double>(repeating: 1)
      var zero = isZero4(b1)
      a1 = choose(zero, SIMD4(), a1)
      b1 = choose(zero, one, b1)
      zero = isZero4(b2)
      a2 = choose(zero, SIMD4(), a2)
      b2 = choose(zero, one, b2)
      zero = isZero4(b3)
      a3 = choose(zero, SIMD4(), a3)
      b3 = choose(zero, one, b3)
    }
    let numerator = (4.0 * a1 * (b2 * b3) + 2.0 * a2 * (b1 * b3)) + a3 * (b1 * b2)
    return (100.0 / 7.0) * (numerator / (b1 * (b2 * b3)))
  }
}

/// Running sum of `x[0 ..< count]` in place. Four values per step on the loop-carried add
/// (pairs summed off the chain), so the chain costs a quarter of an add per value.
@inline(__always)
func prefixSum(_ x: UnsafeMutablePointer<Double>, _ count: Int) {
  var total = 0.0
  var j = 0
  while j + 4 <= count {
    let v0 = x[j], v1 = x[j + 1], v2 = x[j + 2], v3 = x[j + 3]
    let s01 = v0 + v1
    x[j] = total + v0
    x[j + 1] = total + s01
    x[j + 2] = (total + s01) + v2
    total += s01 + (v2 + v3)
    x[j + 3] = total
    j += 4
  }
  while j < count {
    total += x[j]
    x[j] = total
    j += 1
  }
}

/// Bars per block of ``Kernel/ultosc(_:_:_:_:_:)``.
let ultoscBlock = 512
