import MarketData

extension ExitScan {
  /// The true positions of `mask`, in order: the entry bars of a signal mask. Bool is one
  /// byte holding 0 or 1, so eight flags are read as one word: their byte sum counts them,
  /// all-false words are skipped and the set bytes of a word are visited through its lowest
  /// set bit.
  public static func entryBars(of mask: Mask) -> [Int] {
    mask.values.withUnsafeBufferPointer { flags in
      // SAFETY: the raw view covers exactly the flags' bytes; word loads stay below
      // `words * 8 <= n`, the tail loop reads the remaining bytes one by one, and k stays
      // below `count` since each write is for one of the `count` true flags.
      let bytes = UnsafeRawBufferPointer(flags)
      let n = bytes.count
      let words = n / 8
      var count = 0
      // Each byte is 0 or 1, so a multiply gathers a word's byte sum (at most 8) into its top
      // byte: no popcount instruction needed on baseline x86-64.
      for w in 0..<words { count &+= Int((bytes.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) &* 0x0101_0101_0101_0101) >> 56) }
      for i in (words * 8)..<n { count &+= Int(bytes[i]) }
      return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
        guard let out = buffer.baseAddress else { initialized = 0; return }
        var k = 0
        for w in 0..<words {
          var word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self))
          while word != 0 {
            out[k] = w &* 8 &+ word.trailingZeroBitCount >> 3
            k &+= 1
            word &= word &- 1
          }
        }
        for i in (words * 8)..<n where bytes[i] != 0 {
          out[k] = i
          k &+= 1
        }
        initialized = count
      }
    }
  }
}
