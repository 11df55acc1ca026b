/// True range of bar `i` against the previous close: max(h − l, |c₋₁ − h|, |c₋₁ − l|).
@inline(__always)
func trueRange(_ high: Buf, _ low: Buf, _ close: Buf, _ i: Int) -> Double {
  let h = high[i], l = low[i], cy = close[i - 1]
  var greatest = h - l
  let v2 = abs(cy - h)
  greatest = v2 > greatest ? v2 : greatest
  let v3 = abs(cy - l)
  return v3 > greatest ? v3 : greatest
}

extension Kernel {
  /// TRANGE: true range; lookback 1. Returns whether no input was NaN (a running sum of the
  /// inputs: the comparisons of the true range would drop a NaN).
  @discardableResult
  static func trange(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out) -> Bool {
    let n = high.count
    out.fillNaN(upTo: 1)
    guard n > 1 else { return false }
    var seen = close[0]
    for i in 1..<n {
      out[i] = trueRange(high, low, close, i)
      seen += (high[i] - low[i]) + close[i]
    }
    return !seen.isNaN
  }

  /// ATR (Wilder): the mean of the first `p` true ranges (bars 1…p), then
  /// atr = (atr·(p−1) + tr) / p, evaluated as atr·((p−1)/p) + tr·(1/p) (one multiply-add on
  /// the loop-carried chain; equal to TA-Lib's to rounding). NATR = atr / close · 100 (0 when
  /// close ≈ 0). Period 1 gives the true range itself. Lookback p.
  ///
  /// Long inputs run as four lanes (see ``Lanes``): lanes 1–3 start ``warmUpBars(decay:)``
  /// bars before their stretch from atr = 0, by which point ((p−1)/p) to that power has made
  /// the start vanish below rounding, so every value equals the single chain's.
  /// Returns whether no input was NaN (a running sum of the inputs: the comparisons of the
  /// true range would drop a NaN).
  @discardableResult
  static func atr(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out, _ p: Int, normalized: Bool)
    -> Bool
  {
    let n = high.count
    if p <= 1 {
      return trange(high, low, close, out)
    }
    out.fillNaN(upTo: p)
    guard n > p, let hb = high.baseAddress, let lb = low.baseAddress, let cb = close.baseAddress,
      let dst = out.baseAddress
    else { return false }
    var seen = close[0]
    for i in 1...p { seen += (high[i] - low[i]) + close[i] }
    var total = 0.0
    for i in 1...p { total += trueRange(high, low, close, i) }
    let start = total / Double(p)
    // Separate instantiations so the hot loop carries no mode test.
    if normalized {
      out[p] = isZero(close[p]) ? 0.0 : (start / close[p]) * 100.0
      seen += wilderAverage(hb, lb, cb, dst, p, from: p + 1, to: n, start, normalized: true)
    } else {
      out[p] = start
      seen += wilderAverage(hb, lb, cb, dst, p, from: p + 1, to: n, start, normalized: false)
    }
    return !seen.isNaN
  }

  /// Bars `from ..< to` of ATR from its value after bar `from − 1`, writing it or, when
  /// `normalized` (a constant at each inlined call), NATR.
  /// Returns the running sum (h − l) + c of the bars read.
  @inline(__always)
  private static func wilderAverage(
    _ hb: UnsafePointer<Double>, _ lb: UnsafePointer<Double>, _ cb: UnsafePointer<Double>,
    _ dst: UnsafeMutablePointer<Double>, _ p: Int, from: Int, to: Int, _ start: Double,
    normalized: Bool
  ) -> Double {
    @inline(__always) func value(_ atr: SIMD4<Double>, _ c: SIMD4<Double>) -> SIMD4<Double> {
      guard normalized else { return atr }
      let zero = isZero4(c)
      return choose(zero, SIMD4(), atr) / choose(zero, SIMD4(repeating: 1), c) * 100.0
    }
    let a = Double(p - 1) / Double(p)
    let b = 1.0 / Double(p)
    let warm = warmUpBars(decay: a)
    var atr = SIMD4<Double>(repeating: start)
    var seen4 = SIMD4<Double>()
    @inline(__always) func trueRange4(_ h: SIMD4<Double>, _ l: SIMD4<Double>, _ cy: SIMD4<Double>)
      -> SIMD4<Double>
    {
      greater4(abs4(cy - l), greater4(abs4(cy - h), h - l))
    }
    var i = from
    if warm < Int.max / 4, let lanes = Lanes(from: from, to: to, minimum: 2 * warm) {
      // Lanes 1–3 warm up from 0 over the `warm` bars before their stretch (lane 0 repeats
      // lane 1's bars and is then reset to the true state).
      let early = lanes.warmUp(warm)
      let wh = LaneInput(hb, early), wl = LaneInput(lb, early), wc = LaneInput(cb, early, shift: -1)
      atr = SIMD4()
      for t in 0..<warm { atr = atr * a + trueRange4(wh.gather(t), wl.gather(t), wc.gather(t)) * b }
      atr[0] = start
      let hs = LaneInput(hb, lanes), ls = LaneInput(lb, lanes), cs = LaneInput(cb, lanes)
      var cy = LaneInput(cb, lanes, shift: -1).gather(0)
      inLaneBlocks(lanes, LaneOutput(dst, lanes)) { t, count, block in
        for u in 0..<count {
          let h = hs.gather(t + u), l = ls.gather(t + u), c = cs.gather(t + u)
          seen4 += (h - l) + c
          atr = atr * a + trueRange4(h, l, cy) * b
          cy = c
          block[u] = value(atr, c)
        }
      }
      i = lanes.end
      atr = SIMD4(repeating: atr[3])
    }
    // One chain (short inputs, and the few bars after the lanes): lane 0 of the vectors.
    var seen = 0.0
    while i < to {
      let h = SIMD4(repeating: hb[i]), l = SIMD4(repeating: lb[i]), c = SIMD4(repeating: cb[i])
      seen += (hb[i] - lb[i]) + cb[i]
      atr = atr * a + trueRange4(h, l, SIMD4(repeating: cb[i - 1])) * b
      dst[i] = value(atr, c)[0]
      i += 1
    }
    return seen + seen4.sum()
  }
}
