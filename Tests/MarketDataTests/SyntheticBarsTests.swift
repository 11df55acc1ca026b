import Foundation
import Testing

@testable import MarketData

@Suite struct SyntheticBarsTests {
  @Test func sameSeedSameBars() throws {
    let a = try SyntheticBars(count: 500, seed: 7).generate()
    let b = try SyntheticBars(count: 500, seed: 7).generate()
    let c = try SyntheticBars(count: 500, seed: 8).generate()
    #expect(a == b)
    #expect(a.close != c.close)
  }

  @Test func barsAreValidOHLCV() throws {
    let bars = try SyntheticBars(count: 10_000, seed: 3, volatility: 0.05).generate()
    #expect(bars.count == 10_000)
    for i in 0..<bars.count {
      #expect(bars.high[i] >= max(bars.open[i], bars.close[i]))
      #expect(bars.low[i] <= min(bars.open[i], bars.close[i]))
      #expect(bars.low[i] > 0 && bars.volume[i] >= 0)
      if i > 0 {
        #expect(bars.time[i] - bars.time[i - 1] == 60_000_000_000)
        #expect(bars.open[i] == bars.close[i - 1])
      }
    }
    #expect(bars.time[0] == UTCTime.parse("2024-01-01")!)
  }

  @Test func driftAndVolatilityShapeTheWalk() throws {
    let bars = try SyntheticBars(count: 20_000, seed: 11, drift: 0.001, volatility: 0.01).generate()
    var sum = 0.0
    var sumSquares = 0.0
    for i in 1..<bars.count {
      let r = (bars.close[i] / bars.close[i - 1]).logValue
      sum += r
      sumSquares += r * r
    }
    let n = Double(bars.count - 1)
    let mean = sum / n
    let sd = (sumSquares / n - mean * mean).squareRoot()
    #expect(abs(mean - 0.001) < 0.0003)
    #expect(abs(sd - 0.01) < 0.0005)
  }

  @Test func invalidParametersNameTheField() {
    #expect(throws: SyntheticBars.Problem.invalid(field: "bars", expected: "a count >= 0", got: "-1")) {
      try SyntheticBars(count: -1).generate()
    }
    #expect(throws: SyntheticBars.Problem.self) {
      try SyntheticBars(count: 10, timeframe: Timeframe("1M")!).generate()
    }
    #expect(throws: SyntheticBars.Problem.self) { try SyntheticBars(count: 10, volatility: -1).generate() }
  }
}

extension Double {
  fileprivate var logValue: Double { _log(self) }
}

private func _log(_ x: Double) -> Double { Foundation.log(x) }
