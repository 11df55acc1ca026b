import Testing

@testable import MarketData

@Suite struct UTCTimeTests {
  @Test func parsesDatesAndDatetimes() {
    #expect(UTCTime.parse("1970-01-01") == 0)
    #expect(UTCTime.parse("2024-01-02T09:30:00Z") == 1_704_187_800_000_000_000)
    #expect(UTCTime.parse("2024-01-02 09:30:00") == 1_704_187_800_000_000_000)
    #expect(UTCTime.parse("2024-01-02T09:30") == 1_704_187_800_000_000_000)
    #expect(UTCTime.parse("2024-01-02T10:30:00+01:00") == 1_704_187_800_000_000_000)
    #expect(UTCTime.parse("2024-01-02T04:30:00-0500") == 1_704_187_800_000_000_000)
    #expect(UTCTime.parse("2024-01-02T09:30:00.123456789Z") == 1_704_187_800_123_456_789)
    #expect(UTCTime.parse("1969-12-31T23:59:59Z") == -1_000_000_000)
    #expect(UTCTime.parse("2262-04-12") == nil)
    #expect(UTCTime.parse("1677-09-21T00:12:43.145224191Z") == nil)
  }

  @Test func rejectsMalformedText() {
    for text in [
      "", "2024", "2024-13-01", "2024-02-30", "2023-02-29", "2024-01-02T25:00",
      "2024-01-02T09:30:00Zjunk", "2024-01-02X09:30", "2024-01-02T09:30:00.", "24-01-02",
    ] {
      #expect(UTCTime.parse(text) == nil, "\(text)")
    }
    #expect(UTCTime.parse("2024-02-29") != nil)
  }

  @Test func formatsRoundTrip() throws {
    for text in [
      "2024-01-02T09:30:00Z", "1969-12-31T23:59:59Z", "2000-02-29T00:00:00.5Z",
      "2262-04-11T23:47:16.854775807Z", "1677-09-21T00:12:43.145224192Z",
    ] {
      let ns = try #require(UTCTime.parse(text), "\(text)")
      #expect(UTCTime.iso(ns) == text)
    }
  }

  @Test func civilDatesRoundTripOverFourCenturies() {
    var mismatches = 0
    for days in stride(from: -146_097, through: 146_097, by: 1) {
      let (y, m, d) = UTCTime.civil(days: days)
      if UTCTime.days(year: y, month: m, day: d) != days { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }
}
