extension Kernel {
  /// Bars per block of CCI's typical-price buffer (plus the window before them): small enough
  /// to stay in cache, so no full-length scratch array is written and read back.
  static let cciBlock = 4096

  /// CCI = (tp − SMA(tp)) / (0.015 · mean |tp − SMA(tp)|) over `p` bars, tp = (h + l + c) / 3;
  /// 0 when either part is 0. Lookback p − 1. Mean and mean deviation are recomputed over the
  /// contiguous window (as TA-Lib; a running mean would drift into tp − mean's cancellation),
  /// each with four independent accumulators; the window sum adds sums of adjacent pairs
  /// (computed once per block), half the additions. Four consecutive bars run in the four
  /// SIMD lanes, each lane adding in the scalar order, so a bar's value does not depend on
  /// its position.
  /// Typical prices are computed block by block into a cache-sized buffer. Returns whether no
  /// input was NaN (a running sum of the typical prices).
  @discardableResult
  static func cci(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = high.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb, let hp = high.baseAddress, let lp = low.baseAddress, let cp = close.baseAddress,
      let dst = out.baseAddress
    else { return false }
    let dp = Double(p)
    let span = cciBlock + lb
    return withScratch(2 * span) { tp -> Bool in
      guard let base = tp.baseAddress else { return false }
      // pairs[k] = tp[k] + tp[k + 1]: a window's sum is then p / 2 additions of pairs.
      let pairs = base + span
      var seen = 0.0
      var first = lb
      while first < n {
        let last = Swift.min(first + cciBlock, n)
        // base[k] holds tp of bar first − lb + k.
        let origin = first - lb
        for k in 0..<(last - origin) {
          let i = origin + k
          let v = (hp[i] + lp[i] + cp[i]) / 3.0
          base[k] = v
        }
        for k in 0..<(last - origin - 1) { pairs[k] = base[k] + base[k + 1] }
        for k in lb..<(last - origin) { seen += base[k] }
        var i = first
        while i + 4 <= last {
          let w = base + (i - lb - origin)
          let pw = pairs + (i - lb - origin)
          var s0 = SIMD4<Double>(), s1 = SIMD4<Double>(), s2 = SIMD4<Double>(), s3 = SIMD4<Double>()
          var j = 0
          while j + 8 <= p {
            s0 += load4(pw, j)
            s1 += load4(pw, j + 2)
            s2 += load4(pw, j + 4)
            s3 += load4(pw, j + 6)
            j += 8
          }
          while j + 2 <= p {
            s0 += load4(pw, j)
            j += 2
          }
          if j < p { s0 += load4(w, j) }
          let avg = ((s0 + s1) + (s2 + s3)) / dp
          var d0 = SIMD4<Double>(), d1 = SIMD4<Double>(), d2 = SIMD4<Double>(), d3 = SIMD4<Double>()
          j = 0
          while j + 4 <= p {
            d0 += magnitude(load4(w, j) - avg)
            d1 += magnitude(load4(w, j + 1) - avg)
            d2 += magnitude(load4(w, j + 2) - avg)
            d3 += magnitude(load4(w, j + 3) - avg)
            j += 4
          }
          while j < p {
            d0 += magnitude(load4(w, j) - avg)
            j += 1
          }
          let dev = (d0 + d1) + (d2 + d3)
          let num = load4(w, lb) - avg
          let zero = SIMD4<Double>()
          let r = (num / (0.015 * (dev / dp))).replacing(with: zero, where: (num .== zero) .| (dev .== zero))
          store4(r, dst, i)
          i += 4
        }
        while i < last {
          let o = i - lb - origin
          dst[i] = cciBar(base + o, pairs + o, p, dp)
          i += 1
        }
        first = last
      }
      // The first lb typical prices enter only the windows, not the sum above.
      for i in 0..<lb { seen += (hp[i] + lp[i] + cp[i]) }
      return !seen.isNaN
    }
  }
}

extension Kernel {
  /// CCI of the one window of `p` typical prices at `w` (the newest last): the same sums, in
  /// the same order, as one lane of ``cci(_:_:_:_:_:)``'s four-bar step.
  @inline(__always)
  static func cciBar(
    _ w: UnsafeMutablePointer<Double>, _ pw: UnsafeMutablePointer<Double>, _ p: Int, _ dp: Double
  ) -> Double {
    let lb = p - 1
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var j = 0
    while j + 8 <= p {
      s0 += pw[j]
      s1 += pw[j + 2]
      s2 += pw[j + 4]
      s3 += pw[j + 6]
      j += 8
    }
    while j + 2 <= p {
      s0 += pw[j]
      j += 2
    }
    if j < p { s0 += w[j] }
    let avg = ((s0 + s1) + (s2 + s3)) / dp
    var d0 = 0.0, d1 = 0.0, d2 = 0.0, d3 = 0.0
    j = 0
    while j + 4 <= p {
      d0 += abs(w[j] - avg)
      d1 += abs(w[j + 1] - avg)
      d2 += abs(w[j + 2] - avg)
      d3 += abs(w[j + 3] - avg)
      j += 4
    }
    while j < p {
      d0 += abs(w[j] - avg)
      j += 1
    }
    let dev = (d0 + d1) + (d2 + d3)
    let num = w[lb] - avg
    return (num != 0.0 && dev != 0.0) ? num / (0.015 * (dev / dp)) : 0.0
  }
}

/// Lane-wise |v| (clears the sign bits).
@inline(__always)
func magnitude(_ v: SIMD4<Double>) -> SIMD4<Double> {
  let bits = unsafeBitCast(v, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7FFF_FFFF_FFFF_FFFF)
  return unsafeBitCast(bits, to: SIMD4<Double>.self)
}
