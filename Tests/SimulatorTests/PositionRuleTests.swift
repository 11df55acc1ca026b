import MarketData
import Testing

@testable import Simulator

@Suite struct PositionRuleTests {
  let flat = (100.0, 101.0, 99.0, 100.0)

  func bars(_ n: Int) -> Bars { makeBars(Array(repeating: flat, count: n)) }

  @Test func aSignalHeldTrueOpensOneTradePerTag() throws {
    var config = unitConfig()
    config.pyramiding = 5
    let r = try Backtest.run([BacktestInput(bars: bars(6), signals: [SignalSet(longEntry: flags(6, [0, 1, 2, 3]))])], config: config)
    #expect(r.trades.count == 1)
    #expect(r.skipped[.duplicateTag] == 3)
  }

  @Test func separateTagsPyramidUpToTheLimit() throws {
    let sets = ["a", "b", "c"].map { SignalSet(longEntry: flags(4, [0]), tag: $0) }
    var config = unitConfig()
    config.pyramiding = 2
    let r = try Backtest.run([BacktestInput(bars: bars(4), signals: sets)], config: config)
    #expect(r.trades.map(\.tag) == ["a", "b"])
    #expect(r.skipped[.pyramiding] == 1)
    config.pyramiding = 1
    let single = try Backtest.run([BacktestInput(bars: bars(4), signals: sets)], config: config)
    #expect(single.trades.count == 1)
    #expect(single.skipped[.pyramiding] == 2)
  }

  @Test func aTagReopensAfterItsTradeCloses() throws {
    let set = SignalSet(longEntry: flags(6, [0, 3]), longExit: flags(6, [1]))
    let r = try Backtest.run([BacktestInput(bars: bars(6), signals: [set])], config: unitConfig())
    #expect(r.trades.map(\.entryBar) == [1, 4])
  }

  @Test func conflictingEntriesAreSkipped() throws {
    let set = SignalSet(longEntry: flags(4, [0]), shortEntry: flags(4, [0]))
    let r = try Backtest.run([BacktestInput(bars: bars(4), signals: [set])], config: unitConfig())
    #expect(r.trades.isEmpty)
    #expect(r.skipped[.conflictingSignals] == 1)
  }

  @Test func anEntryOnTheLastBarHasNoFill() throws {
    let r = try Backtest.run([BacktestInput(bars: bars(3), signals: [SignalSet(longEntry: flags(3, [2]))])], config: unitConfig())
    #expect(r.trades.isEmpty)
    #expect(r.skipped[.noNextBar] == 1)
  }

  @Test func eventIntentsWithoutATagPyramid() throws {
    var config = unitConfig()
    config.pyramiding = 3
    let r = try Backtest.run([BacktestInput(bars: bars(6))], config: config) { ctx in
      if ctx.bar < 4 { ctx.buy() }
      if ctx.bar == 4 { #expect(ctx.position == 30) }
    }
    #expect(r.trades.count == 3)
    #expect(r.skipped[.pyramiding] == 1)
  }

  @Test func portfolioSymbolsShareCashAndMergeTimes() throws {
    let day: Int64 = 86_400_000_000_000
    let a = makeBars([flat, flat, flat, (100, 111, 99, 110)], symbol: "A")
    let b = makeBars([flat, flat, flat], symbol: "B", start: a.time[0] + day / 2)
    var config = unitConfig()
    config.sizing = Sizing(mode: .units(60))
    let r = try Backtest.run([
      BacktestInput(bars: a, signals: [SignalSet(longEntry: flags(4, [0]))]),
      BacktestInput(bars: b, signals: [SignalSet(longEntry: flags(3, [0]))]),
    ], config: config)
    #expect(r.time.count == 7)
    #expect(r.time == r.time.sorted())
    #expect(r.trades.map(\.symbol) == ["A"])
    #expect(r.rejections.map(\.symbol) == ["B"])
    #expect(r.finalEquity == 10_600)
  }

  @Test func handlerErrorsPropagate() throws {
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      _ = try Backtest.run([BacktestInput(bars: bars(3))], config: unitConfig()) { _ in throw Boom() }
    }
  }
}

@Suite struct ValidationTests {
  @Test func badFieldsAreNamed() {
    var config = SimulationConfig()
    config.sizing = Sizing(mode: .equity(fraction: 5))
    #expect(throws: SimulationError.invalid(field: "sizing.fraction", expected: "a number in (0, 1]", got: "5.0")) {
      try config.validate()
    }
    config = SimulationConfig(exits: ExitRules(partials: [PartialExit(r: 1, fraction: 0.7), PartialExit(r: 2, fraction: 0.7)]))
    #expect(throws: SimulationError.self) { try config.validate() }
    config = SimulationConfig(exits: ExitRules(partials: [PartialExit(r: -1, fraction: 0.5)]))
    do {
      try config.validate()
      Issue.record("expected an error")
    } catch {
      #expect(error.field == "exits.partials[1].r")
      #expect(error.description == "'exits.partials[1].r' must be a finite number > 0, got -1.0")
    }
    config = SimulationConfig(pyramiding: 0)
    #expect(throws: SimulationError.invalid(field: "pyramiding", expected: "an integer >= 1", got: "0")) {
      try config.validate()
    }
    config = SimulationConfig(costs: Costs(commission: Commission(perUnit: 0.01, minimum: 2, maximum: 1)))
    #expect((try? config.validate()) == nil)
  }

  @Test func signalLengthsMustMatchTheBars() {
    let bars = makeBars([(1, 1, 1, 1), (1, 1, 1, 1)])
    let input = BacktestInput(bars: bars, signals: [SignalSet(longEntry: [true])])
    #expect(throws: SimulationError.invalid(field: "signals.long_entry", expected: "2 values (one per bar)", got: "1")) {
      try Backtest.run([input], config: SimulationConfig())
    }
  }

  @Test func inconsistentBarsAreRefused() {
    let bars = makeBars([(1, 1, 1, 1), (1, 0.5, 1, 1)])
    #expect(throws: SimulationError.self) {
      try Backtest.run([BacktestInput(bars: bars)], config: SimulationConfig())
    }
    #expect(throws: SimulationError.self) { try Backtest.run([], config: SimulationConfig()) }
  }
}

@Suite struct ParseTests {
  @Test func namedOptionsParseOrNameTheField() throws {
    #expect(try FillTiming.parse("next_open") == .nextOpen)
    #expect(try IntrabarPolicy.parse("nearest") == .nearest)
    #expect(throws: SimulationError.invalid(field: "fill", expected: "\"next_open\" or \"close\"", got: "\"open\"")) {
      try FillTiming.parse("open")
    }
    do {
      _ = try IntrabarPolicy.parse("worst")
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "'intrabar' must be \"pessimistic\", \"optimistic\" or \"nearest\", got \"worst\"")
    }
  }
}
