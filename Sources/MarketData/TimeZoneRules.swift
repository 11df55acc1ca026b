import Foundation

/// The UTC offsets of one IANA time zone, read from the system's compiled tz database
/// (`/usr/share/zoneinfo/NAME`, TZif versions 1–4, with the POSIX rule in the file's footer
/// for instants after its last transition).
///
/// Used to read files written in local time (`tz` option) and to anchor sessions such as
/// `09:30-16:00` America/New_York. Offsets are whole seconds east of UTC.
public struct TimeZoneRules: Sendable, Equatable {
  public let name: String
  /// Transition instants, seconds since the epoch (UTC), ascending.
  let transitions: [Int64]
  /// Offset in effect from `transitions[i]` on.
  let offsets: [Int32]
  /// Offset before the first transition.
  let initialOffset: Int32
  /// Rule for instants after the last transition, from the TZif footer.
  let rule: PosixRule?

  public static let utc = TimeZoneRules(
    name: "UTC", transitions: [], offsets: [], initialOffset: 0, rule: nil)

  init(name: String, transitions: [Int64], offsets: [Int32], initialOffset: Int32, rule: PosixRule?) {
    self.name = name
    self.transitions = transitions
    self.offsets = offsets
    self.initialOffset = initialOffset
    self.rule = rule
  }

  /// Rules of the named zone (`America/New_York`, `Europe/London`, `UTC`).
  /// - Throws: `DataError.Kind.timeZone` when the name is not a zone of the system database.
  public static func named(_ name: String, directory: String = "/usr/share/zoneinfo") throws(DataError)
    -> TimeZoneRules
  {
    if name == "UTC" || name == "Etc/UTC" || name == "Z" || name == "GMT" { return .utc }
    let allowed = name.unicodeScalars.allSatisfy {
      ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
        || $0 == "/" || $0 == "_" || $0 == "-" || $0 == "+"
    }
    guard !name.isEmpty, allowed, !name.hasPrefix("/"), !name.contains("..") else {
      throw DataError(
        .timeZone, file: name, value: name, expected: "an IANA time zone name such as America/New_York")
    }
    let path = directory + "/" + name
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DataError(
        .timeZone, file: path, value: name, expected: "an IANA time zone name such as America/New_York")
    }
    do {
      return try TZifReader.read([UInt8](data), name: name)
    } catch {
      throw DataError(.timeZone, file: path, value: name, expected: "a readable TZif file (\(error.reason))")
    }
  }

  /// Offset east of UTC, in seconds, at the instant `utcSeconds`.
  public func offset(atUTC utcSeconds: Int64) -> Int32 {
    guard let first = transitions.first, utcSeconds >= first else { return initialOffset }
    var low = 0
    var high = transitions.count
    while high - low > 1 {
      let middle = (low + high) / 2
      if transitions[middle] <= utcSeconds { low = middle } else { high = middle }
    }
    if low == transitions.count - 1, let rule { return rule.offset(atUTC: utcSeconds) }
    return offsets[low]
  }

  /// How a wall-clock time maps to UTC.
  public enum Resolution: Equatable, Sendable {
    /// One instant (seconds since the epoch, UTC).
    case unique(Int64)
    /// The wall-clock time happens twice (clocks went back); both instants, earlier first.
    case ambiguous(Int64, Int64)
    /// The wall-clock time never happens (clocks went forward).
    case nonexistent
  }

  /// The UTC instants at which the clock of this zone shows `localSeconds`
  /// (seconds since the epoch of the wall-clock reading taken as if it were UTC).
  public func resolve(localSeconds: Int64) -> Resolution {
    let before = Int64(offset(atUTC: localSeconds - 86_400))
    let after = Int64(offset(atUTC: localSeconds + 86_400))
    var found: [Int64] = []
    for candidate in before == after ? [before] : [before, after] {
      let utc = localSeconds - candidate
      if Int64(offset(atUTC: utc)) == candidate { found.append(utc) }
    }
    switch found.count {
    case 0: return .nonexistent
    case 1: return .unique(found[0])
    default: return .ambiguous(min(found[0], found[1]), max(found[0], found[1]))
    }
  }
}

/// A POSIX TZ rule string such as `EST5EDT,M3.2.0,M11.1.0` (month.week.weekday rules only;
/// a zone without daylight saving has a standard offset alone).
struct PosixRule: Sendable, Equatable {
  var standardOffset: Int32
  var daylightOffset: Int32?
  /// (month, week 1–5 with 5 = last, weekday 0 = Sunday, seconds after local midnight)
  var start: (month: Int, week: Int, weekday: Int, seconds: Int64) = (0, 0, 0, 0)
  var end: (month: Int, week: Int, weekday: Int, seconds: Int64) = (0, 0, 0, 0)

  static func == (a: PosixRule, b: PosixRule) -> Bool {
    a.standardOffset == b.standardOffset && a.daylightOffset == b.daylightOffset
      && a.start == b.start && a.end == b.end
  }

  func offset(atUTC utc: Int64) -> Int32 {
    guard let daylightOffset else { return standardOffset }
    let year = UTCTime.civil(days: Int(UTCTime.floorDivide(utc, 86_400).0)).year
    let startUTC = instant(start, year: year) - Int64(standardOffset)
    let endUTC = instant(end, year: year) - Int64(daylightOffset)
    let inDaylight =
      startUTC < endUTC ? (utc >= startUTC && utc < endUTC) : !(utc >= endUTC && utc < startUTC)
    return inDaylight ? daylightOffset : standardOffset
  }

  /// Local seconds since the epoch of a `Mm.w.d/time` date in `year`.
  private func instant(_ date: (month: Int, week: Int, weekday: Int, seconds: Int64), year: Int) -> Int64 {
    let first = UTCTime.days(year: year, month: date.month, day: 1)
    let firstWeekday = ((first % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
    var day = 1 + (date.weekday - firstWeekday + 7) % 7 + (date.week - 1) * 7
    let length = UTCTime.daysInMonth(year: year, month: date.month)
    while day > length { day -= 7 }
    return Int64(UTCTime.days(year: year, month: date.month, day: day)) * 86_400 + date.seconds
  }

  /// Parses the footer; nil for forms this reader does not support (Julian-day rules).
  init?(_ text: String) {
    var scanner = Array(text.utf8)[...]
    guard PosixRule.skipName(&scanner), let standard = PosixRule.clock(&scanner) else { return nil }
    standardOffset = Int32(-standard)
    if scanner.isEmpty {
      daylightOffset = nil
      return
    }
    guard PosixRule.skipName(&scanner) else { return nil }
    var daylight = -standard + 3_600
    if let first = scanner.first, first != UInt8(ascii: ",") {
      guard let value = PosixRule.clock(&scanner) else { return nil }
      daylight = -value
    }
    daylightOffset = Int32(daylight)
    guard scanner.popFirst() == UInt8(ascii: ","), let start = PosixRule.date(&scanner),
      scanner.popFirst() == UInt8(ascii: ","), let end = PosixRule.date(&scanner), scanner.isEmpty
    else { return nil }
    self.start = start
    self.end = end
  }

  private static func skipName(_ s: inout ArraySlice<UInt8>) -> Bool {
    if s.first == UInt8(ascii: "<") {
      guard let close = s.firstIndex(of: UInt8(ascii: ">")) else { return false }
      s = s[(close + 1)...]
      return true
    }
    let start = s.startIndex
    while let c = s.first, (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") {
      s.removeFirst()
    }
    return s.startIndex - start >= 3
  }

  /// A run of decimal digits (at most 9), consumed; nil when there is none.
  private static func number(_ s: inout ArraySlice<UInt8>) -> Int? {
    var value = 0
    var count = 0
    while let c = s.first, c &- 48 <= 9, count < 9 {
      value = value * 10 + Int(c - 48)
      s.removeFirst()
      count += 1
    }
    return count > 0 ? value : nil
  }

  /// `[+-]h[h][:mm[:ss]]` in seconds.
  private static func clock(_ s: inout ArraySlice<UInt8>) -> Int64? {
    var sign: Int64 = 1
    if s.first == UInt8(ascii: "-") || s.first == UInt8(ascii: "+") {
      sign = s.removeFirst() == UInt8(ascii: "-") ? -1 : 1
    }
    var parts: [Int64] = []
    repeat {
      guard let value = number(&s) else { return nil }
      parts.append(Int64(value))
    } while s.first == UInt8(ascii: ":") && s.popFirst() != nil && parts.count < 3
    let seconds = parts[0] * 3_600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
    return sign * seconds
  }

  private static func date(_ s: inout ArraySlice<UInt8>) -> (
    month: Int, week: Int, weekday: Int, seconds: Int64
  )? {
    guard s.popFirst() == UInt8(ascii: "M") else { return nil }
    var numbers: [Int] = []
    repeat {
      guard let value = number(&s) else { return nil }
      numbers.append(value)
    } while s.first == UInt8(ascii: ".") && s.popFirst() != nil
    guard numbers.count == 3, (1...12).contains(numbers[0]), (1...5).contains(numbers[1]),
      (0...6).contains(numbers[2])
    else { return nil }
    var seconds: Int64 = 7_200
    if s.first == UInt8(ascii: "/") {
      s.removeFirst()
      guard let value = clock(&s) else { return nil }
      seconds = value
    }
    return (numbers[0], numbers[1], numbers[2], seconds)
  }
}
