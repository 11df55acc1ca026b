/// Reads the compiled tz database format (RFC 8536, TZif versions 1–4).
enum TZifReader {
  struct Failure: Error {
    let reason: String
  }

  static func read(_ bytes: [UInt8], name: String) throws(Failure) -> TimeZoneRules {
    var position = 0
    func header() throws(Failure) -> (version: UInt8, counts: [Int]) {
      guard position + 44 <= bytes.count, bytes[position..<(position + 4)].elementsEqual("TZif".utf8)
      else { throw Failure(reason: "no TZif header") }
      let version = bytes[position + 4]
      var counts: [Int] = []
      for i in 0..<6 { counts.append(Int(int32(at: position + 20 + 4 * i))) }
      position += 44
      return (version, counts)
    }
    func int32(at index: Int) -> Int32 {
      Int32(
        bitPattern: UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16
          | UInt32(bytes[index + 2]) << 8 | UInt32(bytes[index + 3]))
    }
    func int64(at index: Int) -> Int64 {
      Int64(int32(at: index)) << 32 | Int64(UInt32(bitPattern: int32(at: index + 4)))
    }
    func blockLength(_ counts: [Int], timeSize: Int) -> Int {
      let (isut, isstd, leap, time, type, chars) = (
        counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]
      )
      return time * timeSize + time + type * 6 + chars + leap * (timeSize + 4) + isstd + isut
    }

    var (version, counts) = try header()
    var timeSize = 4
    if version >= UInt8(ascii: "2") {
      position += blockLength(counts, timeSize: 4)
      (version, counts) = try header()
      timeSize = 8
    }
    let timeCount = counts[3]
    let typeCount = counts[4]
    guard typeCount > 0, position + blockLength(counts, timeSize: timeSize) <= bytes.count else {
      throw Failure(reason: "truncated data block")
    }
    var transitions: [Int64] = []
    transitions.reserveCapacity(timeCount)
    for i in 0..<timeCount {
      let at = position + i * timeSize
      transitions.append(timeSize == 8 ? int64(at: at) : Int64(int32(at: at)))
    }
    let indexStart = position + timeCount * timeSize
    let typeStart = indexStart + timeCount
    var typeOffsets: [Int32] = []
    var typeIsDaylight: [Bool] = []
    for t in 0..<typeCount {
      typeOffsets.append(int32(at: typeStart + 6 * t))
      typeIsDaylight.append(bytes[typeStart + 6 * t + 4] != 0)
    }
    var offsets: [Int32] = []
    for i in 0..<timeCount {
      let index = Int(bytes[indexStart + i])
      guard index < typeCount else { throw Failure(reason: "transition type out of range") }
      offsets.append(typeOffsets[index])
    }
    let initial = typeOffsets[typeIsDaylight.firstIndex(of: false) ?? 0]
    position += blockLength(counts, timeSize: timeSize)
    var rule: PosixRule?
    if timeSize == 8, position < bytes.count, bytes[position] == UInt8(ascii: "\n") {
      let rest = bytes[(position + 1)...]
      let end = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
      let text = String(decoding: rest[..<end], as: UTF8.self)
      rule = text.isEmpty ? nil : PosixRule(text)
    }
    if transitions.isEmpty, let rule {
      // A zone described by its rule alone: the rule applies everywhere.
      return TimeZoneRules(
        name: name, transitions: [Int64.min], offsets: [rule.standardOffset], initialOffset: initial,
        rule: rule)
    }
    return TimeZoneRules(
      name: name, transitions: transitions, offsets: offsets, initialOffset: initial, rule: rule)
  }
}
