import Testing

@testable import Plotting

@Suite struct TicksTests {
  static let day: Int64 = 86_400_000_000_000

  @Test func linearTicksAreNiceMultiples() {
    let a = Ticks.linear(0, 1, maxCount: 5)
    #expect(a.values.count == 6 || a.values.count == 5)
    #expect(a.step == 0.2 || a.step == 0.25)
    let b = Ticks.linear(1.0712, 1.0863, maxCount: 8)
    #expect(b.step == 0.002)
    #expect(b.decimals == 3)
    #expect(Ticks.linear(1.08512, 1.08597, maxCount: 5).decimals == 4)
    #expect(b.values.first.map { $0 >= 1.0712 } == true)
    #expect(b.values.last.map { $0 <= 1.0863 } == true)
    let c = Ticks.linear(17_350, 46_020, maxCount: 8)
    #expect(c.step == 5000 && c.decimals == 0)
    #expect(c.values == [20_000, 25_000, 30_000, 35_000, 40_000, 45_000])
    // Degenerate and non-finite ranges.
    #expect(!Ticks.linear(5, 5, maxCount: 4).values.isEmpty)
    #expect(Ticks.linear(.nan, 1, maxCount: 4).values.isEmpty)
    for count in 2...12 {
      let t = Ticks.linear(-3.7, 912.4, maxCount: count)
      #expect(t.values.count <= count + 1)
      #expect(t.values.allSatisfy { ($0 / t.step - ($0 / t.step).rounded()).magnitude < 1e-9 })
    }
  }

  @Test func logTicksUseDecadesAndOneTwoFive() {
    #expect(Ticks.logarithmic(1, 1000, maxCount: 4) == [1, 10, 100, 1000])
    #expect(Ticks.logarithmic(1, 100, maxCount: 8) == [1, 2, 5, 10, 20, 50, 100])
    let wide = Ticks.logarithmic(1e-3, 1e9, maxCount: 5)
    #expect(wide.count <= 7 && wide.allSatisfy { $0 >= 1e-3 && $0 <= 1e9 })
    #expect(Ticks.logarithmic(-1, 10, maxCount: 5).isEmpty)
  }

  @Test func numbersFormatForTraders() {
    #expect(Ticks.format(-1.5, decimals: 2) == "\u{2212}1.50")
    #expect(Ticks.format(12_345.6, decimals: 1) == "12,345.6")
    #expect(Ticks.format(1234, decimals: 0) == "1234")
    #expect(Ticks.format(-0.0001, decimals: 2) == "0.00")
    #expect(Ticks.compact(1_234_000) == "1.23M")
    #expect(Ticks.compact(45_000) == "45K")
    #expect(Ticks.compact(950) == "950")
    #expect(Ticks.priceDecimals(130.25, tickDecimals: 0) == 2)
    #expect(Ticks.priceDecimals(1.0853, tickDecimals: 3) == 4)
    #expect(Ticks.priceDecimals(45_000, tickDecimals: 0) == 0)
    #expect(Ticks.decimals(forStep: 0.25) == 2)
  }

  @Test func dailyTicksNameMonthsAndYears() {
    // Weekdays from 2023-10-02 to 2024-03-29.
    var times: [Int64] = []
    var t = SampleData.jan2024 - 91 * TicksTests.day
    while t < SampleData.jan2024 + 88 * TicksTests.day {
      let wd = (t / TicksTests.day + 3) % 7
      if wd < 5 { times.append(t) }
      t += TicksTests.day
    }
    let ticks = TimeTicks.ticks(times: times, maxCount: 8, collapsed: true)
    // Data starts on Oct 2, so the first boundary inside it is Nov 1.
    #expect(ticks.map(\.label) == ["Nov", "Dec", "2024", "Feb", "Mar"])
    #expect(ticks.first(where: { $0.label == "2024" })?.major == true)
    // Jan 1 2024 is a Monday: the tick lands on that bar.
    #expect(ticks[2].index == times.firstIndex(of: SampleData.jan2024))
    let fine = TimeTicks.ticks(times: times, maxCount: 30, collapsed: true)
    #expect(fine.count <= 30 && fine.count > 8)
    #expect(fine.contains { $0.label == "Nov" && $0.major })
  }

  @Test func intradayTicksCollapseWeekends() {
    // Hourly bars Friday 2024-01-05 12:00 … Monday 2024-01-08 12:00, weekend removed.
    let hour: Int64 = 3_600_000_000_000
    let friday = SampleData.jan2024 + 4 * TicksTests.day
    var times: [Int64] = []
    for h in 12..<(24 * 3 + 12) {
      let t = friday + Int64(h) * hour
      let wd = (t / TicksTests.day + 3) % 7
      if wd < 5 { times.append(t) }
    }
    let ticks = TimeTicks.ticks(times: times, maxCount: 8, collapsed: true)
    #expect(Set(ticks.map(\.index)).count == ticks.count)
    #expect(ticks.contains { $0.label == "Jan 8" && $0.major })
    #expect(ticks.contains { $0.label.hasSuffix(":00") && !$0.major })
    #expect(ticks.count <= 8)
  }

  @Test func yearlyTicksOverDecades() {
    let times = (0..<40).map { SampleData.jan2024 - Int64(40 - $0) * 365 * TicksTests.day }
    let ticks = TimeTicks.ticks(times: times, maxCount: 6, collapsed: false)
    #expect(!ticks.isEmpty && ticks.count <= 6)
    #expect(ticks.allSatisfy { Int($0.label).map { $0 % 5 == 0 } == true })
  }
}
