/// Which line of Wilder's directional movement system to output.
enum DirectionalLine {
  case plusDM, minusDM, plusDI, minusDI, dx, adx
}

/// Directional movement of bar `i`: +DM = h − h₋₁ when it is positive and exceeds l₋₁ − l;
/// −DM = l₋₁ − l when positive and exceeding h − h₋₁; otherwise 0.
@inline(__always)
func directionalMove(_ high: Buf, _ low: Buf, _ i: Int) -> (plus: Double, minus: Double) {
  let diffP = high[i] - high[i - 1]
  let diffM = low[i - 1] - low[i]
  // Both moves in two lanes, kept where they are positive and beat the other: a lane mask
  // and a blend, no branch (the direction changes unpredictably from bar to bar, and
  // scalar selects were compiled to mispredicted jumps).
  let d = SIMD2(diffP, diffM)
  let other = SIMD2(diffM, diffP)
  let zero = SIMD2<Double>()
  let kept = zero.replacing(with: d, where: (d .> other) .& (d .> zero))
  return (kept[0], kept[1])
}

extension Kernel {
  /// Wilder's directional system (TA-Lib's PLUS_DM, MINUS_DM, PLUS_DI, MINUS_DI, DX, ADX).
  ///
  /// DM and TR are summed over the first p−1 moves, then smoothed s = s − s/p + v (evaluated
  /// as s·(1 − 1/p) + v).
  /// ±DM output from bar p−1 (lookback p−1); ±DI = 100·DM/TR from bar p (lookback p);
  /// DX = 100·|+DI − −DI| / (+DI + −DI) from bar p; ADX is the mean of the first p DX values,
  /// then adx = (adx·(p−1) + dx) / p (lookback 2p−1). DX is computed from the smoothed DM
  /// directly (TR cancels): 100·|+DM − −DM| / (+DM + −DM). Zero TR or DI sums give 0 (DI, DX) or
  /// keep the previous ADX. Period 1 gives the raw one-bar values (lookback 1).
  ///
  /// Returns whether no input was NaN (a running sum of the inputs, beside the smoothing; the
  /// selections of the moves would drop a NaN); period 1 returns `false` (unknown).
  @discardableResult
  static func directional(
    _ high: Buf, _ low: Buf, _ close: Buf, _ out: Out, _ p: Int,
    _ line: DirectionalLine
  ) -> Bool {
    let n = high.count
    if p <= 1 {
      rawDirectional(high, low, close, out, line)
      return false
    }
    let lb: Int
    switch line {
    case .plusDM, .minusDM: lb = p - 1
    case .plusDI, .minusDI, .dx: lb = p
    case .adx: lb = 2 * p - 1
    }
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    let dp = Double(p)
    let keep = 1.0 - 1.0 / dp
    var plusDM = 0.0, minusDM = 0.0, tr = 0.0
    var seen = (high[0] - low[0]) + close[0]
    for i in 1..<p {
      let m = directionalMove(high, low, i)
      plusDM += m.plus
      minusDM += m.minus
      tr += trueRange(high, low, close, i)
      seen += (high[i] - low[i]) + close[i]
    }
    // One loop per line, so each is specialised with no per-bar dispatch.
    @inline(__always) func dmOnly(_ plus: Bool) {
      var dm = plus ? plusDM : minusDM
      out[p - 1] = dm
      for i in p..<n {
        let m = directionalMove(high, low, i)
        dm = dm * keep + (plus ? m.plus : m.minus)
        seen += (high[i] - low[i]) + close[i]
        out[i] = dm
      }
    }
    @inline(__always) func smoothed(_ emit: (Int, Double, Double, Double) -> Void) {
      for i in p..<n {
        let m = directionalMove(high, low, i)
        minusDM = minusDM * keep + m.minus
        plusDM = plusDM * keep + m.plus
        tr = tr * keep + trueRange(high, low, close, i)
        seen += (high[i] - low[i]) + close[i]
        emit(i, plusDM, minusDM, tr)
      }
    }
    switch line {
    case .plusDM: dmOnly(true)
    case .minusDM: dmOnly(false)
    case .plusDI:
      smoothed { i, plus, _, tr in out[i] = isZero(tr) ? 0.0 : 100.0 * (plus / tr) }
    case .minusDI:
      smoothed { i, _, minus, tr in out[i] = isZero(tr) ? 0.0 : 100.0 * (minus / tr) }
    case .dx:
      smoothed { i, plus, minus, tr in out[i] = dx(plus, minus, tr) ?? (i > p ? out[i - 1] : 0.0) }
    case .adx:
      var adx = 0.0
      var sumDX = 0.0
      let a = Double(p - 1) / dp
      let b = 1.0 / dp
      smoothed { i, plus, minus, tr in
        if i < 2 * p {
          if let v = dx(plus, minus, tr) { sumDX += v }
          if i == 2 * p - 1 {
            adx = sumDX / dp
            out[i] = adx
          }
        } else {
          if let v = dx(plus, minus, tr) { adx = adx * a + v * b }
          out[i] = adx
        }
      }
    }
    return !seen.isNaN
  }

  /// DX from smoothed DM and TR, nil when TR or the DI sum (100·(+DM + −DM)/TR) is ≈ 0.
  @inline(__always)
  static func dx(_ plusDM: Double, _ minusDM: Double, _ tr: Double) -> Double? {
    if isZero(tr) { return nil }
    let s = minusDM + plusDM
    if abs(100.0 * s) < 0.00000001 * abs(tr) { return nil }
    return 100.0 * (abs(minusDM - plusDM) / s)
  }

  /// Period-1 forms: the raw one-bar ±DM, and ±DI = DM / TR (0 when TR ≈ 0).
  private static func rawDirectional(
    _ high: Buf, _ low: Buf, _ close: Buf, _ out: Out,
    _ line: DirectionalLine
  ) {
    let n = high.count
    out.fillNaN(upTo: 1)
    guard n > 1 else { return }
    for i in 1..<n {
      let m = directionalMove(high, low, i)
      switch line {
      case .plusDM: out[i] = m.plus
      case .minusDM: out[i] = m.minus
      case .plusDI, .minusDI:
        let v = line == .plusDI ? m.plus : m.minus
        let tr = trueRange(high, low, close, i)
        out[i] = (v > 0 && !isZero(tr)) ? v / tr : 0.0
      case .dx, .adx:
        out[i] = .nan
      }
    }
  }

  /// ADXR = (ADX + ADX p−1 bars earlier) / 2; lookback 3p − 2.
  /// Returns whether no input was NaN (see ``directional(_:_:_:_:_:_:)``).
  @discardableResult
  static func adxr(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = high.count
    let lb = 3 * p - 2
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    return withScratch(n) { adx in
      let clean = directional(high, low, close, adx, p, .adx)
      for i in lb..<n { out[i] = (adx[i] + adx[i - (p - 1)]) / 2.0 }
      return clean
    }
  }
}
