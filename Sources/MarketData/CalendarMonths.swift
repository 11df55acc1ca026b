/// One UTC calendar month's compounded return of a value series (an equity curve).
public struct MonthReturn: Sendable, Equatable {
  public var year: Int
  public var month: Int
  /// (last finite value of the month / last finite value of the previous month with one − 1)
  /// × 100; the first month compares with the series' first finite value. NaN when the value
  /// it compares with is 0.
  public var percent: Double

  public init(year: Int, month: Int, percent: Double) {
    self.year = year
    self.month = month
    self.percent = percent
  }
}

public enum CalendarMonths {
  /// Month-over-month returns in UTC calendar months, ascending. Non-finite values are
  /// skipped, so months without a finite value are absent; mismatched lengths give none.
  public static func returns(time: [Int64], values: [Double]) -> [MonthReturn] {
    guard time.count == values.count else { return [] }
    var out: [MonthReturn] = []
    var base = Double.nan
    var last = Double.nan
    var current: (year: Int, month: Int)?
    func close(_ month: (year: Int, month: Int)) {
      out.append(MonthReturn(year: month.year, month: month.month, percent: base != 0 ? (last / base - 1) * 100 : .nan))
      base = last
    }
    for i in 0..<time.count where values[i].isFinite {
      if base.isNaN { base = values[i] }
      let (days, _) = UTCTime.floorDivide(time[i], UTCTime.nanosecondsPerDay)
      let date = UTCTime.civil(days: Int(days))
      if let month = current, month.year != date.year || month.month != date.month { close(month) }
      current = (date.year, date.month)
      last = values[i]
    }
    if let month = current { close(month) }
    return out
  }
}
