/// UTF-8 validation over raw bytes, with an ASCII fast path (eight bytes per step), so the
/// common all-ASCII market data file costs one pass at memory speed.
enum UTF8Check {
  /// Byte offset of the first invalid UTF-8 sequence, or nil when the bytes are valid.
  static func firstInvalid(_ bytes: UnsafeRawBufferPointer) -> Int? {
    let count = bytes.count
    var index = 0
    while index < count {
      // Skip ASCII eight bytes at a time.
      // SAFETY: the loop condition keeps the eight-byte load inside the buffer.
      while index + 8 <= count,
        bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        index += 8
      }
      if index >= count { break }
      if bytes[index] < 0x80 {
        index += 1
        continue
      }
      guard let (_, length) = decode(bytes, at: index) else { return index }
      index += length
    }
    return nil
  }

  /// Decodes one multi-byte scalar at `index`; nil when the sequence is not well formed
  /// (overlong forms, surrogates and values above U+10FFFF are rejected).
  static func decode(_ bytes: UnsafeRawBufferPointer, at index: Int) -> (Unicode.Scalar, Int)? {
    let lead = bytes[index]
    let length: Int
    var value: UInt32
    switch lead {
    case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
    case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
    case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
    default: return nil
    }
    guard index + length <= bytes.count else { return nil }
    for offset in 1..<length {
      let byte = bytes[index + offset]
      guard byte & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(byte & 0x3F)
    }
    let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
    guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
  }
}
