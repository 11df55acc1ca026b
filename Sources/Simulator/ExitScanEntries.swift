import MarketData

#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

extension ExitScan {
  /// The true positions of `mask`, in order: the entry bars of a signal mask.
  ///
  /// Bool is one byte holding 0 or 1, so flags are read 64 at a time: their count is a byte
  /// sum, and their positions come from one 64-bit word with a bit per flag, visited through
  /// its lowest set bit. One loop exit per 64 flags (rather than per 8) is the branch that
  /// mispredicts on a sparse mask.
  public static func entryBars(of mask: Mask) -> [Int] {
    mask.values.withUnsafeBufferPointer { flags in
      // SAFETY: the raw view covers exactly the flags' bytes; block loads stay below
      // `blocks * 64 <= n`, the tail loop reads the remaining bytes one by one, and k stays
      // below `count` since each write is for one of the `count` true flags.
      let bytes = UnsafeRawBufferPointer(flags)
      let n = bytes.count
      let blocks = n / 64
      var count = 0
      for b in 0..<blocks { count &+= blockSum(bytes, at: b &* 64) }
      for i in (blocks &* 64)..<n { count &+= Int(bytes[i]) }
      return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
        guard let out = buffer.baseAddress else { initialized = 0; return }
        var k = 0
        for b in 0..<blocks {
          var bits = blockBits(bytes, at: b &* 64)
          while bits != 0 {
            out[k] = b &* 64 &+ bits.trailingZeroBitCount
            k &+= 1
            bits &= bits &- 1
          }
        }
        for i in (blocks &* 64)..<n where bytes[i] != 0 {
          out[k] = i
          k &+= 1
        }
        initialized = count
      }
    }
  }

  /// The sum of the 64 bytes from `offset` (each 0 or 1): the number of true flags.
  @inline(__always)
  static func blockSum(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int {
    #if arch(x86_64)
      // PSADBW sums eight bytes per lane against zero.
      let zero = _mm_setzero_si128()
      var sums = _mm_sad_epu8(load16(bytes, offset), zero)
      sums = _mm_add_epi64(sums, _mm_sad_epu8(load16(bytes, offset &+ 16), zero))
      sums = _mm_add_epi64(sums, _mm_sad_epu8(load16(bytes, offset &+ 32), zero))
      sums = _mm_add_epi64(sums, _mm_sad_epu8(load16(bytes, offset &+ 48), zero))
      return Int(sums[0] &+ sums[1])
    #else
      var sum = 0
      for w in 0..<8 {
        // Each byte is 0 or 1, so a multiply gathers a word's byte sum into its top byte.
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset &+ w &* 8, as: UInt64.self))
        sum &+= Int((word &* 0x0101_0101_0101_0101) >> 56)
      }
      return sum
    #endif
  }

  /// One bit per flag of the 64 bytes from `offset`, flag i at bit i.
  @inline(__always)
  static func blockBits(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
    #if arch(x86_64)
      // Comparing with zero and inverting the byte mask sets a bit for each nonzero flag.
      let zero = _mm_setzero_si128()
      @inline(__always) func bits(_ at: Int) -> UInt64 {
        let zeros = UInt64(truncatingIfNeeded: _mm_movemask_epi8(_mm_cmpeq_epi8(load16(bytes, at), zero)))
        return ~zeros & 0xFFFF
      }
      return bits(offset) | bits(offset &+ 16) << 16 | bits(offset &+ 32) << 32 | bits(offset &+ 48) << 48
    #else
      var result: UInt64 = 0
      for i in 0..<64 where bytes[offset &+ i] != 0 { result |= 1 << UInt64(i) }
      return result
    #endif
  }

  #if arch(x86_64)
    @inline(__always)
    static func load16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> __m128i {
      bytes.loadUnaligned(fromByteOffset: offset, as: __m128i.self)
    }
  #endif
}
