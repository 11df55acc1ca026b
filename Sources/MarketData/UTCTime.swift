/// Conversions between Int64 nanoseconds since the Unix epoch (UTC) and ISO-8601 text.
public enum UTCTime {
  public static let nanosecondsPerSecond: Int64 = 1_000_000_000
  public static let nanosecondsPerDay: Int64 = 86_400 * 1_000_000_000

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  public static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day count since 1970-01-01.
  public static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Parses `2024-01-02`, `2024-01-02T09:30`, `2024-01-02 09:30:00.123456789`, with an
  /// optional `Z` or `±HH:MM` / `±HHMM` offset. Text without an offset is UTC.
  public static func parse(_ text: some StringProtocol) -> Int64? {
    var parser = ISOParser(Array(text.utf8))
    return parser.parse()
  }

  /// `2024-01-02T09:30:00Z`; fractional seconds appear only when present, trimmed.
  public static func iso(_ nanoseconds: Int64) -> String {
    let (dayCount, remainder) = floorDivide(nanoseconds, nanosecondsPerDay)
    let (year, month, day) = civil(days: Int(dayCount))
    let seconds = remainder / nanosecondsPerSecond
    let fraction = remainder % nanosecondsPerSecond
    var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    text +=
      "T" + pad(Int(seconds / 3_600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":"
      + pad(Int(seconds % 60), 2)
    if fraction != 0 {
      var digits = pad(Int(fraction), 9)
      while digits.hasSuffix("0") { digits.removeLast() }
      text += "." + digits
    }
    return text + "Z"
  }

  /// Floor division and the matching non-negative remainder.
  public static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let q = a / b
    let r = a % b
    return r < 0 ? (q - 1, r + b) : (q, r)
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
    return value < 0 ? "-" + padded : padded
  }
}

/// A strict ISO-8601 reader over UTF-8 bytes.
private struct ISOParser {
  let bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func parse() -> Int64? {
    guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2),
      expect(UInt8(ascii: "-")), let day = digits(2),
      (1...12).contains(month), day >= 1, day <= UTCTime.daysInMonth(year: year, month: month)
    else { return nil }
    let days = Int64(UTCTime.days(year: year, month: month, day: day))
    if position == bytes.count { return checked(days, seconds: 0, fraction: 0, offset: 0) }
    guard expect(UInt8(ascii: "T")) || expect(UInt8(ascii: " ")) || expect(UInt8(ascii: "t")),
      let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2),
      hour < 24 || (hour == 24 && minute == 0), minute < 60
    else { return nil }
    var second = 0
    if expect(UInt8(ascii: ":")) {
      guard let s = digits(2), s < 61 else { return nil }
      second = min(s, 59)
    }
    var fraction: Int64 = 0
    if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
      var scale: Int64 = 100_000_000
      var count = 0
      while position < bytes.count, let d = digit(bytes[position]) {
        if scale > 0 { fraction += Int64(d) * scale }
        scale /= 10
        count += 1
        position += 1
      }
      if count == 0 { return nil }
    }
    let seconds = Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second)
    if position == bytes.count { return checked(days, seconds: seconds, fraction: fraction, offset: 0) }
    if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
      return position == bytes.count ? checked(days, seconds: seconds, fraction: fraction, offset: 0) : nil
    }
    let sign: Int64
    if expect(UInt8(ascii: "+")) {
      sign = 1
    } else if expect(UInt8(ascii: "-")) {
      sign = -1
    } else {
      return nil
    }
    guard let offsetHours = digits(2), offsetHours < 24 else { return nil }
    _ = expect(UInt8(ascii: ":"))
    guard let offsetMinutes = digits(2), offsetMinutes < 60, position == bytes.count else {
      return nil
    }
    let offset = sign * (Int64(offsetHours) * 3_600 + Int64(offsetMinutes) * 60)
    return checked(days, seconds: seconds, fraction: fraction, offset: offset)
  }

  /// Nanoseconds of the instant, or nil outside Int64's range (years 1677–2262).
  private func checked(_ days: Int64, seconds: Int64, fraction: Int64, offset: Int64) -> Int64? {
    // Near Int64.min the whole seconds alone overflow; borrow one second from the fraction.
    var totalSeconds = days * 86_400 + seconds - offset
    var fraction = fraction
    if totalSeconds < 0 && fraction > 0 {
      totalSeconds += 1
      fraction -= UTCTime.nanosecondsPerSecond
    }
    let (scaled, overflow) = totalSeconds.multipliedReportingOverflow(by: UTCTime.nanosecondsPerSecond)
    guard !overflow else { return nil }
    let (result, overflow2) = scaled.addingReportingOverflow(fraction)
    return overflow2 ? nil : result
  }

  private func digit(_ byte: UInt8) -> Int? {
    byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
  }

  private mutating func digits(_ count: Int) -> Int? {
    guard position + count <= bytes.count else { return nil }
    var value = 0
    for i in position..<(position + count) {
      guard let d = digit(bytes[i]) else { return nil }
      value = value * 10 + d
    }
    position += count
    return value
  }

  private mutating func expect(_ byte: UInt8) -> Bool {
    guard position < bytes.count, bytes[position] == byte else { return false }
    position += 1
    return true
  }
}
