/// The number at the start of a field, read without first finding the field's end: the
/// digit scan itself finds it. Used by the row fast path (`TableParser.fastRow`).
extension NumberParser {
  /// Reads `[-]d{1,16}[.d{1,15}]` (at most 19 digits in all; `,` as the point with
  /// `decimalComma`) starting at `start`, and returns the value and the offset of the first
  /// byte after it, which the caller must check is a separator or a line end. The value is
  /// the correctly rounded double, bit for bit what `parse` (and strtod) give for the same
  /// text. Nil for any other shape (exponents, longer digit runs, `100.`, signs other than a
  /// leading `-`, text) and when fewer than 34 bytes follow `start` in the buffer; the
  /// caller then reads the field with `parse`.
  @inline(__always)
  static func leadingDecimal(
    _ b: UnsafeRawBufferPointer, at start: Int, decimalComma: Bool
  ) -> (value: Double, end: Int)? {
    // '-', two words of integer digits, the point and two words of fraction digits.
    guard start + 34 <= b.count else { return nil }
    var first = start
    let negative = b[first] == UInt8(ascii: "-")
    if negative { first += 1 }
    // SAFETY: first + 33 <= b.count (checked above), so every load below stays inside.
    let word = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: first, as: UInt64.self))
    var integerLength = leadingDigits(word)
    var integer: UInt64
    if integerLength < 8 {
      guard integerLength >= 1 else { return nil }
      integer = digitsValue(word, integerLength)
    } else {
      let second = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: first + 8, as: UInt64.self))
      let secondLength = leadingDigits(second)
      guard secondLength < 8 else { return nil }
      integer = digitsValue(word, 8)
      if secondLength > 0 { integer = integer &* integerPowers[secondLength] &+ digitsValue(second, secondLength) }
      integerLength = 8 + secondLength
    }
    let point = first + integerLength
    let next = b[point]
    guard next == UInt8(ascii: ".") || (decimalComma && next == UInt8(ascii: ",")) else {
      // At most 16 digits: below 2^53 only up to 9007199254740992, so convert exactly.
      guard integer <= 1 << 53 else { return nil }
      let value = Double(integer)
      return (negative ? -value : value, point)
    }
    let high = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: point + 1, as: UInt64.self))
    let highLength = leadingDigits(high)
    var mantissa: UInt64
    let fractionLength: Int
    if highLength < 8 {
      guard highLength >= 1, integerLength + highLength <= 19 else { return nil }
      fractionLength = highLength
      mantissa = integer &* integerPowers[highLength] &+ digitsValue(high, highLength)
    } else {
      let low = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: point + 9, as: UInt64.self))
      let lowLength = leadingDigits(low)
      guard lowLength < 8, integerLength + 8 + lowLength <= 19 else { return nil }
      fractionLength = 8 + lowLength
      mantissa = integer &* 100_000_000 &+ digitsValue(high, 8)
      if lowLength > 0 { mantissa = mantissa &* integerPowers[lowLength] &+ digitsValue(low, lowLength) }
    }
    guard let value = decimal(mantissa, fractionDigits: fractionLength) else { return nil }
    return (negative ? -value : value, point + 1 + fractionLength)
  }

  /// How many of the eight bytes of `word` (first byte lowest) are ASCII digits before the
  /// first non-digit: 0…8. A borrow or carry only disturbs bytes above the first non-digit,
  /// so the lowest flag is exact.
  @inline(__always)
  static func leadingDigits(_ word: UInt64) -> Int {
    let shifted = word &- 0x3030_3030_3030_3030
    let nonDigits = ((shifted &+ 0x7676_7676_7676_7676) | shifted) & 0x8080_8080_8080_8080
    return nonDigits.trailingZeroBitCount >> 3
  }

  /// The value of the first `length` (1…8) bytes of `word`, all ASCII digits.
  @inline(__always)
  static func digitsValue(_ word: UInt64, _ length: Int) -> UInt64 {
    let shift = UInt64(8 * (8 - length))
    var value = (((word << shift) & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
    value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
    return ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
  }
}
