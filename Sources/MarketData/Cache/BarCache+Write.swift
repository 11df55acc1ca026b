#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension BarCache {
  /// Writes `bars` to `path` in the binary format (through a temporary file renamed into
  /// place, so readers never see half a file). `source` records the file it came from.
  public static func write(_ bars: Bars, to path: String) throws(DataError) {
    try write(bars, to: path, key: SourceKey(size: 0, modified: 0, fingerprint: 0, options: 0))
  }

  static func write(_ bars: Bars, to path: String, key: SourceKey) throws(DataError) {
    let rows = bars.count
    let columnBytes = rows * 8
    let stride = (columnBytes + 63) / 64 * 64
    let symbol = Array(bars.symbol.utf8.prefix(256))
    let headerSize = (76 + symbol.count + 8 + 63) / 64 * 64
    var header = [UInt8](repeating: 0, count: headerSize)
    func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
      withUnsafeBytes(of: value.littleEndian) { raw in
        for k in 0..<raw.count { header[offset + k] = raw[k] }
      }
    }
    for (k, byte) in magic.enumerated() { header[k] = byte }
    put(version, at: 8)
    put(UInt32(headerSize), at: 12)
    put(UInt64(rows), at: 16)
    put(key.size, at: 24)
    put(key.modified, at: 32)
    put(key.fingerprint, at: 40)
    put(key.options, at: 48)
    put(UInt32(bars.timeframe?.count ?? 0), at: 64)
    header[68] = bars.timeframe.map { $0.unit.rawValue.asciiValue ?? 0 } ?? 0
    put(UInt32(symbol.count), at: 72)
    for (k, byte) in symbol.enumerated() { header[76 + k] = byte }

    var checksum = Hash64()
    var body = [UInt8](repeating: 0, count: stride * 6)
    body.withUnsafeMutableBytes { out in
      guard let base = out.baseAddress else { return }
      bars.time.withUnsafeBytes { raw in
        if let source = raw.baseAddress { checksum.copy(source, to: base, words: rows) }
      }
      for (k, column) in [bars.open, bars.high, bars.low, bars.close, bars.volume].enumerated() {
        column.withUnsafeBytes { raw in
          if let source = raw.baseAddress { checksum.copy(source, to: base + stride * (k + 1), words: rows) }
        }
      }
    }
    put(checksum.finalize(), at: 56)
    let headerChecksum = header.withUnsafeBytes { raw in
      var hasher = Hash64()
      hasher.update(UnsafeRawBufferPointer(rebasing: raw[0..<(headerSize - 8)]))
      return hasher.finalize()
    }
    put(headerChecksum, at: headerSize - 8)

    let temporary = path + ".tmp\(getpid())"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw DataError(.io, file: path, expected: "a writable location (\(String(cString: strerror(errno))))")
    }
    var ok = writeAll(descriptor, header) && writeAll(descriptor, body)
    ok = close(descriptor) == 0 && ok
    guard ok, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw DataError(.io, file: path, expected: "a writable location (\(String(cString: strerror(errno))))")
    }
  }

  private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        guard let base = raw.baseAddress else { return false }
        let written = Glibc.write(descriptor, base + offset, raw.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return false }
        offset += written
      }
      return true
    }
  }
}
