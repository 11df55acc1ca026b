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
        exits: ExitRules(stopATR: ATRMultiple(period: 14, multiple: 2), breakEvenR: 1, trailPercent: 0.05,
          partials: [PartialExit(r: 1.5, fraction: 0.5)]),
        sizing: Sizing(mode: .risk(fraction: 0.02), wholeUnits: true),
        costs: Costs(commission: Commission(perUnit: 0.01, minimum: 1), slippage: .atr(fraction: 0.1, period: 10)),
        fill: .close, cash: 100_000),
      strategy: CrossStrategy(fast: 5, slow: 20), side: .long,
      reasons: [.stop, .partial, .breakEven, .trail, .signal, .end]),
    Case(
      name: "shorts with ATR trailing, R target, max bars, optimistic",
      config: SimulationConfig(
        exits: ExitRules(stopPercent: 0.05, targetR: 2, trailATR: ATRMultiple(period: 10, multiple: 3), maxBars: 25),
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
      strategy: CrossStrategy(fast: 10, slow: 40, shorts: true, longs: true), side: .long, reasons: [.reverse, .end]),
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
    for tick in Support.ticks(bars, side: c.side, policy: c.config.intrabar) { try engine.process(tick, symbol: 0) }
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
