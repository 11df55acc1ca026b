/// One of Ehlers' Hilbert FIR stages as TA-Lib runs it (a = 0.0962, b = 0.5769, a ring of
/// three delayed products), scaled by the period adjustment 0.075·period + 0.54.
struct HilbertStage {
  var ring = SIMD4<Double>()
  var prev = 0.0
  var prevInput = 0.0

  /// One step: (0.0962·v − the product stored three steps ago − b·(input two steps ago) +
  /// b·(previous input))·adjusted, b = 0.5769. `exact`: summed left to right as TA-Lib
  /// does, bit for bit (MAMA needs that: on a flat series its phase is the angle between
  /// two rounding residues). Otherwise the terms that do not involve `v` are summed first
  /// and v enters last as v·(0.0962·adjusted) (`scaled`), so a stage adds one multiply and
  /// one add to the bar's serial chain, rounding differently by a unit or so in the last place.
  @inline(__always)
  mutating func apply(_ v: Double, _ idx: Int, _ adjusted: Double, _ scaled: Double, exact: Bool)
    -> Double
  {
    let next = 0.5769 * prevInput
    let product = 0.0962 * v
    let old = ring[idx]
    ring[idx] = product
    prevInput = v
    if exact {
      var r = 0 - old
      r += product
      r -= prev
      r += next
      prev = next
      return r * adjusted
    }
    let rest = (next - prev) - old
    prev = next
    return v * scaled + rest * adjusted
  }
}

/// The shared state of TA-Lib's Hilbert-transform family (MAMA, HT_TRENDLINE): price
/// smoothing by a 4-bar WMA, detrender, in-phase and quadrature parts with even/odd bar
/// state, and the smoothed dominant-cycle period.
struct HilbertCycle {
  var even = (det: HilbertStage(), q1: HilbertStage(), jI: HilbertStage(), jQ: HilbertStage())
  var odd = (det: HilbertStage(), q1: HilbertStage(), jI: HilbertStage(), jQ: HilbertStage())
  var idx = 0
  var i1OddPrev2 = 0.0, i1OddPrev3 = 0.0, i1EvenPrev2 = 0.0, i1EvenPrev3 = 0.0
  var prevQ2 = 0.0, prevI2 = 0.0, re = 0.0, im = 0.0
  var period = 0.0
  // 4-bar WMA smoothing (weights 4, 3, 2, 1; sum 10).
  var wmaSum = 0.0, wmaSub = 0.0, trailingValue = 0.0, trailingIdx = 0

  /// Primes the WMA with x[0...2] and runs `warm` more bars through it; returns the next index.
  mutating func prime(_ x: Buf, warm: Int) -> Int {
    wmaSub = x[0]
    wmaSum = x[0]
    wmaSub += x[1]
    wmaSum += x[1] * 2.0
    wmaSub += x[2]
    wmaSum += x[2] * 3.0
    trailingValue = 0.0
    var today = 3
    for _ in 0..<warm {
      _ = smooth(x, today)
      today += 1
    }
    return today
  }

  @inline(__always)
  mutating func smooth(_ x: Buf, _ today: Int) -> Double {
    let v = x[today]
    wmaSub += v
    wmaSub -= trailingValue
    wmaSum += v * 4.0
    trailingValue = x[trailingIdx]
    trailingIdx += 1
    let s = wmaSum * 0.1
    wmaSum -= wmaSub
    return s
  }

  /// One bar of the transform; returns Q1 and the I1 (detrender delayed three bars) it used,
  /// and I2/Q2. `exact`: TA-Lib's arithmetic bit for bit (see ``HilbertStage/apply``);
  /// otherwise the stages' scale 0.075·period + 0.54 and 0.0962 times it come straight from
  /// the period side by side (0.0962·0.075 = 0.007215, 0.0962·0.54 = 0.051948) and I2/Q2
  /// add their newest term last.
  @inline(__always)
  mutating func transform(_ smoothed: Double, isEven: Bool, period: Double, exact: Bool)
    -> (q1: Double, i1: Double, q2: Double, i2: Double)
  {
    let adjusted = 0.075 * period + 0.54
    let scaled = exact ? 0.0 : 0.007215 * period + 0.051948
    @inline(__always) func parts(_ q1: Double, _ jI: Double, _ i1: Double, _ jQ: Double)
      -> (q2: Double, i2: Double)
    {
      if exact { return (0.2 * (q1 + jI) + 0.8 * prevQ2, 0.2 * (i1 - jQ) + 0.8 * prevI2) }
      return ((0.2 * jI + 0.8 * prevQ2) + 0.2 * q1, (0.2 * i1 + 0.8 * prevI2) - 0.2 * jQ)
    }
    if isEven {
      let det = even.det.apply(smoothed, idx, adjusted, scaled, exact: exact)
      let q1 = even.q1.apply(det, idx, adjusted, scaled, exact: exact)
      let jI = even.jI.apply(i1EvenPrev3, idx, adjusted, scaled, exact: exact)
      let jQ = even.jQ.apply(q1, idx, adjusted, scaled, exact: exact)
      idx += 1
      if idx == 3 { idx = 0 }
      let (q2, i2) = parts(q1, jI, i1EvenPrev3, jQ)
      i1OddPrev3 = i1OddPrev2
      i1OddPrev2 = det
      return (q1, i1EvenPrev3, q2, i2)
    } else {
      let det = odd.det.apply(smoothed, idx, adjusted, scaled, exact: exact)
      let q1 = odd.q1.apply(det, idx, adjusted, scaled, exact: exact)
      let jI = odd.jI.apply(i1OddPrev3, idx, adjusted, scaled, exact: exact)
      let jQ = odd.jQ.apply(q1, idx, adjusted, scaled, exact: exact)
      let (q2, i2) = parts(q1, jI, i1OddPrev3, jQ)
      i1EvenPrev3 = i1EvenPrev2
      i1EvenPrev2 = det
      return (q1, i1OddPrev3, q2, i2)
    }
  }

  /// Homodyne discriminator: Re = 0.2·(I2·I2₁ + Q2·Q2₁) + 0.8·Re, Im = 0.2·(I2·Q2₁ − Q2·I2₁)
  /// + 0.8·Im, and the period 2π / atan(Im/Re) (TA-Lib's 360 / (atan(Im/Re)·180/π), via
  /// ``arctangentFraction(_:over:)``), clamped to 0.67–1.5× the previous, to 6...50, then
  /// smoothed 0.2/0.8. The two clamps are one: below min(1.5·last, 50), then above
  /// min(max(0.67·last, 6), 50) — the same value as TA-Lib's four tests in turn (last ≥ 0;
  /// when the ranges do not meet, both give the bound of 6...50 nearest 0.67–1.5×). A NaN
  /// period stays NaN, as there.
  ///
  /// The bar's work is one serial chain (period → stages → I2/Q2 → Re/Im → atan → period);
  /// the atan's final division is folded into the period's, and without `exact` Re and Im
  /// add their newest term last (rounding differently from TA-Lib's order by a unit or so).
  @inline(__always)
  mutating func adjustPeriod(q2: Double, i2: Double, exact: Bool) {
    if exact {
      re = 0.2 * (i2 * prevI2 + q2 * prevQ2) + 0.8 * re
      im = 0.2 * (i2 * prevQ2 - q2 * prevI2) + 0.8 * im
    } else {
      re = i2 * (0.2 * prevI2) + (q2 * (0.2 * prevQ2) + 0.8 * re)
      im = i2 * (0.2 * prevQ2) + (0.8 * im - q2 * (0.2 * prevI2))
    }
    prevQ2 = q2
    prevI2 = i2
    let last = period
    let hi = Swift.min(1.5 * last, 50)
    let lo = Swift.min(Swift.max(0.67 * last, 6), 50)
    if im != 0.0 && re != 0.0 {
      let angle = arctangentFraction(im, over: re)
      period = (2 * Double.pi * angle.denominator) / angle.numerator
    }
    period = period > hi ? hi : period
    period = period < lo ? lo : period
    period = 0.2 * period + 0.8 * last
  }
}

extension Kernel {
  /// MAMA/FAMA (Ehlers' MESA adaptive MA): alpha = fastLimit / ΔPhase clamped to
  /// [slowLimit, fastLimit]; mama += α·(x − mama); fama += α/2·(mama − fama). Lookback 32.
  /// `phase` is the absolute index of x[0] (even/odd bars use separate Hilbert state).
  static func mama(
    _ x: Buf, _ outMAMA: Out, _ outFAMA: Out, fast: Double, slow: Double,
    phase: Int = 0
  ) {
    let n = x.count
    let lb = 32
    outMAMA.fillNaN(upTo: lb)
    outFAMA.fillNaN(upTo: lb)
    guard n > lb else { return }
    let rad2Deg = 180.0 / Double.pi
    var h = HilbertCycle()
    var today = h.prime(x, warm: 9)
    var mama = 0.0, fama = 0.0, prevPhase = 0.0
    while today < n {
      let value = x[today]
      let s = h.smooth(x, today)
      let t = h.transform(s, isEven: (today + phase) % 2 == 0, period: h.period, exact: true)
      let ph = t.i1 != 0.0 ? arctangent(t.q1, over: t.i1) * rad2Deg : 0.0
      var delta = prevPhase - ph
      prevPhase = ph
      if delta < 1.0 { delta = 1.0 }
      var alpha: Double
      if delta > 1.0 {
        alpha = fast / delta
        if alpha < slow { alpha = slow }
      } else {
        alpha = fast
      }
      mama = alpha * value + (1 - alpha) * mama
      alpha *= 0.5
      fama = alpha * mama + (1 - alpha) * fama
      if today >= lb {
        outMAMA[today] = mama
        outFAMA[today] = fama
      }
      h.adjustPeriod(q2: t.q2, i2: t.i2, exact: true)
      today += 1
    }
  }

  /// HT_TRENDLINE (Ehlers' instantaneous trendline): the mean of the raw price over the
  /// smoothed dominant cycle period, then (4·t + 3·t₁ + 2·t₂ + t₃) / 10. Lookback 63.
  static func htTrendline(_ x: Buf, _ out: Out) {
    let n = x.count
    let lb = 63
    out.fillNaN(upTo: lb)
    guard n > lb, let src = x.baseAddress else { return }
    var h = HilbertCycle()
    var today = h.prime(x, warm: 34)
    var smoothPeriod = 0.0
    var trend1 = 0.0, trend2 = 0.0, trend3 = 0.0
    while today < n {
      let s = h.smooth(x, today)
      let t = h.transform(s, isEven: today % 2 == 0, period: h.period, exact: false)
      h.adjustPeriod(q2: t.q2, i2: t.i2, exact: false)
      smoothPeriod = 0.33 * h.period + 0.67 * smoothPeriod
      // NaN input (under a broken gap-free promise) must not trap the conversion.
      let rounded = smoothPeriod + 0.5
      let dcPeriod = rounded.isFinite ? Int(Swift.min(Swift.max(rounded, 0), 1000)) : 0
      // The mean of the last dcPeriod values, summed in four independent chains (TA-Lib sums
      // one value at a time; the difference is rounding, ~1e-16 relative).
      let count = Swift.min(dcPeriod, today + 1)
      let w = src + (today + 1 - count)
      var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
      var j = 0
      while j + 4 <= count {
        s0 += w[j]
        s1 += w[j + 1]
        s2 += w[j + 2]
        s3 += w[j + 3]
        j += 4
      }
      while j < count {
        s0 += w[j]
        j += 1
      }
      var sum = (s0 + s1) + (s2 + s3)
      if dcPeriod > 0 { sum = sum / Double(dcPeriod) }
      let value = (4.0 * sum + 3.0 * trend1 + 2.0 * trend2 + trend3) / 10.0
      trend3 = trend2
      trend2 = trend1
      trend1 = sum
      if today >= lb { out[today] = value }
      today += 1
    }
  }
}
