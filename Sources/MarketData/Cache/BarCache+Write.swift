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

    let columns = [bars.open, bars.high, bars.low, bars.close, bars.volume]
    var checksum = Hash64()
    bars.time.withUnsafeBytes { raw in
      if let source = raw.baseAddress { checksum.copy(source, to: nil, words: rows) }
    }
    for column in columns {
      column.withUnsafeBytes { raw in
        if let source = raw.baseAddress { checksum.copy(source, to: nil, words: rows) }
      }
    }
    put(checksum.finalize(), at: 56)
    let headerChecksum = header.withUnsafeBytes { raw in
      var hasher = Hash64()
      hasher.update(UnsafeRawBufferPointer(rebasing: raw[0..<(headerSize - 8)]))
      return hasher.finalize()
    }
    put(headerChecksum, at: headerSize - 8)

    let padding = [UInt8](repeating: 0, count: stride - columnBytes)
    let temporary = path + ".tmp\(getpid())"
    let written = FileOutput.withFile(temporary) { descriptor in
      guard FileOutput.writeAll(descriptor, header) else { return false }
      let timeOK = bars.time.withUnsafeBytes { FileOutput.writeAll(descriptor, $0) }
      guard timeOK, FileOutput.writeAll(descriptor, padding) else { return false }
      for column in columns {
        let ok = column.withUnsafeBytes { FileOutput.writeAll(descriptor, $0) }
        guard ok, FileOutput.writeAll(descriptor, padding) else { return false }
      }
      return true
    }
    guard written, FileOutput.rename(temporary, to: path) else {
      FileOutput.remove(temporary)
      throw DataError(.io, file: path, expected: "a writable location")
    }
  }
}
