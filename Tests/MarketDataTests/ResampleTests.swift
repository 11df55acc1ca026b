import Testing

@testable import MarketData

/// Resampling against pandas (scripts/fixtures/pandas_resample.py) and alignment without
/// look-ahead.
@Suite struct ResampleTests {
  let input: Bars

  init() throws {
    input = try Bars.load(Fixture.path("resample/input_15m.csv"))
  }

  func expectEqual(_ ours: Bars, _ golden: Bars, _ label: String) {
    #expect(ours.count == golden.count, "\(label): row count")
    guard ours.count == golden.count else { return }
    #expect(ours.time == golden.time, "\(label): labels")
    #expect(ours.open == golden.open, "\(label): open")
    #expect(ours.high == golden.high, "\(label): high")
    #expect(ours.low == golden.low, "\(label): low")
    #expect(ours.close == golden.close, "\(label): close")
    for i in 0..<ours.count where abs(ours.volume[i] - golden.volume[i]) > 1e-9 * golden.volume[i] {
      Issue.record("\(label): volume at \(i): \(ours.volume[i]) vs \(golden.volume[i])")
      break
    }
  }

  @Test(arguments: ["1h", "4h", "7h", "1d", "3d", "1w", "1M"])
  func utcPeriodsMatchPandas(rule: String) throws {
    let timeframe = try #require(Timeframe(rule))
    let golden = try Bars.load(Fixture.path("resample/utc_\(rule).csv"))
    let ours = try input.resample(to: timeframe)
    expectEqual(ours, golden, rule)
    #expect(ours.timeframe == timeframe)
  }

  @Test(arguments: ["1h", "1d"])
  func sessionPeriodsMatchPandas(rule: String) throws {
    let session = try Session("09:30-16:00", timeZone: "America/New_York")
    let golden = try Bars.load(Fixture.path("resample/session_\(rule).csv"))
    let ours = try input.resample(to: try #require(Timeframe(rule)), session: session)
    expectEqual(ours, golden, "session \(rule)")
  }

  @Test func sessionFollowsDaylightSaving() throws {
    let session = try Session("09:30-16:00", timeZone: "America/New_York")
    let daily = try input.resample(to: Timeframe(count: 1, unit: .day), session: session)
    let winter = try #require(daily.time.first { $0 >= Fixture.t("2024-03-08") })
    let summer = try #require(daily.time.first { $0 >= Fixture.t("2024-03-11") })
    #expect(UTCTime.iso(winter) == "2024-03-08T14:30:00Z")
    #expect(UTCTime.iso(summer) == "2024-03-11T13:30:00Z")
  }

  @Test func rejectsLowerTimeframesAndBadSessions() {
    #expect(throws: SeriesError.self) { try input.resample(to: Timeframe(count: 5, unit: .minute)) }
    #expect(throws: DataError.self) { try Session("9:30 to 16:00", timeZone: "America/New_York") }
    #expect(throws: DataError.self) { try Session("09:30-16:00", timeZone: "Nowhere/Land") }
  }

  @Test func overnightSessionBelongsToItsOpeningDay() throws {
    let session = try Session("18:00-17:00", timeZone: "UTC")
    let bars = try SyntheticBars(
      count: 48, start: Fixture.t("2024-01-02T00:00:00Z"), timeframe: Timeframe(count: 1, unit: .hour)
    ).generate()
    let daily = try bars.resample(to: Timeframe(count: 1, unit: .day), session: session)
    // 00:00–16:59 of Jan 2 belong to the session opened Jan 1 18:00; 17:00 is outside.
    #expect(
      daily.time == [
        Fixture.t("2024-01-01T18:00:00Z"), Fixture.t("2024-01-02T18:00:00Z"),
        Fixture.t("2024-01-03T18:00:00Z"),
      ])
    #expect(daily.open[0] == bars.open[0] && daily.close[0] == bars.close[16])
    #expect(daily.open[1] == bars.open[18])
  }

  /// Every aligned row must equal the resample of only the intraday bars that had closed by
  /// then, restricted to completed periods: recomputed from scratch at each checkpoint.
  @Test func alignmentNeverExposesAnUnfinishedBar() throws {
    let minutes = try SyntheticBars(count: 4 * 1_440 + 90, seed: 4, start: Fixture.t("2024-01-01T00:00:00Z"))
      .generate()
    for rule in ["1h", "1d"] {
      let frame = try #require(Timeframe(rule))
      let higher = try minutes.resample(to: frame)
      let aligned = try higher.align(to: minutes)
      let indices = try higher.alignmentIndices(to: minutes)
      #expect(aligned.count == minutes.count)
      for i in 0..<minutes.count {
        let closeOfBar = minutes.time[i] + 60_000_000_000
        let j = indices[i]
        if j >= 0 {
          #expect(
            frame.end(ofBarStartingAt: higher.time[j]) <= closeOfBar, "\(rule) bar \(j) exposed early at \(i)"
          )
          #expect(aligned.close[i] == higher.close[j])
        } else {
          #expect(aligned.close[i].isNaN)
        }
        if j + 1 < higher.count {
          #expect(
            frame.end(ofBarStartingAt: higher.time[j + 1]) > closeOfBar,
            "\(rule): a completed bar was withheld")
        }
      }
      // Spot checks against a resample of the data known at that moment.
      for i in stride(from: 0, to: minutes.count, by: 97) where indices[i] >= 0 {
        let known = minutes.slice(0..<(i + 1))
        let recomputed = try known.resample(to: frame)
        let complete = recomputed.time.lastIndex {
          frame.end(ofBarStartingAt: $0) <= minutes.time[i] + 60_000_000_000
        }
        let k = try #require(complete)
        #expect(recomputed.close[k] == aligned.close[i] && recomputed.high[k] == aligned.high[i])
        #expect(recomputed.time[k] == higher.time[indices[i]])
      }
    }
    // The last minute of a day exposes that day; the one before does not.
    let daily = try minutes.resample(to: Timeframe(count: 1, unit: .day))
    let indices = try daily.alignmentIndices(to: minutes)
    #expect(indices[1_438] == -1 && indices[1_439] == 0 && indices[2 * 1_440 - 1] == 1)
  }

  @Test func sessionDailyAlignsAtTheNextOpen() throws {
    let session = try Session("09:30-16:00", timeZone: "America/New_York")
    let daily = try input.resample(to: Timeframe(count: 1, unit: .day), session: session)
    let indices = try daily.alignmentIndices(to: input)
    var lastRowOfDay: [Int64: Int] = [:]
    for (row, t) in input.time.enumerated() {
      if let day = session.locate(t)?.day { lastRowOfDay[day] = row }
    }
    var exposed = 0
    for i in 0..<input.count where indices[i] >= 0 {
      // Every bar of the exposed session started no later than this bar.
      let day = try #require(session.locate(daily.time[indices[i]])?.day)
      #expect(try #require(lastRowOfDay[day]) <= i)
      exposed += 1
    }
    #expect(exposed > 0)
  }

  @Test func monthEnds() throws {
    let month = Timeframe(count: 1, unit: .month)
    #expect(month.end(ofBarStartingAt: Fixture.t("2024-01-31")) == Fixture.t("2024-02-29"))
    #expect(month.end(ofBarStartingAt: Fixture.t("2024-12-01")) == Fixture.t("2025-01-01"))
    #expect(
      Timeframe(count: 3, unit: .month).end(ofBarStartingAt: Fixture.t("2024-11-01"))
        == Fixture.t("2025-02-01"))
  }
}
