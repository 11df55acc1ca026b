import Foundation
import MarketData
import Simulator
import Testing

@testable import Analytics

@Suite struct StabilityTests {
  let day: Int64 = 86_400_000_000_000

  @Test func equalPeriodsSplitTheBarsAndGiveTheRemainderToTheFirst() throws {
    let times = (0..<10).map { Int64($0) * day }
    let periods = try Stability.periods(times: times, split: .periods(3))
    #expect(periods.map(\.bars) == [4, 3, 3])
    #expect(periods.map(\.label) == ["1", "2", "3"])
    #expect(periods.map(\.from) == [0, 4 * day, 7 * day])
    #expect(periods.map(\.to) == [4 * day, 7 * day, nil])
  }

  @Test func calendarYearsStartAtTheFirstBarOfEachYear() throws {
    let start = try #require(UTCTime.parse("2021-12-30"))
    let times = (0..<400).map { start + Int64($0) * day }
    let periods = try Stability.periods(times: times, split: .years)
    #expect(periods.map(\.label) == ["2021", "2022", "2023"])
    #expect(periods.map(\.bars) == [2, 365, 33])
    #expect(periods[1].from == UTCTime.parse("2022-01-01"))
    #expect(periods[1].to == UTCTime.parse("2023-01-01"))
  }

  @Test func tooShortPeriodsAreRefused() {
    let times = (0..<5).map { Int64($0) * day }
    #expect(throws: StudyError.self) { try Stability.periods(times: times, split: .periods(3)) }
    #expect(throws: StudyError.self) { try Stability.periods(times: times, split: .periods(0)) }
    let lonely = [UTCTime.parse("2021-12-31"), UTCTime.parse("2022-01-01"), UTCTime.parse("2022-01-02")]
    #expect(throws: StudyError.self) { try Stability.periods(times: lonely.compactMap { $0 }, split: .years) }
  }

  @Test func dispersionByHand() {
    // mean 7/3; deviations −4/3, −1/3, 5/3; sample variance (16 + 1 + 25) / 9 / 2 = 7/3.
    let d = Dispersion([1, 2, .nan, 4])
    #expect(d.count == 3)
    #expect(abs(d.mean - 7.0 / 3) < 1e-15)
    #expect(abs(d.std - (7.0 / 3).squareRoot()) < 1e-15)
    #expect(d.min == 1 && d.max == 4)
    #expect(abs(d.cv - (7.0 / 3).squareRoot() / (7.0 / 3)) < 1e-15)
    #expect(abs(Dispersion([-2, -4]).cv - 2.0.squareRoot() / 3) < 1e-15)
    #expect(Dispersion([-1, 2, 3]).cv.isNaN)
    #expect(Dispersion([5]).std.isNaN)
    #expect(Dispersion([.nan]).mean.isNaN)
  }

  @Test func theReportTabulatesEachPeriodAndTheSpread() throws {
    let stats = [
      PerformanceStats(tradeResult(cash: 1_000, pnl: [100, -50])),
      PerformanceStats(tradeResult(cash: 1_000, pnl: [300])),
    ]
    let periods = [
      StabilityPeriod(label: "1", from: 0, to: day, bars: 3), StabilityPeriod(label: "2", from: day, to: nil, bars: 2),
    ]
    let report = StabilityReport(periods: periods, stats: stats)
    let returns = try #require(report.dispersion.first { $0.key == "return_pct" }?.value)
    // Returns 5% and 30%: mean 17.5, sample deviation 12.5 × √2.
    #expect(abs(returns.mean - 17.5) < 1e-12)
    #expect(abs(returns.std - 12.5 * 2.0.squareRoot()) < 1e-12)
    #expect(abs(returns.cv - 12.5 * 2.0.squareRoot() / 17.5) < 1e-12)
    let trades = try #require(report.dispersion.first { $0.key == "trades" }?.value)
    #expect(trades.min == 1 && trades.max == 2)
    #expect(!StabilityReport.numericKeys.contains("start"))
    let lines = report.csv.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0].hasPrefix("period,start,end,bars_in_period,bars,trades,return_pct,"))
    #expect(lines[1].hasPrefix("1,1970-01-01T00:00:00Z,1970-01-02T00:00:00Z,3,3,2,5.0"))
    #expect(lines[2].hasPrefix("2,1970-01-02T00:00:00Z,,2,2,1,30.0"))
    #expect(lines[3].hasPrefix("mean,,,,2.5,1.5,17.5"))
    #expect(lines[7].hasPrefix("cv,,,,"))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
    #expect((json["periods"] as? [Any])?.count == 2)
  }
}
