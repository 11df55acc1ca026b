/// Decimal numbers straight from bytes, correctly rounded.
///
/// The fast path (at most 19 significant digits, a value exactly representable below 2^53
/// and a power of ten within 10^±22) multiplies or divides two exact doubles, which IEEE 754
/// rounds correctly (Clinger's fast path). Anything else falls back to the standard library's
/// correctly rounded conversion. No allocation on the fast path.
enum NumberParser {
  @usableFromInline static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// Parses `[+-]digits[.digits][(e|E)[+-]digits]`, also `nan`, `inf`, `infinity` in any
  /// case. `decimalComma` also accepts `,` as the decimal point. Nil when the bytes are not a
  /// number (including empty text).
  static func parse(
    _ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, decimalComma: Bool = false
  ) -> Double? {
    var index = start
    guard index < end else { return nil }
    var negative = false
    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0
    var digitCount = 0
    var truncated = false
    while index < end {
      let d = bytes[index] &- 48
      if d > 9 { break }
      if significant < 19 {
        mantissa = mantissa &* 10 &+ UInt64(d)
        if mantissa != 0 { significant += 1 }
      } else {
        exponent += 1
        if d != 0 { truncated = true }
      }
      digitCount += 1
      index += 1
    }
    if index < end
      && (bytes[index] == UInt8(ascii: ".") || (decimalComma && bytes[index] == UInt8(ascii: ",")))
    {
      index += 1
      while index < end {
        let d = bytes[index] &- 48
        if d > 9 { break }
        if significant < 19 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          if mantissa != 0 { significant += 1 }
          exponent -= 1
        } else if d != 0 {
          truncated = true
        }
        digitCount += 1
        index += 1
      }
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
      var count = 0
      while index < end {
        let d = bytes[index] &- 48
        if d > 9 { break }
        if value < 100_000 { value = value * 10 + Int(d) }
        count += 1
        index += 1
      }
      if count == 0 { return nil }
      exponent += exponentNegative ? -value : value
    }
    guard index == end else { return nil }
    if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
      var value = Double(mantissa)
      value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
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
