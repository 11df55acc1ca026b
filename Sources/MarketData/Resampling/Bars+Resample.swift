/// Resampling to a higher timeframe: open = first, high = max, low = min, close = last,
/// volume = sum (NaN volumes skipped; NaN when all are NaN), as pandas'
/// `resample(rule, label="left", closed="left").agg(first, max, min, last, sum)` with
/// empty periods dropped.
///
/// Periods without a session are anchored at UTC midnight of the first bar's day (pandas'
/// `origin="start_day"`); weeks start on Monday 00:00 UTC; months on the 1st. With a session,
/// bars outside it are dropped and periods start at the session's open: intraday periods
/// at open, open + length, …; a day is one session; weeks and months group sessions by the
/// local date they opened. Each output bar is labelled with the start of its period (for
/// sessions, the open of its first period instant in UTC).
extension Bars {
  public func resample(to target: Timeframe, session: Session? = nil) throws(SeriesError) -> Bars {
    if let source = timeframe ?? Timeframe.infer(from: time), !target.isAtLeast(source) {
      throw .invalidArgument(
        "timeframe", expected: "a timeframe at least as long as the bars' \(source)", got: "\(target)")
    }
    let keyer = PeriodKeyer(target: target, session: session, firstTime: time.first ?? 0)
    var builder = BarBuilder(symbol: symbol, timeframe: target)
    var currentKey = Int64.min
    for i in 0..<count {
      guard let (key, label) = keyer.period(of: time[i]) else { continue }
      if key != currentKey || builder.isEmpty {
        currentKey = key
        builder.append(time: label, open: open[i], high: high[i], low: low[i], close: close[i], volume: volume[i])
      } else {
        builder.merge(high: high[i], low: low[i], close: close[i], volume: volume[i])
      }
    }
    return builder.bars()
  }
}

/// Maps a bar's start time to its period: a key that is equal for bars of one period and
/// grows with time, and the period's label (start instant).
struct PeriodKeyer {
  let target: Timeframe
  let session: Session?
  /// UTC midnight of the first bar's day, the origin of fixed-length periods.
  let origin: Int64

  init(target: Timeframe, session: Session?, firstTime: Int64) {
    self.target = target
    self.session = session
    origin = UTCTime.floorDivide(firstTime, UTCTime.nanosecondsPerDay).0 * UTCTime.nanosecondsPerDay
  }

  func period(of t: Int64) -> (key: Int64, label: Int64)? {
    let day = UTCTime.nanosecondsPerDay
    guard let session else {
      switch target.unit {
      case .second, .minute, .hour, .day:
        let length = target.nanoseconds ?? day
        let index = UTCTime.floorDivide(t - origin, length).0
        return (index, origin + index * length)
      case .week:
        // 1970-01-05 was a Monday.
        let monday = 4 * day
        let length = 7 * day * Int64(target.count)
        let index = UTCTime.floorDivide(t - monday, length).0
        return (index, monday + index * length)
      case .month:
        let index = monthIndex(UTCTime.floorDivide(t, day).0)
        return (index, monthStart(index))
      }
    }
    guard let (sessionDay, sinceOpen) = session.locate(t) else { return nil }
    let openInstant = t - sinceOpen
    switch target.unit {
    case .second, .minute, .hour:
      let length = target.nanoseconds ?? day
      let slot = sinceOpen / length
      // Key: session day and slot within it (a session is shorter than 10^6 slots of 1 s).
      return (sessionDay * 100_000_000 + slot, openInstant + slot * length)
    case .day:
      return (UTCTime.floorDivide(sessionDay, Int64(target.count)).0, openInstant)
    case .week:
      return (UTCTime.floorDivide(sessionDay - 4, 7 * Int64(target.count)).0, openInstant)
    case .month:
      return (monthIndex(sessionDay), openInstant)
    }
  }

  /// Months since year 0 of the civil date `days`, grouped by the target's count.
  private func monthIndex(_ days: Int64) -> Int64 {
    let date = UTCTime.civil(days: Int(days))
    return UTCTime.floorDivide(Int64(date.year * 12 + date.month - 1), Int64(target.count)).0
  }

  private func monthStart(_ index: Int64) -> Int64 {
    let months = index * Int64(target.count)
    let year = Int(UTCTime.floorDivide(months, 12).0)
    let month = Int(UTCTime.floorDivide(months, 12).1) + 1
    return Int64(UTCTime.days(year: year, month: month, day: 1)) * UTCTime.nanosecondsPerDay
  }
}
