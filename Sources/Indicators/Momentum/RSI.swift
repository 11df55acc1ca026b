extension Kernel {
  /// RSI and CMO (Wilder): average gain G and loss L seeded by the mean of the first `p`
  /// changes, then G = (G·(p−1) + gain) / p (same for L), evaluated as G·((p−1)/p) + gain/p.
  /// RSI = 100·G/(G+L); CMO = 100·(G−L)/(G+L); both 0 when G+L ≈ 0. Lookback p.
  ///
  /// Long inputs run as four lanes (see ``Lanes``): lanes 1–3 start ``warmUpBars(decay:)``
  /// bars before their stretch from G = L = 0, by which point (p−1)/p to that power has made
  /// the start vanish below rounding, so every value equals the single chain's.
  /// Returns whether no input was NaN (a running sum of the inputs: the gain/loss selections
  /// would drop a NaN).
  @discardableResult
  static func rsi(_ x: Buf, _ out: Out, _ p: Int, cmo: Bool = false) -> Bool {
    let n = x.count
    out.fillNaN(upTo: p)
    guard n > p, let src = x.baseAddress, let dst = out.baseAddress else { return false }
    var seen = 0.0
    for i in 0...p { seen += src[i] }
    let dp = Double(p)
    var gain = 0.0
    var loss = 0.0
    for i in 1...p {
      let d = src[i] - src[i - 1]
      if d < 0 { loss -= d } else { gain += d }
    }
    loss /= dp
    gain /= dp
    let s = gain + loss
    out[p] = isZero(s) ? 0.0 : (cmo ? 100.0 * ((gain - loss) / s) : 100.0 * (gain / s))
    // Separate instantiations so the hot loop carries no mode test.
    if cmo {
      seen += wilderRatio(src, dst, p, from: p + 1, to: n, gain, loss) { g, l in g - l }
    } else {
      seen += wilderRatio(src, dst, p, from: p + 1, to: n, gain, loss) { g, _ in g }
    }
    return !seen.isNaN
  }

  /// Bars `from ..< to` of RSI/CMO from the state (G, L) after bar `from − 1`: writes
  /// 100·numerator(G, L)/(G + L) (0 when G + L ≈ 0). Returns the sum of the inputs read.
  @inline(__always)
  private static func wilderRatio(
    _ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, _ p: Int, from: Int, to: Int,
    _ gain: Double, _ loss: Double, _ numerator: (SIMD4<Double>, SIMD4<Double>) -> SIMD4<Double>
  ) -> Double {
    let a = Double(p - 1) / Double(p)
    let b = 1.0 / Double(p)
    let warm = warmUpBars(decay: a)
    var g4 = SIMD4<Double>(repeating: gain), l4 = SIMD4<Double>(repeating: loss)
    var seen4 = SIMD4<Double>()
    var i = from
    @inline(__always) func step(_ d: SIMD4<Double>) {
      g4 = g4 * a + choose(d .> 0, d, SIMD4()) * b
      l4 = l4 * a + choose(d .< 0, -d, SIMD4()) * b
    }
    @inline(__always) func value() -> SIMD4<Double> {
      // 0/1 where G + L ≈ 0: a select before an unconditional division keeps it vectorised.
      let s = g4 + l4
      let zero = isZero4(s)
      return 100.0 * (choose(zero, SIMD4(), numerator(g4, l4)) / choose(zero, SIMD4(repeating: 1), s))
    }
    if warm < Int.max / 4, let lanes = Lanes(from: from, to: to, minimum: 2 * warm) {
      // Warm lanes 1–3 up from zero over the `warm` bars before their stretch (lane 0 repeats
      // lane 1's bars and is then reset to the true state).
      let early = lanes.warmUp(warm)
      let w = LaneInput(src, early), wPrev = LaneInput(src, early, shift: -1)
      g4 = SIMD4()
      l4 = SIMD4()
      for t in 0..<warm { step(w.gather(t) - wPrev.gather(t)) }
      g4[0] = gain
      l4[0] = loss
      let xs = LaneInput(src, lanes), prev = LaneInput(src, lanes, shift: -1)
      let os = LaneOutput(dst, lanes)
      var last = prev.gather(0)
      inLaneBlocks(lanes, os) { t, count, block in
        for u in 0..<count {
          let v = xs.gather(t + u)
          seen4 += v
          step(v - last)
          last = v
          block[u] = value()
        }
      }
      i = lanes.end
      g4 = SIMD4(repeating: g4[3])
      l4 = SIMD4(repeating: l4[3])
    }
    // One chain (short inputs, and the few bars after the lanes): lane 0 of the vectors.
    var seen = 0.0
    while i < to {
      let v = src[i]
      seen += v
      step(SIMD4(repeating: v - src[i - 1]))
      dst[i] = value()[0]
      i += 1
    }
    return seen + seen4.sum()
  }
}
