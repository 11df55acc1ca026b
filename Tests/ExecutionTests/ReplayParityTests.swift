import Execution
import MarketData
import Simulator
import Testing

/// Replaying bars as ticks through the engine gives exactly the backtest's trades.
@Suite struct ReplayParityTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var config: SimulationConfig
    var strategy: CrossStrategy
    var side: Side
    var reasons: Set<ExitReason>
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "stop and target, next open, bps slippage",
      config: SimulationConfig(
        exits: ExitRules(stopPercent: 0.04, targetPercent: 0.08),
        sizing: Sizing(mode: .equity(fraction: 0.9)),
        costs: Costs(commission: Commission(percent: 0.001), slippage: .bps(5)), cash: 100_000),
      strategy: CrossStrategy(), side: .long, reasons: [.stop, .target, .signal]),
    Case(
      name: "ATR stop, break-even, trailing percent, partials, fill at close, ATR slippage",
      config: SimulationConfig(
        exits: ExitRules(
          stopATR: ATRMultiple(period: 14, multiple: 2), breakEvenR: 1, trailPercent: 0.05,
          partials: [PartialExit(r: 1.5, fraction: 0.5)]),
        sizing: Sizing(mode: .risk(fraction: 0.02), wholeUnits: true),
        costs: Costs(
          commission: Commission(perUnit: 0.01, minimum: 1), slippage: .atr(fraction: 0.1, period: 10)),
        fill: .close, cash: 100_000),
      strategy: CrossStrategy(fast: 5, slow: 20), side: .long,
      reasons: [.stop, .partial, .breakEven, .trail, .signal, .end]),
    Case(
      name: "shorts with ATR trailing, R target, max bars, optimistic",
      config: SimulationConfig(
        exits: ExitRules(
          stopPercent: 0.05, targetR: 2, trailATR: ATRMultiple(period: 10, multiple: 3), maxBars: 25),
        sizing: Sizing(mode: .cash(20_000)),
        costs: Costs(commission: Commission(fixed: 2), slippage: .ticks(count: 2, size: 0.01)),
        intrabar: .optimistic, cash: 100_000),
      strategy: CrossStrategy(fast: 8, slow: 21, shorts: true, longs: false), side: .short,
      reasons: [.stop, .target, .trail, .maxBars, .signal]),
    Case(
      name: "reversals without levels, volatility sizing, nearest",
      config: SimulationConfig(
        sizing: Sizing(mode: .volatility(target: 0.01, period: 20)),
        costs: Costs(commission: Commission(percent: 0.0005)), intrabar: .nearest, cash: 50_000),
      strategy: CrossStrategy(fast: 10, slow: 40, shorts: true, longs: true), side: .long,
      reasons: [.reverse, .end]),
  ]

  @Test(arguments: cases)
  func engineMatchesBacktest(_ c: Case) throws {
    let bars = try Support.goog()
    let expected = try c.strategy.backtest(bars, config: c.config)
    #expect(expected.trades.count > 5)
    // The case exercises the rules it names.
    #expect(c.reasons.isSubset(of: Set(expected.trades.map(\.exitReason))))
    let engine = try Engine(
      symbols: ["GOOG"], timeframe: Timeframe(count: 1, unit: .day), config: c.config,
      strategy: c.strategy.engineStrategy, broker: PaperBroker(costs: c.config.costs))
    for tick in Support.ticks(bars, side: c.side, policy: c.config.intrabar) {
      try engine.process(tick, symbol: 0)
    }
    try engine.finish()
    #expect(engine.trades.count == expected.trades.count)
    for (a, b) in zip(engine.trades, expected.trades) where a != b {
      Issue.record("first difference:\n engine   \(a)\n backtest \(b)")
      break
    }
    #expect(engine.trades == expected.trades)
    #expect(engine.equity.map(\.value) == expected.equity)
    #expect(engine.state.finished)
  }
}

/// Two symbols sharing one account: a bar replay (bars as ticks plus candle closes, in the
/// simulator's order of work) gives the backtest's trades and merged equity.
@Suite struct MultiSymbolParityTests {
  /// GOOG inverted (20000 / price, high and low swapped) from bar 100 on: another path on
  /// partly overlapping dates.
  static func mirror(_ bars: Bars) -> Bars {
    let range = 100..<bars.count
    return Bars(
      time: Array(bars.time[range]), open: range.map { 20_000 / bars.open[$0] },
      high: range.map { 20_000 / bars.low[$0] },
      low: range.map { 20_000 / bars.high[$0] }, close: range.map { 20_000 / bars.close[$0] },
      volume: Array(bars.volume[range]), symbol: "MIRROR", timeframe: bars.timeframe)
  }

  @Test func twoSymbolsShareTheAccountLikeTheBacktest() throws {
    let goog = try Support.goog()
    let mirror = Self.mirror(goog)
    let config = SimulationConfig(
      exits: ExitRules(stopPercent: 0.05, targetPercent: 0.12, trailPercent: 0.06),
      sizing: Sizing(mode: .equity(fraction: 0.6)),
      costs: Costs(commission: Commission(percent: 0.001), slippage: .bps(3)),
      cash: 100_000)
    let strategy = CrossStrategy()
    let closes = [goog.close, mirror.close]
    let expected = try Backtest.run([BacktestInput(bars: goog), BacktestInput(bars: mirror)], config: config)
    { ctx in
      let all = closes[ctx.symbolIndex]
      for intent in strategy.intents(closes: all[max(0, ctx.bar + 1 - 200)...ctx.bar], position: ctx.position)
      {
        if intent.action == .buy { ctx.buy() } else { ctx.close() }
      }
    }
    #expect(Set(expected.trades.map(\.symbol)) == ["GOOG", "MIRROR"])
    let engine = try Engine(
      symbols: ["GOOG", "MIRROR"], timeframe: Timeframe(count: 1, unit: .day), config: config,
      strategy: strategy.engineStrategy, broker: PaperBroker(costs: config.costs))
    try ReplayFeed(bars: [goog, mirror], policy: .pessimistic).run(engine)
    #expect(engine.trades == expected.trades)
    let result = engine.result()
    #expect(result.time == expected.time)
    #expect(result.equity == expected.equity)
    #expect(result.exposed == expected.exposed)
  }

  @Test func refusesUnknownSymbolIndexes() throws {
    let engine = try Engine(
      symbols: ["A"], timeframe: Timeframe(count: 1, unit: .day), config: SimulationConfig(),
      strategy: ClosureStrategy { _ in [] }, broker: PaperBroker(costs: Costs()))
    #expect(throws: ExecutionError.invalidArgument("symbol", expected: "an index below 1", got: "1")) {
      try engine.process(Tick(time: 0, price: 1), symbol: 1)
    }
    #expect(throws: ExecutionError.self) { try engine.closeCandle(of: -1) }
    #expect(throws: ExecutionError.self) {
      try Engine(
        symbols: ["A", "A"], timeframe: Timeframe(count: 1, unit: .day), config: SimulationConfig(),
        strategy: ClosureStrategy { _ in [] }, broker: PaperBroker(costs: Costs()))
    }
  }
}
