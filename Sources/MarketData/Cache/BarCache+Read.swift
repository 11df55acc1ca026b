extension BarCache {
  /// Reads a binary bar file, verifying its checksums.
  /// - Throws: `DataError.Kind.cache` naming what is wrong (not a bar file, another version,
  ///   truncated, checksum mismatch), `.io` when it cannot be read.
  public static func read(_ path: String) throws(DataError) -> Bars {
    guard let bars = try read(FileBytes(path: path), expecting: nil) else {
      throw DataError(.cache, file: path, expected: "a crescent bar file")
    }
    return bars
  }

  /// Reads the file; with `expecting`, returns nil when its source key differs.
  static func read(_ file: FileBytes, expecting key: SourceKey?) throws(DataError) -> Bars? {
    let path = file.path
    func damaged(_ what: String) -> DataError {
      DataError(.cache, file: path, expected: "a crescent bar file (\(what))")
    }
    return try file.withBytes { (bytes) throws(DataError) -> Bars? in
      guard bytes.count >= 128, Array(bytes[0..<8]) == magic else { throw damaged("wrong magic") }
      func u32(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
      }
      func u64(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      }
      guard u32(8) == version else {
        throw DataError(
          .cache, file: path, value: "version \(u32(8))", expected: "bar file version \(version)")
      }
      let headerSize = Int(u32(12))
      guard headerSize >= 128, headerSize % 64 == 0, headerSize <= bytes.count else {
        throw damaged("bad header size")
      }
      var hasher = Hash64()
      hasher.update(UnsafeRawBufferPointer(rebasing: bytes[0..<(headerSize - 8)]))
      guard hasher.finalize() == u64(headerSize - 8) else { throw damaged("header checksum mismatch") }
      let rows64 = u64(16)
      guard rows64 < UInt64(Int.max / 64) else { throw damaged("bad row count") }
      let rows = Int(rows64)
      let stride = (rows * 8 + 63) / 64 * 64
      guard bytes.count == headerSize + stride * 6 else {
        throw damaged("size \(bytes.count) does not match \(rows) rows")
      }
      if let key {
        let stored = SourceKey(
          size: u64(24), modified: Int64(bitPattern: u64(32)), fingerprint: u64(40), options: u64(48))
        guard stored == key else { return nil }
      }
      let symbolLength = Int(u32(72))
      guard symbolLength <= 256, 76 + symbolLength <= headerSize - 8 else { throw damaged("bad symbol") }
      let symbol = String(decoding: bytes[76..<(76 + symbolLength)], as: UTF8.self)
      var timeframe: Timeframe?
      let count = Int(u32(64))
      if bytes[68] != 0 {
        guard count > 0, let unit = Timeframe.Unit(rawValue: Character(Unicode.Scalar(bytes[68]))) else {
          throw damaged("bad timeframe")
        }
        timeframe = Timeframe(count: count, unit: unit)
      }
      guard let base = bytes.baseAddress else { throw damaged("no data") }
      // SAFETY: the size check above guarantees six columns of `rows` words after the header.
      var checksum = Hash64()
      let time = [Int64](unsafeUninitializedCapacity: rows) { buffer, initialized in
        HugePages.advise(buffer)
        if let out = buffer.baseAddress { checksum.copy(base + headerSize, to: out, words: rows) }
        initialized = rows
      }
      var columns: [[Double]] = []
      for k in 1...5 {
        columns.append(
          [Double](unsafeUninitializedCapacity: rows) { buffer, initialized in
            HugePages.advise(buffer)
            if let out = buffer.baseAddress {
              checksum.copy(base + headerSize + stride * k, to: out, words: rows)
            }
            initialized = rows
          })
      }
      guard checksum.finalize() == u64(56) else { throw damaged("data checksum mismatch") }
      return Bars(
        time: time, open: columns[0], high: columns[1], low: columns[2], close: columns[3],
        volume: columns[4],
        symbol: symbol, timeframe: timeframe)
    }
  }
}
