import MarketData
import Testing

@testable import Simulator

/// SmaCross written per bar and as signals gives the same trades.
@Suite struct EventFormTests {
  func compare(_ bars: Bars, _ config: SimulationConfig) throws {
    let fast = rollingMean(bars.close, 10)
    let slow = rollingMean(bars.close, 20)
    let up = crossover(fast, slow)
    let down = crossover(slow, fast)
    let vectorized = try Backtest.run(
      [BacktestInput(bars: bars, signals: [SignalSet(longEntry: up, longExit: down, shortEntry: down, shortExit: up)])],
      config: config)
    let event = try Backtest.run([BacktestInput(bars: bars)], config: config) { ctx in
      if up[ctx.bar] {
        ctx.close()
        ctx.buy()
      } else if down[ctx.bar] {
        ctx.close()
        ctx.sell()
      }
    }
    #expect(vectorized.trades.count > 10)
    #expect(event.trades == vectorized.trades)
    #expect(event.equity == vectorized.equity)
    #expect(event.rejections == vectorized.rejections)
  }

  @Test func smaCrossOnGOOG() throws {
    try compare(try FixtureData.goog(), BacktestingParityTests.config)
  }

  @Test func smaCrossOnSyntheticBarsWithExitRules() throws {
    let bars = try SyntheticBars(count: 5_000, seed: 7, volatility: 0.01).generate()
    for fill in FillTiming.allCases {
      let config = SimulationConfig(
        exits: ExitRules(stopATR: ATRMultiple(period: 14, multiple: 2), targetR: 3, breakEvenR: 1,
          trailPercent: 0.03, partials: [PartialExit(r: 1, fraction: 0.5)], maxBars: 50),
        sizing: Sizing(mode: .risk(fraction: 0.02), wholeUnits: true),
        costs: Costs(commission: Commission(percent: 0.001), slippage: .bps(1)), fill: fill)
      try compare(bars, config)
    }
  }
}
