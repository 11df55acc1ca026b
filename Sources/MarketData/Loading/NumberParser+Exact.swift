/// Correct rounding of `mantissa / 10^k` for mantissas of up to 19 digits, as full-precision
/// dumps (`repr` floats, 17 significant digits) have, without the slow path.
///
/// The quotient computed in floating point is within about one ulp of the true value. It is
/// the correctly rounded result exactly when the true value lies strictly between the two
/// midpoints next to it; both comparisons are done in exact 128-bit integer arithmetic
/// (`m · 2^a` against `(2X ± 1) · 5^k · 2^b`). Anything undecided (a tie, a value off by a
/// whole ulp, a power-of-two significand, shifts beyond 128 bits) returns nil, and the
/// caller takes the slow path.
extension NumberParser {
  /// 5^0 … 5^22.
  private static let fivePowers: [UInt64] = (0...22).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 5 } }

  static func exactQuotient(_ mantissa: UInt64, dividedByPowerOfTen k: Int) -> Double? {
    guard k >= 0, k <= 22, mantissa != 0 else { return k >= 0 && k <= 22 ? 0 : nil }
    let estimate = Double(mantissa) / powerOfTen(k)
    let five = fivePowers[k]  // 5^k < 2^52 for k <= 22
    // The estimate is within about one ulp: try it, then its neighbours.
    for attempt in 0..<3 {
      let x = attempt == 0 ? estimate : attempt == 1 ? estimate.nextUp : estimate.nextDown
      guard x.isNormal else { return nil }
      let significand = x.significandBitPattern | (1 << 52)
      guard significand != 1 << 52 else { return nil }
      // x = significand · 2^q; midpoints (2X ± 1) · 2^(q-1); compare mantissa / 10^k with
      // each as mantissa · 2^(1-q-k) against (2X ± 1) · 5^k.
      let q = Int(x.exponent) - 52
      guard let above = compare(mantissa, shift: 1 - q - k, with: 2 * significand + 1, times: five),
        let below = compare(mantissa, shift: 1 - q - k, with: 2 * significand - 1, times: five)
      else { return nil }
      if above < 0 && below > 0 { return x }
    }
    return nil
  }

  /// Sign of `m · 2^shift − a · b` (a negative shift moves the factor to the right side);
  /// nil when a value would not fit in 128 bits.
  private static func compare(_ m: UInt64, shift: Int, with a: UInt64, times b: UInt64) -> Int? {
    let product = a.multipliedFullWidth(by: b)
    var right = (high: product.high, low: product.low)
    var left = (high: UInt64(0), low: m)
    if shift > 0 {
      guard shift < 64 else { return nil }
      left = (m >> (64 - shift), m << shift)
    } else if shift < 0 {
      let s = -shift
      guard s < 64, right.high.leadingZeroBitCount >= s else { return nil }
      right = ((right.high << s) | (right.low >> (64 - s)), right.low << s)
    }
    if left.high != right.high { return left.high < right.high ? -1 : 1 }
    if left.low != right.low { return left.low < right.low ? -1 : 1 }
    return 0
  }
}
