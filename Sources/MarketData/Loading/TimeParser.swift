/// Timestamps straight from bytes, in every form the loaders accept. Results are Int64
/// nanoseconds since the Unix epoch; text without a zone is read as wall-clock time and
/// flagged, so the loader can apply a `tz` option to it.
///
/// Accepted forms:
/// - ISO-like, year first: `2024-01-02`, `2024-01-02T09:30`, `2024-01-02 09:30:00.123`, with
///   `-`, `.` or `/` between the date parts (MT4/MT5 write `2024.01.02 09:30`), an optional
///   `Z` or `±HH:MM`, `±HHMM`, `±HH` offset; any number of fraction digits (nanoseconds kept).
/// - Day first with dots (Dukascopy): `02.01.2024 09:30:00.000`.
/// - Compact dates (Stooq): `20240102`, read as a date when it is a valid date in 1900–2199.
/// - Epoch numbers, by magnitude of the absolute value: below 1e11 seconds (a decimal fraction
///   is allowed), below 1e14 milliseconds, below 1e17 microseconds, otherwise nanoseconds.
enum TimeParser {
  struct Parsed {
    var nanoseconds: Int64
    /// True when the text carried `Z` or an offset, or was an epoch number: an instant,
    /// never shifted by a `tz` option.
    var isInstant: Bool
  }

  /// The last date prefix read and its day count: rows of one day share it, so the civil
  /// date arithmetic runs once per day instead of once per row.
  struct DayCache {
    var prefix: (UInt64, UInt16) = (0, 0)
    var days = 0
    var valid = false
  }

  /// `parse(_:from:to:)` reusing the day count of the previous row's date when the first ten
  /// bytes are the same.
  @inline(__always)
  static func parse(_ b: UnsafeRawBufferPointer, from start: Int, to end: Int, cache: inout DayCache)
    -> Parsed?
  {
    guard end - start >= 10 else { return parse(b, from: start, to: end) }
    let word = b.loadUnaligned(fromByteOffset: start, as: UInt64.self)
    let half = b.loadUnaligned(fromByteOffset: start + 8, as: UInt16.self)
    if cache.valid && cache.prefix.0 == word && cache.prefix.1 == half {
      return dateTime(b, days: cache.days, at: start + 10, end: end)
    }
    if let days = yearFirstDate(b, start, end) ?? dayFirstDate(b, start, end) {
      cache = DayCache(prefix: (word, half), days: days, valid: true)
      return dateTime(b, days: days, at: start + 10, end: end)
    }
    return parse(b, from: start, to: end)
  }

  private static func dayFirstDate(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
    guard start + 10 <= end, b[start + 2] == UInt8(ascii: "."), b[start + 5] == UInt8(ascii: "."),
      let day = digits(b, start, 2), let month = digits(b, start + 3, 2), let year = digits(b, start + 6, 4)
    else { return nil }
    return validDays(year, month, day)
  }

  static func parse(_ b: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Parsed? {
    let length = end - start
    guard length > 0 else { return nil }
    if length >= 10, let date = yearFirstDate(b, start, end) {
      return dateTime(b, days: date, at: start + 10, end: end)
    }
    if length >= 10, isDigit(b, start), isDigit(b, start + 1), b[start + 2] == UInt8(ascii: "."),
      isDigit(b, start + 3), isDigit(b, start + 4), b[start + 5] == UInt8(ascii: "."),
      let day = digits(b, start, 2), let month = digits(b, start + 3, 2),
      let year = digits(b, start + 6, 4), let days = validDays(year, month, day)
    {
      return dateTime(b, days: days, at: start + 10, end: end)
    }
    if length == 8, let days = compactDate(b, from: start, to: end) {
      return Parsed(nanoseconds: Int64(days) * UTCTime.nanosecondsPerDay, isInstant: false)
    }
    return epoch(b, from: start, to: end).map { Parsed(nanoseconds: $0, isInstant: true) }
  }

  /// A date-only field (split date/time layouts): year-first, day-first or compact forms.
  static func date(_ b: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int64? {
    if end - start == 8 { return compactDate(b, from: start, to: end).map { Int64($0) } }
    guard end - start == 10 else { return nil }
    if let days = yearFirstDate(b, start, end) { return Int64(days) }
    if b[start + 2] == UInt8(ascii: "."), b[start + 5] == UInt8(ascii: "."),
      let day = digits(b, start, 2), let month = digits(b, start + 3, 2),
      let year = digits(b, start + 6, 4), let days = validDays(year, month, day)
    {
      return Int64(days)
    }
    return nil
  }

  /// A time-of-day field: `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff…`, or compact `HHMMSS` / `HHMM`.
  /// Nanoseconds since midnight.
  static func timeOfDay(_ b: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int64? {
    let length = end - start
    if length == 6 || length == 4, let hour = digits(b, start, 2), let minute = digits(b, start + 2, 2) {
      let second = length == 6 ? digits(b, start + 4, 2) : 0
      guard let second, hour < 24, minute < 60, second < 60 else { return nil }
      return Int64(hour * 3_600 + minute * 60 + second) * UTCTime.nanosecondsPerSecond
    }
    guard let parsed = clock(b, at: start, end: end), parsed.index == end else { return nil }
    return parsed.nanoseconds
  }

  // MARK: - Pieces

  private static func dateTime(_ b: UnsafeRawBufferPointer, days: Int, at index: Int, end: Int) -> Parsed? {
    let dayNanoseconds = Int64(days) * UTCTime.nanosecondsPerDay
    if index == end { return Parsed(nanoseconds: dayNanoseconds, isInstant: false) }
    let separator = b[index]
    guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "t"),
      let time = fixedClock(b, at: index + 1, end: end) ?? clock(b, at: index + 1, end: end)
    else { return nil }
    var position = time.index
    let local = dayNanoseconds + time.nanoseconds
    if position == end { return Parsed(nanoseconds: local, isInstant: false) }
    let zone = b[position]
    if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
      return position + 1 == end ? Parsed(nanoseconds: local, isInstant: true) : nil
    }
    if position + 1 < end, b[position] == UInt8(ascii: " "),
      b[position + 1] == UInt8(ascii: "+")
        || b[position + 1] == UInt8(ascii: "-")
    {
      position += 1
    }
    guard b[position] == UInt8(ascii: "+") || b[position] == UInt8(ascii: "-") else { return nil }
    let sign: Int64 = b[position] == UInt8(ascii: "+") ? 1 : -1
    position += 1
    guard position + 2 <= end, let hours = digits(b, position, 2), hours < 24 else { return nil }
    position += 2
    var minutes = 0
    if position < end {
      if b[position] == UInt8(ascii: ":") { position += 1 }
      guard position + 2 <= end, let m = digits(b, position, 2), m < 60 else { return nil }
      minutes = m
      position += 2
    }
    guard position == end else { return nil }
    let offset = sign * Int64(hours * 3_600 + minutes * 60) * UTCTime.nanosecondsPerSecond
    return Parsed(nanoseconds: local - offset, isInstant: true)
  }

  /// The common `HH:MM:SS` (hour below 24, second below 60) not followed by a fraction,
  /// checked and converted as one eight-byte word; nil for anything else, which `clock`
  /// then reads (the same value where both accept).
  @inline(__always)
  static func fixedClock(_ b: UnsafeRawBufferPointer, at start: Int, end: Int) -> (
    nanoseconds: Int64, index: Int
  )? {
    guard start + 8 <= end else { return nil }
    if start + 8 < end {
      let next = b[start + 8]
      if next == UInt8(ascii: ".") || next == UInt8(ascii: ",") { return nil }
    }
    // Bytes H H : M M : S S, first byte lowest; after subtracting "00:00:00" every byte must
    // be 0…9 and the colons exactly 0 (a byte below its pattern wraps and is flagged).
    // SAFETY: start + 8 <= end <= b.count.
    let word = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: start, as: UInt64.self))
    let d = word &- 0x3030_3A30_303A_3030
    guard ((d &+ 0x7676_7676_7676_7676) | d) & 0x8080_8080_8080_8080 == 0,
      d & 0x0000_FF00_00FF_0000 == 0
    else { return nil }
    let hour = (d & 0xFF) &* 10 &+ (d >> 8 & 0xFF)
    let minute = (d >> 24 & 0xFF) &* 10 &+ (d >> 32 & 0xFF)
    let second = (d >> 48 & 0xFF) &* 10 &+ (d >> 56 & 0xFF)
    guard hour < 24, minute < 60, second < 60 else { return nil }
    let seconds = Int64(hour &* 3_600 &+ minute &* 60 &+ second)
    return (seconds * UTCTime.nanosecondsPerSecond, start + 8)
  }

  /// `HH:MM[:SS[.fraction]]` at `index`; returns nanoseconds and the index after it.
  private static func clock(_ b: UnsafeRawBufferPointer, at start: Int, end: Int) -> (
    nanoseconds: Int64, index: Int
  )? {
    guard start + 5 <= end, let hour = digits(b, start, 2), b[start + 2] == UInt8(ascii: ":"),
      let minute = digits(b, start + 3, 2), hour < 24 || (hour == 24 && minute == 0), minute < 60
    else { return nil }
    var index = start + 5
    var second = 0
    if index < end && b[index] == UInt8(ascii: ":") {
      guard index + 3 <= end, let s = digits(b, index + 1, 2), s < 61 else { return nil }
      second = min(s, 59)
      index += 3
    }
    var fraction: Int64 = 0
    if index < end && (b[index] == UInt8(ascii: ".") || b[index] == UInt8(ascii: ",")) {
      index += 1
      var scale: Int64 = 100_000_000
      let first = index
      while index < end, isDigit(b, index) {
        fraction += Int64(b[index] - 48) * scale
        scale /= 10
        index += 1
      }
      guard index > first else { return nil }
    }
    let seconds = Int64(hour * 3_600 + minute * 60 + second)
    return (seconds * UTCTime.nanosecondsPerSecond + fraction, index)
  }

  private static func yearFirstDate(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int? {
    guard start + 10 <= end, let year = digits(b, start, 4) else { return nil }
    let separator = b[start + 4]
    guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/"),
      b[start + 7] == separator, let month = digits(b, start + 5, 2), let day = digits(b, start + 8, 2)
    else { return nil }
    return validDays(year, month, day)
  }

  private static func compactDate(_ b: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int? {
    guard end - start == 8, let year = digits(b, start, 4), (1900...2199).contains(year),
      let month = digits(b, start + 4, 2), let day = digits(b, start + 6, 2)
    else { return nil }
    return validDays(year, month, day)
  }

  private static func validDays(_ year: Int, _ month: Int, _ day: Int) -> Int? {
    guard (1...12).contains(month), day >= 1, day <= UTCTime.daysInMonth(year: year, month: month),
      (1678...2261).contains(year)
    else { return nil }
    return UTCTime.days(year: year, month: month, day: day)
  }

  /// Epoch number: integer digits with an optional sign; seconds may carry a fraction.
  static func epoch(_ b: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int64? {
    var dot = end
    for i in start..<end where b[i] == UInt8(ascii: ".") {
      dot = i
      break
    }
    guard let whole = NumberParser.integer(b, from: start, to: dot) else { return nil }
    let magnitude = whole.magnitude
    let scale: Int64
    if magnitude < 100_000_000_000 {
      scale = 1_000_000_000
    } else if magnitude < 100_000_000_000_000 {
      scale = 1_000_000
    } else if magnitude < 100_000_000_000_000_000 {
      scale = 1_000
    } else {
      scale = 1
    }
    let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
    guard !overflow else { return nil }
    if dot == end { return scaled }
    // A fraction only makes sense for seconds; keep up to nanoseconds.
    guard scale == 1_000_000_000, dot + 1 < end else { return nil }
    var fraction: Int64 = 0
    var place: Int64 = 100_000_000
    for i in (dot + 1)..<end {
      guard isDigit(b, i) else { return nil }
      fraction += Int64(b[i] - 48) * place
      place /= 10
    }
    return whole < 0 || b[start] == UInt8(ascii: "-") ? scaled - fraction : scaled + fraction
  }

  @inline(__always)
  static func isDigit(_ b: UnsafeRawBufferPointer, _ index: Int) -> Bool {
    index < b.count && b[index] &- 48 <= 9
  }

  @inline(__always)
  private static func digits(_ b: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
    guard start + count <= b.count else { return nil }
    var value = 0
    for i in start..<(start + count) {
      let d = b[i] &- 48
      if d > 9 { return nil }
      value = value * 10 + Int(d)
    }
    return value
  }
}
