extension Timeframe {
  /// End of the bar of this timeframe that starts at `start`: start plus the length, or,
  /// for months, the same day and time `count` calendar months later.
  public func end(ofBarStartingAt start: Int64) -> Int64 {
    if let length = nanoseconds { return start + length }
    let (days, timeOfDay) = UTCTime.floorDivide(start, UTCTime.nanosecondsPerDay)
    let date = UTCTime.civil(days: Int(days))
    let months = date.year * 12 + (date.month - 1) + count
    let year = months / 12
    let month = months % 12 + 1
    let day = min(date.day, UTCTime.daysInMonth(year: year, month: month))
    return Int64(UTCTime.days(year: year, month: month, day: day)) * UTCTime.nanosecondsPerDay + timeOfDay
  }

  /// True when every bar of `self` spans a whole number of bars of `other`'s length or more
  /// (months are longer than any fixed timeframe up to 4 weeks).
  func isAtLeast(_ other: Timeframe) -> Bool {
    switch (nanoseconds, other.nanoseconds) {
    case let (a?, b?): return a >= b
    case (nil, _?): return true
    case (_?, nil): return false
    case (nil, nil): return count >= other.count
    }
  }
}
