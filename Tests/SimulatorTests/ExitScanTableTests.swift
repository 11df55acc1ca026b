import MarketData
import Testing

@testable import Simulator

@Suite struct ExitScanTableTests {
  /// The columns of `table` are `run`'s result, converted: returns, bar positions from the
  /// index base, prices, reason counts and the ambiguity ledger; unfilled entries are NaN.
  @Test func tableMatchesTheResult() throws {
    let bars = try SyntheticBars(count: 2_000, seed: 5, volatility: 0.004).generate()
    // Unsorted, repeated, and the last bar (cannot fill at the next open).
    let entries = Array(stride(from: 0, to: 2_000, by: 3)).reversed() + [1_999, 10, 10]
    for side in Side.allCases {
      for policy in IntrabarPolicy.allCases {
        for fill in FillTiming.allCases {
          let r = try ExitScan.run(
            open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: side,
            stopPercent: 0.004, targetPercent: 0.008, maxBars: 40, fill: fill, intrabar: policy)
          let t = try ExitScan.table(
            open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: side,
            stopPercent: 0.004, targetPercent: 0.008, maxBars: 40, fill: fill, intrabar: policy, indexBase: 1)
          let returns = r.returns(side: side)
          var counts = [ExitReason: Int]()
          for k in entries.indices {
            if r.entryBar[k] < 0 {
              #expect(t.returns[k].isNaN && t.entryIndex[k].isNaN && t.exitIndex[k].isNaN)
              #expect(t.entryPrice[k].isNaN && t.exitPrice[k].isNaN)
              continue
            }
            counts[r.reason[k], default: 0] += 1
            #expect(t.returns[k] == returns[k])
            #expect(t.entryIndex[k] == Double(r.entryBar[k] + 1))
            #expect(t.exitIndex[k] == Double(r.exitBar[k] + 1))
            #expect(t.entryPrice[k] == r.entryPrice[k])
            #expect(t.exitPrice[k] == r.exitPrice[k])
          }
          #expect(fill == .close || t.returns[entries.count - 3].isNaN)
          #expect(t.stops == counts[.stop, default: 0] && t.targets == counts[.target, default: 0])
          #expect(t.maxBarsExits == counts[.maxBars, default: 0] && t.ends == counts[.end, default: 0])
          #expect(t.stops + t.targets + t.maxBarsExits + t.ends == entries.count - (fill == .close ? 0 : 1))
          #expect(t.ambiguity == r.ambiguity)
        }
      }
    }
  }

  @Test func tableNamesBadInput() {
    #expect(throws: SimulationError.invalid(field: "max_bars", expected: "an integer >= 1", got: "0")) {
      try ExitScan.table(open: [1, 1], high: [1, 1], low: [1, 1], close: [1, 1], entries: [0], side: .long,
        stopPercent: nil, targetPercent: nil, maxBars: 0)
    }
  }

  /// The entry bars of a mask are its true positions in order, whatever the length (blocks of
  /// 64 flags and a tail) and density.
  @Test func entryBarsAreTheTruePositions() {
    var state: UInt64 = 3
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    for count in [0, 1, 7, 63, 64, 65, 127, 128, 129, 1_000] {
      for density in [0.0, 0.05, 0.5, 1.0] {
        let flags = (0..<count).map { _ in uniform() < density }
        let expected = flags.indices.filter { flags[$0] }
        #expect(ExitScan.entryBars(of: Mask(flags)) == expected, "count \(count), density \(density)")
      }
    }
  }
}
