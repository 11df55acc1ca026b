/// Parameters of the parabolic SAR (SAREXT's full set; SAR uses the same value for the
/// initial and step acceleration of both sides).
struct SARSettings {
  var startValue = 0.0
  var offsetOnReverse = 0.0
  var initLong = 0.02, stepLong = 0.02, maxLong = 0.2
  var initShort = 0.02, stepShort = 0.02, maxShort = 0.2
  /// SAREXT reports short positions as negative values.
  var signedShort = false
}

extension Kernel {
  /// Parabolic SAR (Wilder) as TA-Lib computes it. The first direction is short when bar 1
  /// has a positive −DM (or from the sign of `startValue` when it is not 0); the first SAR is
  /// the previous bar's low (long) or high (short). Each bar: output the SAR, move the extreme
  /// point and raise the acceleration by its step up to the maximum, SAR += af·(ep − SAR),
  /// clamped inside the last two bars' range; a penetration reverses to the extreme point
  /// (plus `offsetOnReverse`). Lookback 1.
  /// Returns whether no input was NaN (a running sum of the inputs: comparisons drop NaN).
  @discardableResult
  static func sar(_ high: Buf, _ low: Buf, _ out: Out, _ s0: SARSettings) -> Bool {
    var s = s0
    let n = high.count
    out.fillNaN(upTo: 1)
    guard n > 1 else { return false }
    var seen = high[0] - low[0]
    if s.initLong > s.maxLong { s.initLong = s.maxLong }
    if s.stepLong > s.maxLong { s.stepLong = s.maxLong }
    if s.initShort > s.maxShort { s.initShort = s.maxShort }
    if s.stepShort > s.maxShort { s.stepShort = s.maxShort }
    var isLong: Bool
    var ep: Double, sar: Double
    if s.startValue == 0 {
      isLong = !(directionalMove(high, low, 1).minus > 0)
      ep = isLong ? high[1] : low[1]
      sar = isLong ? low[0] : high[0]
    } else if s.startValue > 0 {
      isLong = true
      ep = high[1]
      sar = s.startValue
    } else {
      isLong = false
      ep = low[1]
      sar = abs(s.startValue)
    }
    var afLong = s.initLong, afShort = s.initShort
    var newLow = low[1], newHigh = high[1]
    let shortSign = s.signedShort ? -1.0 : 1.0
    // The hot path (no reversal) keeps its data-dependent choices as selects: a new extreme
    // point is a max/min, the raised acceleration a select, and the clamp to the last two
    // bars one min/max against their precomputed bound (min(min(s, a), b) = min(s, min(a, b))
    // exactly), so only reversals branch. The step is sar·(1 − af) + af·ep: af and ep do not
    // depend on the SAR, so the chain from one bar's SAR to the next is one multiply, one add
    // and one clamp (TA-Lib's sar + af·(ep − sar) puts a subtraction on it too); the two
    // differ by rounding, and each step shrinks earlier differences by (1 − af).
    for today in 1..<n {
      let prevLow = newLow, prevHigh = newHigh
      newLow = low[today]
      newHigh = high[today]
      seen += newHigh - newLow
      if isLong {
        if newLow <= sar {
          isLong = false
          sar = ep
          if sar < prevHigh { sar = prevHigh }
          if sar < newHigh { sar = newHigh }
          if s.offsetOnReverse != 0.0 { sar += sar * s.offsetOnReverse }
          out[today] = shortSign * sar
          afShort = s.initShort
          ep = newLow
          sar = sar + afShort * (ep - sar)
          if sar < prevHigh { sar = prevHigh }
          if sar < newHigh { sar = newHigh }
        } else {
          out[today] = sar
          let raised = afLong + s.stepLong
          let capped = raised > s.maxLong ? s.maxLong : raised
          afLong = newHigh > ep ? capped : afLong
          ep = newHigh > ep ? newHigh : ep
          let floor = prevLow < newLow ? prevLow : newLow
          sar = sar * (1.0 - afLong) + afLong * ep
          sar = sar > floor ? floor : sar
        }
      } else if newHigh >= sar {
        isLong = true
        sar = ep
        if sar > prevLow { sar = prevLow }
        if sar > newLow { sar = newLow }
        if s.offsetOnReverse != 0.0 { sar -= sar * s.offsetOnReverse }
        out[today] = sar
        afLong = s.initLong
        ep = newHigh
        sar = sar + afLong * (ep - sar)
        if sar > prevLow { sar = prevLow }
        if sar > newLow { sar = newLow }
      } else {
        out[today] = shortSign * sar
        let raised = afShort + s.stepShort
        let capped = raised > s.maxShort ? s.maxShort : raised
        afShort = newLow < ep ? capped : afShort
        ep = newLow < ep ? newLow : ep
        let ceiling = prevHigh > newHigh ? prevHigh : newHigh
        sar = sar * (1.0 - afShort) + afShort * ep
        sar = sar < ceiling ? ceiling : sar
      }
    }
    return !seen.isNaN
  }
}
