/// A daily trading session in a time zone, such as `09:30-16:00` in America/New_York.
///
/// A bar belongs to the session when its start time, read on the zone's wall clock, is at
/// or after the open and before the close. A session whose close is not after its open
/// runs over midnight (`18:00-17:00`) and belongs to the day it opened.
public struct Session: Sendable, Equatable {
  /// Open and close, nanoseconds after local midnight.
  public let open: Int64
  public let close: Int64
  public let zone: TimeZoneRules

  public init(open: Int64, close: Int64, zone: TimeZoneRules) {
    self.open = open
    self.close = close
    self.zone = zone
  }

  /// Parses `"HH:MM-HH:MM"` (seconds allowed) in the named IANA zone.
  public init(_ text: String, timeZone: String) throws(DataError) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    func clock(_ part: Substring) -> Int64? {
      let bytes = Array(part.utf8)
      return bytes.withUnsafeBytes { TimeParser.timeOfDay($0, from: 0, to: $0.count) }
    }
    guard parts.count == 2, let open = clock(parts[0]), let close = clock(parts[1]) else {
      throw DataError(.option, file: "session", value: text, expected: "a session as \"HH:MM-HH:MM\"")
    }
    self.init(open: open, close: close, zone: try TimeZoneRules.named(timeZone))
  }

  /// Where an instant falls: the session's day (days since the epoch of the local date it
  /// opened) and the nanoseconds since its open; nil outside the session.
  func locate(_ utc: Int64) -> (day: Int64, sinceOpen: Int64)? {
    let (seconds, _) = UTCTime.floorDivide(utc, UTCTime.nanosecondsPerSecond)
    let local = utc + Int64(zone.offset(atUTC: seconds)) * UTCTime.nanosecondsPerSecond
    let (day, timeOfDay) = UTCTime.floorDivide(local, UTCTime.nanosecondsPerDay)
    if open < close {
      guard timeOfDay >= open && timeOfDay < close else { return nil }
      return (day, timeOfDay - open)
    }
    if timeOfDay >= open { return (day, timeOfDay - open) }
    if timeOfDay < close { return (day - 1, timeOfDay + UTCTime.nanosecondsPerDay - open) }
    return nil
  }
}
