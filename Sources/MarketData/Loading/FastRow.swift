/// The row fast path: one pass over a plain line (unquoted fields, no padding, ASCII,
/// numbers like `123.4567`, one timestamp column) that finds the fields while parsing them,
/// with no separate line or field scan. A line it is not sure about is left to the general
/// path (`LineScanner` and `parseRow`), which gives the same values and the exact error, so
/// the fast path never decides what is an error.
/// Per field of a line in the fast path: `skip`, `time` or a number role (≥ 0).
enum FastField {
  static let skip = -1
  static let time = -2
}

extension TableParser {
  /// The field kinds when the fast path applies (one time column, no time zone to resolve);
  /// nil otherwise.
  func fastFields() -> [Int]? {
    guard options.fastPath, zone == nil, case let .single(timeColumn) = layout.time, layout.fieldCount >= 1 else { return nil }
    var kinds = [Int](repeating: FastField.skip, count: layout.fieldCount)
    kinds[timeColumn] = FastField.time
    for (role, entry) in layout.numbers.enumerated() {
      guard let column = entry.column else { continue }
      guard kinds[column] == FastField.skip else { return nil }
      kinds[column] = role
    }
    return kinds
  }

  /// Parses the line at `start` (in a run ending at `limit`) into `values` and `stamp` when
  /// it has the plain shape and passes the row rule; returns the offset of the next line, or
  /// nil when the general path must read the line. Roles without a column are not written
  /// (they hold NaN).
  @inline(__always)
  func fastRow(
    at start: Int, limit: Int, kinds: UnsafeBufferPointer<Int>, values: UnsafeMutableBufferPointer<Double>,
    stamp: inout Int64, dayCache: inout TimeParser.DayCache
  ) -> Int? {
    let separator = layout.separator
    let last = kinds.count - 1
    var position = start
    var field = 0
    while true {
      let kind = kinds[field]
      // The digit scan finds a number's end itself; it counts when a separator (or, for the
      // last field, a line end) follows.
      if kind >= 0,
        let (value, end) = NumberParser.leadingDecimal(bytes, at: position, decimalComma: layout.decimalComma),
        end < limit
      {
        let next = bytes[end]
        if field < last && next == separator {
          values[kind] = value
          position = end + 1
          field += 1
          continue
        }
        if field == last && (next == 0x0A || next == 0x0D) {
          values[kind] = value
          guard end - start <= options.maxLineLength else { return nil }
          if next == 0x0A { return rule.check(values) == nil ? end + 1 : nil }
          let after = end + 1
          guard after == limit || bytes[after] == 0x0A, rule.check(values) == nil else { return nil }
          return after == limit ? limit : after + 1
        }
      }
      let end = fieldEnd(from: position, limit: limit, separator: separator)
      var content = end
      if field == last && content > position && bytes[content - 1] == 0x0D { content -= 1 }
      if kind >= 0 {
        guard
          let value = NumberParser.parse(bytes, from: position, to: content, decimalComma: layout.decimalComma)
        else { return nil }
        values[kind] = value
      } else if kind == FastField.time {
        guard let parsed = TimeParser.parse(bytes, from: position, to: content, cache: &dayCache) else {
          return nil
        }
        stamp = parsed.nanoseconds
      } else {
        // A quoted field may hide separators; other bytes must be checked as UTF-8.
        guard position == content || bytes[position] != UInt8(ascii: "\""), isASCII(position, content)
        else { return nil }
      }
      if field == last {
        guard content - start <= options.maxLineLength, rule.check(values) == nil else { return nil }
        if end == limit { return limit }
        return bytes[end] == 0x0A ? end + 1 : nil
      }
      guard end < limit, bytes[end] == separator else { return nil }
      position = end + 1
      field += 1
    }
  }

  /// Offset of the first separator or `\n` at or after `start`, or `limit`; eight bytes per step.
  @inline(__always)
  func fieldEnd(from start: Int, limit: Int, separator: UInt8) -> Int {
    var index = start
    let separators = UInt64(separator) &* 0x0101_0101_0101_0101
    let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while index + 8 <= limit {
      // SAFETY: index + 8 <= limit <= bytes.count.
      let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      let a = word ^ separators
      let b = word ^ newlines
      // A zero byte in a or b marks a hit; the lowest flag is exact.
      let found = (((a &- ones) & ~a) | ((b &- ones) & ~b)) & highs
      if found != 0 { return index + found.trailingZeroBitCount >> 3 }
      index += 8
    }
    while index < limit && bytes[index] != separator && bytes[index] != 0x0A { index += 1 }
    return index
  }

  /// True when `start..<end` holds only ASCII bytes.
  @inline(__always)
  private func isASCII(_ start: Int, _ end: Int) -> Bool {
    var bits: UInt8 = 0
    for i in start..<end { bits |= bytes[i] }
    return bits < 0x80
  }
}
