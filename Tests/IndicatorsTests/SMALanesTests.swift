import Testing

@testable import Indicators

/// The two-bars-per-step loop of the SMA lanes: every length around the longest lookback
/// (an odd or even number of bars after it), fewer and exactly eight lanes, and gaps.
@Suite struct SMALanesTests {
  private static func series(_ n: Int) -> [Double] {
    var state: UInt64 = 12345
    return (0..<n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return 100 + Double(state >> 11) / Double(1 << 53)
    }
  }

  private static func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }
  }

  @Test(arguments: [[5], [3, 8], [5, 10, 20, 30, 50, 100, 150, 200], [1, 2, 3, 4, 5, 6, 7, 9]])
  func equalsSingleCallsAtEveryLength(periods: [Int]) throws {
    let longest = periods.max() ?? 1
    let lengths = [0, 1, 2, longest - 1, longest, longest + 1, longest + 2, longest + 3, longest + 4, 1001]
    let x = Self.series(1001)
    for n in Set(lengths) where n >= 0 {
      let input = Array(x[..<n])
      let many = try Indicators.sma(input, periods: periods)
      for (j, p) in periods.enumerated() {
        let one = try Indicators.sma(input, period: p)
        #expect(Self.same(many[j], one), "period \(p), length \(n)")
      }
    }
  }

  @Test(arguments: [0, 500, 1000])
  func gapsMatchSingleCalls(at position: Int) throws {
    var x = Self.series(1001)
    x[position] = .nan
    let periods = [5, 10, 20, 30, 50, 100, 150, 200]
    let many = try Indicators.sma(x, periods: periods)
    for (j, p) in periods.enumerated() {
      let one = try Indicators.sma(x, period: p)
      #expect(Self.same(many[j], one), "period \(p), NaN at \(position)")
    }
  }
}
