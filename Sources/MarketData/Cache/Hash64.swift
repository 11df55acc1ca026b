/// A fast 64-bit checksum over 8-byte words in four independent lanes (the xxHash64 round
/// and merge constants), for cache integrity and source fingerprints. Not cryptographic.
struct Hash64 {
  static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
  static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
  static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
  static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63

  private var lanes: (UInt64, UInt64, UInt64, UInt64)
  private var length: UInt64 = 0
  private var tail: [UInt64] = []

  init(seed: UInt64 = 0) {
    lanes = (seed &+ Hash64.prime1 &+ Hash64.prime2, seed &+ Hash64.prime2, seed, seed &- Hash64.prime1)
  }

  @inline(__always)
  static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
    let value = accumulator &+ input &* prime2
    return ((value << 31) | (value >> 33)) &* prime1
  }

  /// Hashes `count` words from `source` while copying them to `destination` (which may be
  /// nil to hash only). Whole groups of four words go through the lanes; the rest is kept.
  ///
  /// SAFETY: callers pass pointers to at least `count` readable (and writable) words.
  mutating func copy(
    _ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer?, words count: Int
  ) {
    var (a, b, c, d) = lanes
    let groups = count / 4
    var i = 0
    if let destination {
      for _ in 0..<groups {
        let w0 = source.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
        let w1 = source.loadUnaligned(fromByteOffset: i * 8 + 8, as: UInt64.self)
        let w2 = source.loadUnaligned(fromByteOffset: i * 8 + 16, as: UInt64.self)
        let w3 = source.loadUnaligned(fromByteOffset: i * 8 + 24, as: UInt64.self)
        destination.storeBytes(of: w0, toByteOffset: i * 8, as: UInt64.self)
        destination.storeBytes(of: w1, toByteOffset: i * 8 + 8, as: UInt64.self)
        destination.storeBytes(of: w2, toByteOffset: i * 8 + 16, as: UInt64.self)
        destination.storeBytes(of: w3, toByteOffset: i * 8 + 24, as: UInt64.self)
        a = Hash64.round(a, w0)
        b = Hash64.round(b, w1)
        c = Hash64.round(c, w2)
        d = Hash64.round(d, w3)
        i += 4
      }
    } else {
      for _ in 0..<groups {
        a = Hash64.round(a, source.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
        b = Hash64.round(b, source.loadUnaligned(fromByteOffset: i * 8 + 8, as: UInt64.self))
        c = Hash64.round(c, source.loadUnaligned(fromByteOffset: i * 8 + 16, as: UInt64.self))
        d = Hash64.round(d, source.loadUnaligned(fromByteOffset: i * 8 + 24, as: UInt64.self))
        i += 4
      }
    }
    lanes = (a, b, c, d)
    while i < count {
      let word = source.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
      destination?.storeBytes(of: word, toByteOffset: i * 8, as: UInt64.self)
      tail.append(word)
      i += 1
    }
    length &+= UInt64(count)
  }

  /// Hashes raw bytes (padded with zeros to whole words).
  mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress else { return }
    let words = bytes.count / 8
    copy(base, to: nil, words: words)
    var last: UInt64 = UInt64(bytes.count % 8) << 56
    for k in 0..<(bytes.count % 8) { last |= UInt64(bytes[words * 8 + k]) << (8 * UInt64(k)) }
    tail.append(last)
  }

  func finalize() -> UInt64 {
    let (a, b, c, d) = lanes
    var h =
      ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
    for lane in [a, b, c, d] { h = (h ^ Hash64.round(0, lane)) &* Hash64.prime1 &+ Hash64.prime4 }
    h &+= length
    for word in tail {
      h ^= Hash64.round(0, word)
      h = ((h << 27) | (h >> 37)) &* Hash64.prime1 &+ Hash64.prime4
    }
    h ^= h >> 33
    h &*= Hash64.prime2
    h ^= h >> 29
    h &*= Hash64.prime3
    h ^= h >> 32
    return h
  }

  static func of(_ text: String) -> UInt64 {
    var hasher = Hash64()
    var copy = text
    copy.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
    return hasher.finalize()
  }
}
