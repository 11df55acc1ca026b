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
