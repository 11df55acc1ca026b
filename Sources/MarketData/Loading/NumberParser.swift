/// Decimal numbers straight from bytes, correctly rounded.
///
/// The fast path (at most 19 significant digits, a value exactly representable below 2^53
/// and a power of ten within 10^±22) multiplies or divides two exact doubles, which IEEE 754
/// rounds correctly (Clinger's fast path). Anything else falls back to the standard library's
/// correctly rounded conversion. No allocation on the fast path.
/// 10^0 … 10^22, all exact in Float64 (a table: a switch on a varying exponent mispredicts).
let decimalPowers: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
  1e19, 1e20, 1e21, 1e22,
]

/// 10^0 … 10^8 as integers.
let integerPowers: [UInt64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

enum NumberParser {
  /// 10^exponent for 0...22, all exact in Float64.
  @inline(__always)
  static func powerOfTen(_ exponent: Int) -> Double {
    switch exponent {
    case 0: return 1e0
    case 1: return 1e1
    case 2: return 1e2
    case 3: return 1e3
    case 4: return 1e4
    case 5: return 1e5
    case 6: return 1e6
    case 7: return 1e7
    case 8: return 1e8
    case 9: return 1e9
    case 10: return 1e10
    case 11: return 1e11
    case 12: return 1e12
    case 13: return 1e13
    case 14: return 1e14
    case 15: return 1e15
    case 16: return 1e16
    case 17: return 1e17
    case 18: return 1e18
    case 19: return 1e19
    case 20: return 1e20
    case 21: return 1e21
    default: return 1e22
    }
  }

  /// Parses `[+-]digits[.digits][(e|E)[+-]digits]`, also `nan`, `inf`, `infinity` in any
  /// case. `decimalComma` also accepts `,` as the decimal point. Nil when the bytes are not a
  /// number (including empty text).
  static func parse(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, decimalComma: Bool = false
  ) -> Double? {
    if let value = plainDecimal(bytes, from: start, to: end, decimalComma: decimalComma) { return value }
    return general(bytes, from: start, to: end, decimalComma: decimalComma)
  }

  /// The common shapes `[-]d{1,8}[.d{1,16}]` with at most 19 digits in all, eight digits at
  /// a time (SWAR); nil for anything else, which the general path then reads. Mantissas up
  /// to 2^53 take one correctly rounded division; longer ones (full-precision dumps) the
  /// exact quotient check, and the general path when that cannot decide.
  @inline(__always)
  static func plainDecimal(
    _ b: UnsafeRawBufferPointer, from start: Int, to end: Int, decimalComma: Bool
  ) -> Double? {
    var first = start
    let negative = first < end && b[first] == UInt8(ascii: "-")
    if negative { first += 1 }
    guard end - first >= 1, end - first <= 20, first + 8 <= b.count else { return nil }
    // The integer part ends at the first non-digit of the next eight bytes (SWAR; a borrow
    // only disturbs bytes above the first non-digit, so the lowest flag is exact).
    // SAFETY: first + 8 <= b.count was checked above.
    let word = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: first, as: UInt64.self))
    let shifted = word &- 0x3030_3030_3030_3030
    let nonDigits = ((shifted &+ 0x7676_7676_7676_7676) | shifted) & 0x8080_8080_8080_8080
    let integerLength = Swift.min(nonDigits.trailingZeroBitCount / 8, end - first)
    let dot = first + integerLength
    guard integerLength >= 1, let integer = eightDigits(b, first, integerLength) else { return nil }
    if dot == end { return negative ? -Double(integer) : Double(integer) }
    guard b[dot] == UInt8(ascii: ".") || (decimalComma && b[dot] == UInt8(ascii: ",")) else { return nil }
    let fractionLength = end - dot - 1
    guard fractionLength >= 1, fractionLength <= 16, integerLength + fractionLength <= 19, dot + 9 <= b.count
    else { return nil }
    var mantissa: UInt64
    if fractionLength <= 8 {
      guard let fraction = eightDigits(b, dot + 1, fractionLength) else { return nil }
      mantissa = integer &* integerPowers[fractionLength] &+ fraction
    } else {
      guard dot + 17 <= b.count, let high = eightDigits(b, dot + 1, 8),
        let low = eightDigits(b, dot + 9, fractionLength - 8)
      else { return nil }
      mantissa = (integer &* integerPowers[8] &+ high) &* integerPowers[fractionLength - 8] &+ low
    }
    guard let value = decimal(mantissa, fractionDigits: fractionLength) else { return nil }
    return negative ? -value : value
  }

  /// `mantissa` / 10^`fractionDigits`, correctly rounded: one division while the digits are at
  /// most 2^53 (the integer and the power of ten are then exact), else `exactQuotient` (nil when
  /// that cannot decide).
  @inline(__always)
  static func decimal(_ mantissa: UInt64, fractionDigits: Int) -> Double? {
    if mantissa <= 1 << 53 { return Double(mantissa) / decimalPowers[fractionDigits] }
    return exactQuotient(mantissa, dividedByPowerOfTen: fractionDigits)
  }

  /// The value of `length` (1…8) ASCII digits at `start`, or nil when one is not a digit.
  /// Reads eight bytes from `start` (the caller checks they exist).
  @inline(__always)
  static func eightDigits(_ b: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> UInt64? {
    let shift = UInt64(8 * (8 - length))
    // SAFETY: callers check start + 8 <= b.count before calling.
    let word = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: start, as: UInt64.self)) << shift
    let digits = word &- (0x3030_3030_3030_3030 << shift)
    guard (digits &+ 0x7676_7676_7676_7676 | digits) & 0x8080_8080_8080_8080 == 0 else { return nil }
    // Swift's >> binds tighter than *, hence the parentheses.
    var value = ((digits & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
    value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
    return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
  }

  static func general(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, decimalComma: Bool
  ) -> Double? {
    var index = start
    guard index < end else { return nil }
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    // Digits go into one integer; more than 19 of them take the slow path.
    var mantissa: UInt64 = 0
    let integerStart = index
    while index < end {
      let d = bytes[index] &- 48
      if d > 9 { break }
      mantissa = mantissa &* 10 &+ UInt64(d)
      index += 1
    }
    var digitCount = index - integerStart
    var exponent = 0
    if index < end
      && (bytes[index] == UInt8(ascii: ".") || (decimalComma && bytes[index] == UInt8(ascii: ",")))
    {
      index += 1
      let fractionStart = index
      while index < end {
        let d = bytes[index] &- 48
        if d > 9 { break }
        mantissa = mantissa &* 10 &+ UInt64(d)
        index += 1
      }
      exponent = fractionStart - index
      digitCount += index - fractionStart
    }
    if digitCount == 0 {
      return special(bytes, from: start, to: end)
    }
    if index < end && (bytes[index] | 0x20) == UInt8(ascii: "e") {
      index += 1
      var exponentNegative = false
      if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      var value = 0
      let exponentStart = index
      while index < end {
        let d = bytes[index] &- 48
        if d > 9 { break }
        if value < 100_000 { value = value * 10 + Int(d) }
        index += 1
      }
      if index == exponentStart { return nil }
      exponent += exponentNegative ? -value : value
    }
    guard index == end else { return nil }
    if digitCount <= 19 && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      var value = Double(mantissa)
      value = exponent < 0 ? value / powerOfTen(-exponent) : value * powerOfTen(exponent)
      return negative ? -value : value
    }
    if digitCount <= 19 && exponent <= 0, let value = exactQuotient(mantissa, dividedByPowerOfTen: -exponent)
    {
      return negative ? -value : value
    }
    return slow(bytes, from: start, to: end, decimalComma: decimalComma)
  }

  private static func slow(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, decimalComma: Bool
  ) -> Double? {
    var text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    if decimalComma { text = String(text.map { $0 == "," ? "." : $0 }) }
    return Double(text)
  }

  private static func special(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Double? {
    var index = start
    var negative = false
    if index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    let length = end - index
    guard length == 3 || length == 8 else { return nil }
    var word = ""
    for i in index..<end { word.unicodeScalars.append(Unicode.Scalar(bytes[i] | 0x20)) }
    switch word {
    case "nan": return .nan
    case "inf", "infinity": return negative ? -.infinity : .infinity
    default: return nil
    }
  }

  /// Parses an unsigned or signed integer of at most 18 digits; nil otherwise.
  static func integer(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int64? {
    var index = start
    var negative = false
    if index < end && bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    guard index < end, end - index <= 18 else { return nil }
    var value: Int64 = 0
    while index < end {
      let d = bytes[index] &- 48
      if d > 9 { return nil }
      value = value * 10 + Int64(d)
      index += 1
    }
    return negative ? -value : value
  }
}
