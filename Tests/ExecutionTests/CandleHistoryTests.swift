import Simulator
import Testing

@testable import Execution

/// The live engine's candle-by-candle volatility equals the simulator's column formulas bit
/// for bit, also once the window has been trimmed.
@Suite struct CandleHistoryTests {
  @Test func atrAndReturnDeviationEqualTheSimulatorsColumns() {
    var state: UInt64 = 17
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var candles: [Candle] = []
    var price = 100.0
    for i in 0..<400 {
      let open = price
      let close = open * (1 + (uniform() - 0.5) * 0.02)
      let high = max(open, close) * (1 + uniform() * 0.01)
      let low = min(open, close) * (1 - uniform() * 0.01)
      candles.append(Candle(time: Int64(i) * 60_000, open: open, high: high, low: low, close: close, volume: 1))
      price = close
    }
    let high = candles.map(\.high), low = candles.map(\.low), close = candles.map(\.close)
    let periods = [1, 5, 14]
    let columns = periods.map { Volatility.atr(high: high, low: low, close: close, period: $0) }
    var history = CandleHistory(limit: 30, atrPeriods: periods)
    for (i, candle) in candles.enumerated() {
      history.append(candle)
      for (k, period) in periods.enumerated() {
        #expect(history.atr(period: period).bitPattern == columns[k][i].bitPattern, "ATR(\(period)) at \(i)")
      }
      for period in [2, 10, 29] {
        let expected = Volatility.returnDeviation(close: close, index: i, period: period)
        #expect(
          history.returnDeviation(period: period).bitPattern == expected.bitPattern,
          "deviation(\(period)) at \(i)")
      }
    }
    #expect(history.atr(period: 7).isNaN)
  }
}
