import Foundation
import Testing

@testable import MarketData

@Suite struct TimeZoneTests {
  @Test func newYorkOffsetsAroundDaylightSaving() throws {
    let ny = try TimeZoneRules.named("America/New_York")
    let second = UTCTime.nanosecondsPerSecond
    // 2024-03-10 07:00 UTC is 02:00 EST → 03:00 EDT.
    #expect(ny.offset(atUTC: Fixture.t("2024-03-10T06:59:59Z") / second) == -5 * 3_600)
    #expect(ny.offset(atUTC: Fixture.t("2024-03-10T07:00:00Z") / second) == -4 * 3_600)
    #expect(ny.offset(atUTC: Fixture.t("2024-11-03T05:59:59Z") / second) == -4 * 3_600)
    #expect(ny.offset(atUTC: Fixture.t("2024-11-03T06:00:00Z") / second) == -5 * 3_600)
    // Beyond the file's transitions the POSIX footer rule applies.
    #expect(ny.offset(atUTC: Fixture.t("2050-07-01T12:00:00Z") / second) == -4 * 3_600)
    #expect(ny.offset(atUTC: Fixture.t("2050-01-01T12:00:00Z") / second) == -5 * 3_600)
  }

  @Test func resolvesGapsAndFolds() throws {
    let ny = try TimeZoneRules.named("America/New_York")
    let s = UTCTime.nanosecondsPerSecond
    #expect(ny.resolve(localSeconds: Fixture.t("2024-03-10T02:30:00Z") / s) == .nonexistent)
    #expect(
      ny.resolve(localSeconds: Fixture.t("2024-11-03T01:30:00Z") / s)
        == .ambiguous(Fixture.t("2024-11-03T05:30:00Z") / s, Fixture.t("2024-11-03T06:30:00Z") / s))
    #expect(
      ny.resolve(localSeconds: Fixture.t("2024-07-01T09:30:00Z") / s)
        == .unique(Fixture.t("2024-07-01T13:30:00Z") / s))
  }

  @Test func agreesWithFoundationOnManyInstants() throws {
    for name in [
      "America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo",
    ] {
      let rules = try TimeZoneRules.named(name)
      let zone = try #require(TimeZone(identifier: name))
      var random = RandomSource(seed: 42)
      for _ in 0..<2_000 {
        let seconds = Int64(random.uniform() * 2_000_000_000)  // 1970 … 2033
        let expected = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        #expect(Int(rules.offset(atUTC: seconds)) == expected, "\(name) at \(seconds)")
      }
    }
  }

  @Test func southernHemisphereRuleAfterLastTransition() throws {
    let sydney = try TimeZoneRules.named("Australia/Sydney")
    let s = UTCTime.nanosecondsPerSecond
    #expect(sydney.offset(atUTC: Fixture.t("2051-01-15T00:00:00Z") / s) == 11 * 3_600)
    #expect(sydney.offset(atUTC: Fixture.t("2051-07-15T00:00:00Z") / s) == 10 * 3_600)
  }

  @Test func unknownZoneIsATypedError() {
    for name in ["Mars/Olympus", "../etc/passwd", ""] {
      #expect(throws: DataError.self) { try TimeZoneRules.named(name) }
    }
  }

  @Test func localTimeFileAcrossBothTransitions() throws {
    let text = """
      time,open,high,low,close
      2024-11-03 00:30,1,1,1,1
      2024-11-03 01:00,1,1,1,1
      2024-11-03 01:30,1,1,1,1
      2024-11-03 01:00,1,1,1,1
      2024-11-03 01:30,1,1,1,1
      2024-11-03 02:00,1,1,1,1
      2024-11-03T08:00:00Z,1,1,1,1

      """
    let bars = try Fixture.bars(text, options: LoadOptions(timeZone: "America/New_York")).bars
    let expected = ["04:30", "05:00", "05:30", "06:00", "06:30", "07:00"].map {
      Fixture.t("2024-11-03T\($0):00Z")
    }
    #expect(Array(bars.time.prefix(6)) == expected)
    #expect(bars.time[6] == Fixture.t("2024-11-03T08:00:00Z"))
  }

  @Test func explicitOffsetsIgnoreTheZoneOption() throws {
    let text =
      "time,open,high,low,close\n2024-07-01T09:30:00Z,1,1,1,1\n2024-07-01T09:31:00-04:00,1,1,1,1\n1719840720,1,1,1,1\n"
    let bars = try Fixture.bars(text, options: LoadOptions(timeZone: "Europe/London")).bars
    #expect(
      bars.time == [
        Fixture.t("2024-07-01T09:30:00Z"), Fixture.t("2024-07-01T13:31:00Z"), 1_719_840_720 * 1_000_000_000,
      ])
  }

  @Test func nonexistentLocalTimeNamesTheLine() throws {
    let text = "time,open,high,low,close\n2024-03-10 01:30,1,1,1,1\n2024-03-10 02:30,1,1,1,1\n"
    do {
      _ = try Fixture.bars(text, options: LoadOptions(timeZone: "America/New_York"))
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .timeZone && error.line == 3 && error.value == "2024-03-10 02:30")
    }
  }
}
