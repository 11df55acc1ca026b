import MarketData
import Simulator

/// One calendar month's return of an equity curve.
public struct MonthlyReturn: Sendable, Equatable {
  public var year: Int
  public var month: Int
  /// (last equity of the month / last equity of the previous month − 1) × 100; the first
  /// month compares with the curve's first point.
  public var returnPercent: Double

  public init(year: Int, month: Int, returnPercent: Double) {
    self.year = year
    self.month = month
    self.returnPercent = returnPercent
  }
}

public enum MonthlyReturns {
  /// Monthly returns in UTC calendar months, ascending; months without bars are absent.
  public static func compute(time: [Int64], equity: [Double]) -> [MonthlyReturn] {
    guard let firstEquity = equity.first, time.count == equity.count else { return [] }
    var out: [MonthlyReturn] = []
    var base = firstEquity
    var current: (year: Int, month: Int)?
    var last = firstEquity
    for i in 0..<time.count {
      let (days, _) = UTCTime.floorDivide(time[i], UTCTime.nanosecondsPerDay)
      let date = UTCTime.civil(days: Int(days))
      if let month = current, month.year != date.year || month.month != date.month {
        out.append(MonthlyReturn(year: month.year, month: month.month, returnPercent: (last / base - 1) * 100))
        base = last
      }
      current = (date.year, date.month)
      last = equity[i]
    }
    if let month = current {
      out.append(MonthlyReturn(year: month.year, month: month.month, returnPercent: (last / base - 1) * 100))
    }
    return out
  }

  public static func compute(_ result: BacktestResult) -> [MonthlyReturn] {
    compute(time: result.time, equity: result.equity)
  }
}

/// Buy-and-hold benchmarks.
public enum Benchmark {
  /// The equity of `cash` invested at the first close and held: cash × close / first close.
  public static func buyAndHold(_ bars: Bars, cash: Double) -> [Double] {
    guard let first = bars.close.first, first > 0 else { return bars.close.map { _ in .nan } }
    return bars.close.map { cash * $0 / first }
  }
}
