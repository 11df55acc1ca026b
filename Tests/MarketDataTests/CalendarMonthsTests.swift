import MarketData
import Testing

@Suite struct CalendarMonthsTests {
  let day: Int64 = 86_400_000_000_000
  // 2024-01-01 00:00 UTC.
  let jan1: Int64 = 1_704_067_200_000_000_000

  @Test func compoundsEachMonthEndAgainstThePreviousOne() {
    let time = [jan1, jan1 + 10 * day, jan1 + 31 * day, jan1 + 45 * day, jan1 + 60 * day]
    let months = CalendarMonths.returns(time: time, values: [100, 110, 121, 99, 108.9])
    #expect(months.map(\.month) == [1, 2, 3])
    #expect(abs(months[0].percent - 10) < 1e-12)
    #expect(abs(months[1].percent - (99.0 / 110 - 1) * 100) < 1e-12)
    #expect(abs(months[2].percent - (108.9 / 99 - 1) * 100) < 1e-12)
  }

  @Test func skipsNonFiniteValuesAndEmptyMonths() {
    let time = [jan1, jan1 + 31 * day, jan1 + 62 * day, jan1 + 63 * day]
    let months = CalendarMonths.returns(time: time, values: [.nan, .nan, 50, 55])
    #expect(months == [MonthReturn(year: 2024, month: 3, percent: months[0].percent)])
    #expect(abs(months[0].percent - 10) < 1e-12)
  }

  @Test func zeroBaseGivesNaNAndMismatchGivesNothing() {
    let months = CalendarMonths.returns(time: [jan1, jan1 + 31 * day], values: [0, 0])
    #expect(months.count == 2 && months.allSatisfy { $0.percent.isNaN })
    #expect(CalendarMonths.returns(time: [jan1], values: []).isEmpty)
    #expect(CalendarMonths.returns(time: [], values: []).isEmpty)
  }
}
