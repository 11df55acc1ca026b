import Execution
import MarketData
import Simulator
import Testing

@Suite struct CandleAggregatorTests {
  let minute = UTCTime.nanosecondsPerSecond * 60

  @Test func closesOnTheFirstTickOfTheNextPeriod() throws {
    var agg = try CandleAggregator(timeframe: Timeframe(count: 1, unit: .minute))
    let base = UTCTime.nanosecondsPerDay * 19_000
    #expect(try agg.add(Tick(time: base + 5, price: 10, size: 1)) == (nil, true))
    #expect(try agg.add(Tick(time: base + 20, price: 12, size: 2)).closed == nil)
    #expect(try agg.add(Tick(time: base + 30, price: 9, size: 3)).opened == false)
    #expect(try agg.add(Tick(time: base + minute - 1, price: 11, size: 4)).closed == nil)
    let (closed, opened) = try agg.add(Tick(time: base + 3 * minute + 7, price: 13, size: 5))
    #expect(opened)
    #expect(closed == Candle(time: base, open: 10, high: 12, low: 9, close: 11, volume: 10))
    #expect(agg.current?.time == base + 3 * minute)
  }

  @Test func advanceAndFlushCloseTheOpenCandle() throws {
    var agg = try CandleAggregator(timeframe: Timeframe(count: 5, unit: .minute))
    let base = UTCTime.nanosecondsPerDay * 19_000
    _ = try agg.add(Tick(time: base + minute, price: 10, size: 1))
    #expect(agg.advance(to: base + 5 * minute - 1) == nil)
    #expect(agg.advance(to: base + 5 * minute)?.time == base)
    #expect(agg.flush() == nil)
    _ = try agg.add(Tick(time: base + 6 * minute, price: 11, size: 1))
    #expect(agg.flush()?.time == base + 5 * minute)
  }

  @Test func refusesOutOfOrderAndNonFiniteTicks() throws {
    var agg = try CandleAggregator(timeframe: Timeframe(count: 1, unit: .hour))
    _ = try agg.add(Tick(time: 100, price: 1))
    #expect(throws: ExecutionError.outOfOrder(previous: 100, got: 99)) {
      try agg.add(Tick(time: 99, price: 1))
    }
    #expect(throws: ExecutionError.self) { try agg.add(Tick(time: 101, price: .nan)) }
  }

  /// Same candles as `Ticks.timeBars` for every timeframe unit, on an irregular tick stream.
  @Test(arguments: ["1s", "7s", "1m", "15m", "1h", "4h", "1d", "1w", "1M", "3M"])
  func matchesTimeBars(_ text: String) throws {
    let timeframe = try #require(Timeframe(text))
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    var time: [Int64] = [], price: [Double] = [], size: [Double] = []
    var t = UTCTime.nanosecondsPerDay * 19_723 + 12_345_678_901
    let step = max((timeframe.nanoseconds ?? UTCTime.nanosecondsPerDay * 30) / 9, 1)
    for _ in 0..<3_000 {
      t += Int64(next() % UInt64(step)) + Int64(next() % 3 == 0 ? 4 * step : 0)
      time.append(t)
      price.append(100 + Double(next() % 1000) / 10)
      size.append(Double(next() % 10))
    }
    let expected = Ticks(time: time, price: price, size: size, symbol: "X").timeBars(timeframe)
    var agg = try CandleAggregator(timeframe: timeframe)
    var candles: [Candle] = []
    for i in time.indices {
      if let c = try agg.add(Tick(time: time[i], price: price[i], size: size[i])).closed { candles.append(c) }
    }
    if let c = agg.flush() { candles.append(c) }
    #expect(candles.map(\.time) == expected.time)
    #expect(candles.map(\.open) == expected.open)
    #expect(candles.map(\.high) == expected.high)
    #expect(candles.map(\.low) == expected.low)
    #expect(candles.map(\.close) == expected.close)
    #expect(candles.map(\.volume) == expected.volume)
  }
}

@Suite struct StrategyInputTests {
  /// The strategy's window as bars equals the input bars up to the closed candle.
  @Test func windowAsBarsMatchesTheReplayedBars() throws {
    let bars = try Support.goog()
    let seen = SeenBars()
    let engine = try Engine(
      symbols: ["GOOG"], timeframe: Timeframe(count: 1, unit: .day), config: SimulationConfig(),
      strategy: ClosureStrategy { input in
        if input.bar == 300 { seen.bars = input.bars }
        return []
      }, broker: PaperBroker(costs: Costs()), window: 50)
    try ReplayFeed(bars: [bars], policy: .pessimistic).run(engine)
    let window = try #require(seen.bars)
    #expect(window.count == 50)
    #expect(window.time == Array(bars.time[251...300]))
    #expect(window.close == Array(bars.close[251...300]))
    #expect(window.high == Array(bars.high[251...300]))
    #expect(window.low == Array(bars.low[251...300]))
    #expect(window.open == Array(bars.open[251...300]))
    #expect(window.volume == Array(bars.volume[251...300]))
    #expect(window.symbol == "GOOG")
  }
}

final class SeenBars: @unchecked Sendable {
  var bars: Bars?
}
