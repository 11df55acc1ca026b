import Testing

@testable import MarketData

@Suite struct BarsInfoTests {
  @Test func countsEveryKindOfProblem() throws {
    let rows = [
      "2024-01-04T22:00:00Z,1,2,0.5,1.5,10",  // Thursday
      "2024-01-04T23:00:00Z,1,2,0.5,1.5,10",
      "2024-01-05T02:00:00Z,1,2,0.5,1.5,10",  // gap: 00:00 and 01:00 missing
      "2024-01-05T02:00:00Z,1,2,0.5,1.5,10",  // duplicate
      "2024-01-05T03:00:00Z,1,0.2,0.5,1.5,10",  // invalid: high < low
      "2024-01-05T21:00:00Z,1,2,0.5,1.5,10",  // gap Friday 03:00 → 21:00
      "2024-01-05T04:00:00Z,1,2,0.5,1.5,10",  // unsorted
      "2024-01-07T22:00:00Z,1,2,0.5,1.5,10",  // weekend gap Friday 22:00 → Sunday 22:00
      "2024-01-07T23:00:00Z,1,2,0.5,1.5,10",
    ]
    let directory = Fixture.scratch("info")
    let path = directory + "/eurusd.csv"
    Fixture.write("time,open,high,low,close,volume\n" + rows.joined(separator: "\n") + "\n", to: path)
    let info = try BarsInfo.inspect(path)
    #expect(info.rows == 9)
    #expect(info.invalidRows == 1)
    #expect(info.firstInvalid?.contains(":6:") == true)
    #expect(info.duplicates == 1)
    #expect(info.unsorted == 1)
    #expect(info.timeframe == Timeframe("1h"))
    #expect(info.first == Fixture.t("2024-01-04T22:00:00Z"))
    #expect(info.last == Fixture.t("2024-01-07T23:00:00Z"))
    #expect(info.gaps == 4)  // 00–01, 03 (its row was invalid), 05–20, the weekend
    #expect(info.weekendGaps == 1)
    #expect(info.missingBars == 2 + 1 + 16 + 48)
    #expect(info.largestGap?.start == Fixture.t("2024-01-05T22:00:00Z"))
    let largest = try #require(info.largestGap)
    #expect(largest.length == Int64(48) * 3_600_000_000_000)
    #expect(info.summary.contains("duplicates: 1"))
  }

  @Test func cleanDailyFile() throws {
    let info = try BarsInfo.inspect(Fixture.path("layouts/yahoo_daily.csv"))
    #expect(info.layout == "yahoo")
    #expect(info.rows == 5 && info.invalidRows == 0 && info.duplicates == 0 && info.unsorted == 0)
    #expect(info.timeframe == Timeframe("1d"))
    #expect(info.gaps == 1 && info.weekendGaps == 1 && info.missingBars == 2)
  }

  @Test func binaryFilesToo() throws {
    let path = Fixture.scratch("info-bin") + "/b.crsbars"
    try BarCache.write(try SyntheticBars(count: 100, seed: 1).generate(), to: path)
    let info = try BarsInfo.inspect(path)
    #expect(info.layout == "cache" && info.rows == 100 && info.timeframe == Timeframe("1m") && info.gaps == 0)
  }

  @Test func unreadableTableStillThrows() {
    #expect(throws: DataError.self) { try BarsInfo.inspect("/nonexistent.csv") }
  }
}
