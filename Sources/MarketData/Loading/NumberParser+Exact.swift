/// Correct rounding of `mantissa / 10^k` for any 64-bit mantissa (full-precision dumps have
/// 17 significant digits, beyond the 2^53 where one floating-point division is exact).
///
/// `m / 10^k = (m / 5^k) · 2^-k`, and the power of two goes into the exponent exactly.
/// The quotient by 5^k is first taken as the normalised mantissa times a 128-bit reciprocal
/// of 5^k rounded down (two 64-bit multiplications). The product is below the true value
/// by less than one unit of its second word, so unless that word is all ones (or all ones
/// below its top bit) the top 64 bits are exact and everything below them is nonzero, and
/// rounding to 53 bits (to nearest, ties to even) is decided by the bits alone. The rare
/// undecided case, and k = 0, take an exact 128-by-64-bit integer division instead. Either
/// way the result is the correctly rounded double, bit for bit what strtod gives.
extension NumberParser {
  /// 5^0 … 5^22.
  private static let fivePowers: [UInt64] = (0...22).map { k in (0..<k).reduce(UInt64(1)) { p, _ in p * 5 } }

  /// floor(2^(127 + bits(5^k)) / 5^k) for k = 0…22 as (high, low) words, each in
  /// [2^127, 2^128) for k ≥ 1 (k = 0 is unused), by long division.
  private static let reciprocals: [(high: UInt64, low: UInt64)] = fivePowers.map { divisor in
    guard divisor > 1 else { return (0, 0) }
    let bit = 127 + (64 - divisor.leadingZeroBitCount)  // 128…179: in the third word
    let top = UInt64(1) << UInt64(bit - 128)
    var remainder = top % divisor
    let (high, r1) = divisor.dividingFullWidth((high: remainder, low: 0))
    remainder = r1
    let (low, _) = divisor.dividingFullWidth((high: remainder, low: 0))
    return (high, low)
  }

  /// The double nearest `mantissa / 10^k` (ties to even); nil only for k outside 0…22.
  @inline(__always)
  static func exactQuotient(_ mantissa: UInt64, dividedByPowerOfTen k: Int) -> Double? {
    guard k >= 0, k <= 22 else { return nil }
    guard mantissa != 0 else { return 0 }
    guard k > 0 else { return Double(mantissa) }  // the conversion rounds correctly
    let leading = mantissa.leadingZeroBitCount
    let normalized = mantissa << UInt64(leading)
    let reciprocal = reciprocals[k]
    let upper = normalized.multipliedFullWidth(by: reciprocal.high)
    let lower = normalized.multipliedFullWidth(by: reciprocal.low)
    let (middle, carry) = upper.low.addingReportingOverflow(lower.high)
    let high = upper.high &+ (carry ? 1 : 0)
    // The true product is below (high, middle) + 1 in units of `middle`: decided unless
    // adding one there could change the top 64 bits after normalising.
    guard (middle &+ 1) & 0x7FFF_FFFF_FFFF_FFFF != 0 else { return dividedExactly(mantissa, k) }
    let top = high.leadingZeroBitCount  // 0 or 1
    let window = top == 0 ? high : high << 1 | middle >> 63
    var significand = window >> 11
    // Everything below the window is nonzero (see above), so a half rounds up.
    if window & 0x7FF >= 0x400 { significand += 1 }
    let bits = 64 - fivePowers[k].leadingZeroBitCount
    return assemble(significand, exponent: 12 - top - leading - bits - k)
  }

  /// significand · 2^exponent for a significand in [2^52, 2^53] (2^53 renormalised).
  @inline(__always)
  private static func assemble(_ significand: UInt64, exponent: Int) -> Double {
    var significand = significand
    var exponent = exponent
    if significand == 1 << 53 {
      significand >>= 1
      exponent += 1
    }
    // The double 1.f · 2^(exponent + 52). Values lie between 10^-22 and 2^64, far from
    // subnormals and overflow.
    let biased = UInt64(exponent + 52 + 1023)
    return Double(bitPattern: biased << 52 | (significand & ((1 << 52) - 1)))
  }

  /// `exactQuotient` by one 128-by-64-bit integer division: slower, never undecided.
  private static func dividedExactly(_ mantissa: UInt64, _ k: Int) -> Double {
    let divisor = fivePowers[k]
    let leading = mantissa.leadingZeroBitCount
    let normalized = mantissa << UInt64(leading)
    // Scaling the dividend by 2^(bits(divisor) - 1) puts the quotient in [2^62, 2^64), so
    // it fits in 64 bits (the division cannot overflow).
    let scale = 63 - divisor.leadingZeroBitCount
    let high = scale == 0 ? 0 : normalized >> UInt64(64 - scale)
    let low = normalized << UInt64(scale)
    let (quotient, remainder) = divisor.dividingFullWidth((high: high, low: low))
    let top = quotient.leadingZeroBitCount  // 0 or 1
    let aligned = quotient << UInt64(top)
    var significand = aligned >> 11
    let rest = aligned & 0x7FF
    if rest > 0x400 || (rest == 0x400 && (remainder != 0 || significand & 1 == 1)) { significand += 1 }
    return assemble(significand, exponent: 11 - top - leading - scale - k)
  }
}
