import MarketData
import Testing

@testable import Simulator

/// Portfolios run with per-symbol work in parallel give bit for bit the sequential result.
@Suite struct PortfolioParallelTests {
  /// SmaCross signals (long and short, with a tag) on `count` synthetic symbols; `step`
  /// minutes apart per symbol shifts their clocks so that times interleave.
  static func inputs(
    symbols: Int, bars: Int, stagger: Bool = false, tagged: Bool = false, vol: Double = 0.01
  ) throws -> [BacktestInput] {
    try (0..<symbols).map { s in
      var generator = SyntheticBars(count: bars - (stagger ? s * 37 : 0), seed: UInt64(11 + s), volatility: vol)
      generator.symbol = "S\(s)"
      generator.timeframe = Timeframe(count: stagger ? 1 + s % 3 : 1, unit: .minute)
      if stagger { generator.start += Int64(s) * 20_000_000_000 }
      let b = try generator.generate()
      let fast = rollingMean(b.close, 5 + s)
      let slow = rollingMean(b.close, 20)
      let up = crossover(fast, slow)
      let down = crossover(slow, fast)
      var sets = [SignalSet(longEntry: up, longExit: down, shortEntry: down, shortExit: up, tag: tagged ? "x" : "")]
      if tagged {
        let dip = crossover(rollingMean(b.close, 3), fast)
        sets.append(SignalSet(longEntry: dip, tag: "dip"))
      }
      return BacktestInput(bars: b, signals: sets)
    }
  }

  /// Every field of two results, doubles compared by bit pattern.
  func expectIdentical(_ a: BacktestResult, _ b: BacktestResult) {
    #expect(a.symbols == b.symbols)
    #expect(a.trades == b.trades)
    #expect(a.openTrades == b.openTrades)
    #expect(a.time == b.time)
    #expect(a.equity.map(\.bitPattern) == b.equity.map(\.bitPattern))
    #expect(a.exposed == b.exposed)
    #expect(a.rejections == b.rejections)
    #expect(a.skipped == b.skipped)
    #expect(a.ambiguity.count == b.ambiguity.count)
    for policy in IntrabarPolicy.allCases {
      #expect(a.ambiguity.pnl[policy]?.bitPattern == b.ambiguity.pnl[policy]?.bitPattern)
    }
    #expect(a.ambiguity.exits == b.ambiguity.exits)
    #expect(a.commissions.bitPattern == b.commissions.bitPattern)
    #expect(a.firstClose == b.firstClose)
    #expect(a.lastClose == b.lastClose)
  }

  func compare(
    _ inputs: [BacktestInput], _ config: SimulationConfig, onBar: BarHandler? = nil
  ) throws -> BacktestResult {
    let sequential = try Backtest.run(inputs, config: config, onBar: onBar, parallel: false)
    let parallel = try Backtest.run(inputs, config: config, onBar: onBar, parallel: true)
    expectIdentical(parallel, sequential)
    return sequential
  }

  /// The speculative path itself (not the fallback) on the given inputs.
  func speculative(_ inputs: [BacktestInput], _ config: SimulationConfig) -> BacktestResult? {
    let feeds = inputs.map(SymbolFeed.init)
    let atr = feeds.map { feed in
      var columns: [Int: [Double]] = [:]
      for p in config.atrPeriods { columns[p] = Volatility.atr(high: feed.high, low: feed.low, close: feed.close, period: p) }
      return columns
    }
    return Portfolio.run(feeds, config: config, atr: atr)
  }

  /// Tight levels: bars often reach the stop and the partial level both (ambiguous exits).
  static let exits = ExitRules(
    stopATR: ATRMultiple(period: 14, multiple: 0.6), targetR: 2, breakEvenR: 1, trailATR: ATRMultiple(period: 10, multiple: 3),
    partials: [PartialExit(r: 0.5, fraction: 0.5)], maxBars: 60)

  @Test func unitsSizingWithAmpleCashRunsSymbolsApart() throws {
    let inputs = try Self.inputs(symbols: 4, bars: 4_000)
    let config = SimulationConfig(
      exits: Self.exits, sizing: Sizing(mode: .units(3)),
      costs: Costs(commission: Commission(percent: 0.001, minimum: 0.5), slippage: .atr(fraction: 0.1, period: 7)),
      intrabar: .nearest, cash: 1_000_000)
    let result = try compare(inputs, config)
    #expect(result.trades.count > 400)
    #expect(result.ambiguity.count > 0)
    #expect(Set(result.trades.map(\.exitReason)).count >= 5)
    let replayed = try #require(speculative(inputs, config))
    expectIdentical(replayed, result)
  }

  @Test func staggeredClocksTagsPyramidingOpenTradesAndCloseFills() throws {
    let inputs = try Self.inputs(symbols: 5, bars: 3_000, stagger: true, tagged: true)
    for fill in FillTiming.allCases {
      let config = SimulationConfig(
        exits: ExitRules(stopPercent: 0.01, targetPercent: 0.02, trailPercent: 0.015), sizing: Sizing(mode: .cash(2_000), wholeUnits: true),
        costs: Costs(commission: Commission(perUnit: 0.01, minimum: 1, maximumPercent: 0.01), slippage: .bps(2)),
        fill: fill, pyramiding: 2, cash: 1_000_000, closeAtEnd: false)
      let result = try compare(inputs, config)
      #expect(result.trades.count > 300)
      #expect(result.skipped[.duplicateTag, default: 0] > 0)
      #expect(Set(result.time).count == result.time.count)
      #expect(result.time.count > 3_000)
      let replayed = try #require(speculative(inputs, config))
      expectIdentical(replayed, result)
    }
  }

  @Test func cashRunningOutRejectsOrdersIdentically() throws {
    let inputs = try Self.inputs(symbols: 4, bars: 3_000, tagged: true)
    let config = SimulationConfig(
      exits: ExitRules(stopPercent: 0.02), sizing: Sizing(mode: .cash(4_000)),
      costs: Costs(commission: Commission(fixed: 1)), pyramiding: 2, cash: 10_000)
    let result = try compare(inputs, config)
    #expect(result.rejections.count > 50)
    #expect(result.rejections.allSatisfy { $0.reason.hasPrefix("insufficient funds") })
    #expect(result.trades.count > 100)
    // The shared account refuses entries the symbols took apart: the speculation is void.
    #expect(speculative(inputs, config) == nil)
  }

  @Test func sizeRejectionsAndWholeUnitsReplayInOrder() throws {
    let inputs = try Self.inputs(symbols: 3, bars: 2_000, vol: 0.02)
    // 150 of cash buys 1 unit near 100 and 0 units once prices pass 150.
    let config = SimulationConfig(sizing: Sizing(mode: .cash(150), wholeUnits: true), cash: 1_000_000)
    let result = try compare(inputs, config)
    #expect(result.rejections.contains { $0.reason == "the size rounds to 0 units" })
    #expect(speculative(inputs, config) != nil)
  }

  @Test func sharedEquitySizingStaysSequentialAndIdentical() throws {
    let inputs = try Self.inputs(symbols: 4, bars: 3_000, stagger: true)
    for mode in [SizingMode.equity(fraction: 0.3), .risk(fraction: 0.0005), .volatility(target: 0.002, period: 20)] {
      let config = SimulationConfig(
        exits: Self.exits, sizing: Sizing(mode: mode, wholeUnits: true),
        costs: Costs(commission: Commission(percent: 0.0005), slippage: .atr(fraction: 0.05, period: 14)))
      let result = try compare(inputs, config)
      #expect(result.trades.count > 100)
      #expect(!Portfolio.independent(config, onBar: nil, review: nil))
    }
  }

  @Test func eventFormReadingEquityIsIdentical() throws {
    let inputs = try Self.inputs(symbols: 3, bars: 2_000).map { BacktestInput(bars: $0.bars) }
    let config = SimulationConfig(exits: ExitRules(stopPercent: 0.01), sizing: Sizing(mode: .units(5)), cash: 20_000)
    let handler: BarHandler = { ctx in
      if ctx.bar % 40 == ctx.symbolIndex * 7 && ctx.position == 0 && ctx.equity > 19_000 { ctx.buy() }
      if ctx.bar % 40 == 30 { ctx.close() }
    }
    let result = try compare(inputs, config, onBar: handler)
    #expect(result.trades.count > 50)
  }

  @Test func validationNamesTheFirstBadSymbolInInputOrder() throws {
    var inputs = try Self.inputs(symbols: 4, bars: 500)
    inputs[1].signals[0].longEntry.removeLast()
    inputs[3].signals[0].shortEntry.removeLast()
    for parallel in [false, true] {
      #expect(throws: SimulationError.invalid(field: "signals[2].long_entry", expected: "500 values (one per bar)", got: "499")) {
        try Backtest.run(inputs, config: SimulationConfig(), onBar: nil, parallel: parallel)
      }
    }
  }
}
