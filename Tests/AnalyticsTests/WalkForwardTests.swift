import MarketData
import Simulator
import Testing

@testable import Analytics

@Suite struct WalkForwardTests {
  static let hour: Int64 = 3_600_000_000_000

  static func hourly(_ n: Int, gapsEvery: Int = 0) -> [Int64] {
    var time: [Int64] = []
    var t: Int64 = 1_704_067_200_000_000_000
    for i in 0..<n {
      time.append(t)
      // Weekend-like holes: skip 48 hours every `gapsEvery` bars.
      t += gapsEvery > 0 && i % gapsEvery == gapsEvery - 1 ? 49 * hour : hour
    }
    return time
  }

  /// The property the walk-forward analysis rests on: a test window never overlaps its
  /// training window (nor any earlier training data after it), and windows move forward.
  func checkNoOverlap(_ windows: [WalkForwardWindow], count: Int, anchored: Bool) {
    for (k, w) in windows.enumerated() {
      #expect(w.number == k + 1)
      #expect(w.train.lowerBound >= 0 && w.test.upperBound <= count)
      #expect(w.train.count >= 2 && w.test.count >= 2)
      #expect(w.test.lowerBound >= w.train.upperBound, "window \(w.number): test \(w.test) overlaps train \(w.train)")
      #expect(w.train.clamped(to: w.test).isEmpty)
      if anchored { #expect(w.train.lowerBound == 0) }
      if k > 0 {
        #expect(w.test.lowerBound >= windows[k - 1].test.upperBound, "test windows overlap")
        #expect(w.train.lowerBound >= windows[k - 1].train.lowerBound)
      }
    }
  }

  @Test func noTestWindowOverlapsItsTrainingWindowInBars() throws {
    var configurations = 0
    for n in [10, 57, 200, 1000] {
      for train in [2, 3, 10, 33, 100, 400] {
        for test in [2, 5, 17, 50, 120] {
          for anchored in [false, true] {
            guard train + test <= n else {
              #expect(throws: WalkForwardDataError.self) {
                try WalkForward.windows(time: Self.hourly(n), train: .bars(train), test: .bars(test), anchored: anchored)
              }
              continue
            }
            let windows = try WalkForward.windows(
              time: Self.hourly(n), train: .bars(train), test: .bars(test), anchored: anchored)
            checkNoOverlap(windows, count: n, anchored: anchored)
            #expect(windows.count == (n - train) / test)
            #expect(windows.allSatisfy { $0.test.count == test && (anchored || $0.train.count == train) })
            configurations += 1
          }
        }
      }
    }
    #expect(configurations > 100)
  }

  @Test func noTestWindowOverlapsItsTrainingWindowInDurations() throws {
    for gaps in [0, 120, 500] {
      let time = Self.hourly(3000, gapsEvery: gaps)
      for train in ["2d", "5d", "2w", "36h"] {
        for test in ["1d", "3d", "1w", "720m"] {
          for anchored in [false, true] {
            let windows = try WalkForward.windows(
              time: time, train: WindowLength.parse(train, option: "train"), test: WindowLength.parse(test, option: "test"),
              anchored: anchored)
            checkNoOverlap(windows, count: time.count, anchored: anchored)
          }
        }
      }
    }
  }

  @Test func durationWindowsFollowTheClock() throws {
    let time = Self.hourly(24 * 10)
    let windows = try WalkForward.windows(
      time: time, train: .parse("3d", option: "train"), test: .parse("2d", option: "test"), anchored: false)
    #expect(windows.map(\.train) == [0..<72, 48..<120, 96..<168])
    #expect(windows.map(\.test) == [72..<120, 120..<168, 168..<216])
    let anchored = try WalkForward.windows(
      time: time, train: .parse("3d", option: "train"), test: .parse("2d", option: "test"), anchored: true)
    #expect(anchored.map(\.train) == [0..<72, 0..<120, 0..<168])
  }

  @Test func barWindowsRollByOneTestLength() throws {
    let windows = try WalkForward.windows(time: Self.hourly(100), train: .bars(40), test: .bars(20), anchored: false)
    #expect(windows.map(\.train) == [0..<40, 20..<60, 40..<80])
    #expect(windows.map(\.test) == [40..<60, 60..<80, 80..<100])
  }

  @Test func badLengthsAreRefused() {
    #expect(throws: SweepSpecError.self) { try WindowLength.parse("6M", option: "train") }
    #expect(throws: SweepSpecError.self) { try WindowLength.parse("90x", option: "train") }
    #expect(throws: SweepSpecError.self) { try WindowLength.parse("1", option: "test") }
    #expect(throws: SweepSpecError.self) { try WindowLength.parse("-5d", option: "test") }
    #expect(throws: SweepSpecError.self) {
      try WalkForward.windows(time: Self.hourly(100), train: .bars(40), test: .parse("1d", option: "test"), anchored: false)
    }
    #expect(throws: WalkForwardDataError.self) {
      try WalkForward.windows(time: Self.hourly(100), train: .parse("5d", option: "train"), test: .parse("1d", option: "test"), anchored: false)
    }
  }

  @Test func efficiencyIsTheRatioOfMeans() {
    #expect(WalkForward.efficiency(inSample: [2, 4], outOfSample: [1, 1]) == 2.0 / 6.0)
    #expect(WalkForward.efficiency(inSample: [2, .nan, 4], outOfSample: [1, 5, 1]) == 2.0 / 6.0)
    #expect(WalkForward.efficiency(inSample: [-1, 0.5], outOfSample: [1, 1]).isNaN)
    #expect(WalkForward.efficiency(inSample: [], outOfSample: []).isNaN)
    #expect(WalkForward.efficiencyMetric(for: "return_pct") == "cagr_pct")
    #expect(WalkForward.efficiencyMetric(for: "sharpe") == "sharpe")
  }
}
