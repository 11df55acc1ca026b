import Testing

@testable import MarketData

@Suite struct TickBarsTests {
  let ticks: Ticks

  init() throws {
    ticks = try Ticks.load(Fixture.path("layouts/ticks_trades.csv"))
  }

  @Test func timeBars() {
    let bars = ticks.timeBars(Timeframe(count: 1, unit: .minute))
    #expect(bars.time == [Fixture.t("2024-01-02T09:30:00Z"), Fixture.t("2024-01-02T09:31:00Z")])
    #expect(bars.open == [101.25, 101.32])
    #expect(bars.high == [101.30, 101.32])
    #expect(bars.low == [101.24, 101.32])
    #expect(bars.close == [101.30, 101.32])
    #expect(bars.volume == [475, 10])
    #expect(bars.timeframe == Timeframe("1m"))
  }

  @Test func tickCountBars() throws {
    let bars = try ticks.tickBars(2)
    #expect(bars.time == [Fixture.t("2024-01-02T09:30:00.012Z"), Fixture.t("2024-01-02T09:30:01.003Z")])
    #expect(bars.open == [101.25, 101.24] && bars.high == [101.27, 101.30])
    #expect(bars.low == [101.25, 101.24] && bars.close == [101.27, 101.30])
    #expect(bars.volume == [125, 350])
    #expect(try ticks.tickBars(2, dropPartial: false).count == 3)
    #expect(throws: SeriesError.self) { try ticks.tickBars(0) }
  }

  @Test func volumeBars() throws {
    let bars = try ticks.volumeBars(120)
    #expect(bars.volume == [125, 300])
    #expect(bars.close == [101.27, 101.24])
    #expect(try ticks.volumeBars(120, dropPartial: false).volume == [125, 300, 60])
    #expect(throws: SeriesError.self) { try ticks.volumeBars(0) }
  }

  @Test func sharedTimestampsStayStrictlyIncreasing() throws {
    let t = Fixture.t("2024-01-02T09:30:00Z")
    let same = Ticks(time: [t, t, t], price: [1, 2, 3], size: [1, 1, 1])
    let bars = try same.tickBars(1)
    #expect(bars.time == [t, t + 1, t + 2])
  }

  @Test func quoteTicksWithoutSizesCannotMakeVolumeBars() throws {
    let quotes = try Ticks.read(Array("time,bid,ask\n2024-01-02T00:00:00Z,1.0,1.2\n".utf8), name: "q.csv")
    #expect(quotes.price == [1.1])
    #expect(quotes.size[0].isNaN)
    #expect(throws: SeriesError.self) { try quotes.volumeBars(10) }
  }
}

@Suite struct RenkoTests {
  func bars(_ closes: [Double]) -> Bars {
    let start = Fixture.t("2024-01-02")
    return Bars(
      time: closes.indices.map { start + Int64($0) * 60_000_000_000 }, open: closes,
      high: closes.map { $0 + 1 },
      low: closes.map { $0 - 1 }, close: closes, volume: closes.map { _ in 1 })
  }

  @Test func fixedBricksWithReversals() throws {
    let source = bars([100, 100.5, 101, 102.2, 103.1, 102.5, 101.9, 100.9, 99.8, 101.5])
    let renko = try source.renko(.fixed(1))
    #expect(renko.open == [100, 101, 102, 102, 101])
    #expect(renko.close == [101, 102, 103, 101, 100])
    #expect(renko.high == [101, 102, 103, 102, 101])
    #expect(renko.low == [100, 101, 102, 101, 100])
    #expect(renko.time == [2, 3, 4, 7, 8].map { source.time[$0] })
    #expect(renko.volume == [2, 1, 1, 3, 1])
  }

  @Test func severalBricksFromOneBar() throws {
    let source = bars([100, 103.5])
    let renko = try source.renko(.fixed(1))
    #expect(renko.close == [101, 102, 103])
    #expect(renko.time == [source.time[1], source.time[1] + 1, source.time[1] + 2])
    #expect(renko.volume == [1, 0, 0])
  }

  @Test func atrBricksUseOnlyKnownBars() throws {
    // True range is 2 on every bar, so ATR(3) = 2; bricks start at bar 3 (close 100).
    let source = bars([100, 100.5, 100, 100, 101, 102.1, 104.2, 98])
    let renko = try source.renko(.atr(period: 3))
    #expect(renko.open == [100, 102, 102, 100])
    #expect(renko.close == [102, 104, 100, 98])
    #expect(renko.time[0] == source.time[5])
    #expect(throws: SeriesError.self) { try source.renko(.atr(period: 10)) }
    #expect(throws: SeriesError.self) { try source.renko(.fixed(0)) }
  }
}
