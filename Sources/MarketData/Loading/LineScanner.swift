#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Walks the lines of a delimited text buffer and splits them into fields, without copying.
///
/// Lines end at `\n`; a `\r` before it is dropped. Fields are separated by one byte; a field
/// that starts with `"` runs to the matching `"` (a doubled `""` inside stays in the field and
/// makes numbers and times fail to parse); spaces around fields are trimmed.
struct LineScanner {
  let bytes: UnsafeRawBufferPointer
  /// Offset of the next line to read.
  var position: Int
  /// 1-based number of the line `next()` returned last.
  var lineNumber = 0
  /// Offset where scanning stops (a chunk's end; the buffer's end by default).
  var limit: Int

  init(_ bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
    limit = bytes.count
    // Skip a UTF-8 byte order mark.
    position = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
  }

  /// The next line as a byte range (without its line ending), or nil at the end.
  mutating func next() -> Range<Int>? {
    guard position < limit, let base = bytes.baseAddress else { return nil }
    let start = position
    let remaining = limit - start
    var end: Int
    if let found = memchr(base + start, 0x0A, remaining) {
      end = base.distance(to: UnsafeRawPointer(found))
      position = end + 1
    } else {
      end = limit
      position = limit
    }
    lineNumber += 1
    if end > start && bytes[end - 1] == 0x0D { end -= 1 }
    return start..<end
  }

  /// True when the range holds only spaces and tabs.
  func isBlank(_ line: Range<Int>) -> Bool {
    for i in line where bytes[i] != 0x20 && bytes[i] != 0x09 { return false }
    return true
  }

  /// Splits `line` into at most `capacity` fields, writing start and end offsets; returns the
  /// number of fields the line really has (which may exceed `capacity`), or -1 when a quote
  /// is not closed.
  @inline(__always)
  func split(
    _ line: Range<Int>, separator: UInt8, starts: UnsafeMutableBufferPointer<Int>,
    ends: UnsafeMutableBufferPointer<Int>
  ) -> Int {
    if line.count <= 64, line.lowerBound + 64 <= bytes.count,
      let count = splitShort(line, separator: separator, starts: starts, ends: ends)
    {
      return count
    }
    return splitGeneral(line, separator: separator, starts: starts, ends: ends)
  }

  /// The quote-aware field loop for any line.
  func splitGeneral(
    _ line: Range<Int>, separator: UInt8, starts: UnsafeMutableBufferPointer<Int>,
    ends: UnsafeMutableBufferPointer<Int>
  ) -> Int {
    let capacity = min(starts.count, ends.count)
    var count = 0
    var index = line.lowerBound
    let end = line.upperBound
    while true {
      while index < end && bytes[index] == 0x20 { index += 1 }
      var fieldStart = index
      var fieldEnd: Int
      if index < end && bytes[index] == UInt8(ascii: "\"") {
        fieldStart = index + 1
        index += 1
        while true {
          while index < end && bytes[index] != UInt8(ascii: "\"") { index += 1 }
          guard index < end else { return -1 }
          if index + 1 < end && bytes[index + 1] == UInt8(ascii: "\"") {
            index += 2
            continue
          }
          break
        }
        fieldEnd = index
        index += 1
        while index < end && bytes[index] != separator { index += 1 }
      } else {
        index = nextSeparator(separator, from: index, end: end)
        fieldEnd = index
        while fieldEnd > fieldStart && bytes[fieldEnd - 1] == 0x20 { fieldEnd -= 1 }
      }
      if count < capacity {
        starts[count] = fieldStart
        ends[count] = fieldEnd
      }
      count += 1
      if index >= end { return count }
      index += 1
    }
  }

  /// Lines of at most 64 bytes without quotes: one 64-bit mask of separator positions,
  /// built eight bytes at a time, then walked with trailing-zero counts, so the number of
  /// branches does not depend on the field widths. Nil when the line has a quote.
  @inline(__always)
  func splitShort(
    _ line: Range<Int>, separator: UInt8, starts: UnsafeMutableBufferPointer<Int>,
    ends: UnsafeMutableBufferPointer<Int>
  ) -> Int? {
    let capacity = min(starts.count, ends.count)
    let base = line.lowerBound
    let length = line.count
    var separators: UInt64 = 0
    var quotes: UInt64 = 0
    var offset = 0
    while offset < length {
      // SAFETY: base + 64 <= bytes.count was checked, and offset < 64.
      let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + offset, as: UInt64.self))
      separators |= LineScanner.byteMask(word, equalTo: separator) << UInt64(offset)
      quotes |= LineScanner.byteMask(word, equalTo: UInt8(ascii: "\"")) << UInt64(offset)
      offset += 8
    }
    let valid: UInt64 = length == 64 ? ~0 : (1 << UInt64(length)) &- 1
    guard quotes & valid == 0 else { return nil }
    var mask = separators & valid
    var count = 0
    var fieldStart = base
    let end = line.upperBound
    while true {
      let fieldEnd = mask == 0 ? end : base + mask.trailingZeroBitCount
      if count < capacity {
        var first = fieldStart
        var last = fieldEnd
        while first < last && bytes[first] == 0x20 { first += 1 }
        while last > first && bytes[last - 1] == 0x20 { last -= 1 }
        starts[count] = first
        ends[count] = last
      }
      count += 1
      if mask == 0 { return count }
      fieldStart = fieldEnd + 1
      mask &= mask &- 1
    }
  }

  /// One bit per byte of `word` equal to `byte` (bit i for byte i), exactly: no borrow
  /// crosses bytes.
  @inline(__always)
  static func byteMask(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
    let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
    let low = 0x7F7F_7F7F_7F7F_7F7F as UInt64
    let zeros = ~(((x & low) &+ low) | x | low)  // 0x80 in each zero byte
    return ((zeros >> 7) &* 0x0102_0408_1020_4080) >> 56
  }

  /// Offset of the first `separator` in `start..<end`, or `end`; eight bytes per step.
  @inline(__always)
  func nextSeparator(_ separator: UInt8, from start: Int, end: Int) -> Int {
    var index = start
    let pattern = UInt64(separator) &* 0x0101_0101_0101_0101
    while index + 8 <= end {
      // SAFETY: index + 8 <= end <= bytes.count.
      let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ pattern
      let found = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
      if found != 0 { return index + found.trailingZeroBitCount / 8 }
      index += 8
    }
    while index < end && bytes[index] != separator { index += 1 }
    return index
  }

  /// The field's text, for headers and error messages.
  func text(_ start: Int, _ end: Int) -> String {
    DataError.printable(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
  }
}
