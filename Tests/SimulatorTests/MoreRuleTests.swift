import MarketData
import Testing

@testable import Simulator

@Suite struct MoreRuleTests {
  let flat = (100.0, 101.0, 99.0, 100.0)

  @Test func shortBreakEven() throws {
    // Short at 100, stop 110 (R 10); bar 1 reaches 90 (1R), bar 2 rises to 101.
    let rows = [flat, (100, 101, 89, 95), (96, 101, 94, 100), flat]
    let r = try runShort(rows, unitConfig(ExitRules(stopPercent: 0.1, breakEvenR: 1)))
    let t = try #require(r.trades.first)
    #expect(t.exitBar == 2 && t.exitPrice == 100 && t.exitReason == .breakEven)
  }

  @Test func atrSlippageUsesTheLastCompletedBar() throws {
    // ATR(1) of bar 0 is undefined (no previous close): no slippage on the fill at bar 1's
    // open; the exit at bar 2's open uses ATR(1) of bar 1 = 4.
    var config = unitConfig()
    config.costs = Costs(slippage: .atr(fraction: 0.5, period: 1))
    let bars = makeBars([flat, (100, 103, 99, 101), (102, 103, 101, 102), flat])
    let set = SignalSet(longEntry: flags(4, [0]), longExit: flags(4, [1]))
    let r = try Backtest.run([BacktestInput(bars: bars, signals: [set])], config: config)
    let t = try #require(r.trades.first)
    #expect(t.entryPrice == 100)
    #expect(t.exitPrice == 102 - 2)
  }

  @Test func intentLevelsOverrideTheRules() throws {
    let bars = makeBars([flat, flat, (100, 104, 96, 100), flat])
    let r = try Backtest.run([BacktestInput(bars: bars)], config: unitConfig(ExitRules(stopPercent: 0.5))) { ctx in
      if ctx.bar == 0 { ctx.buy(OrderIntent(stop: 97, target: 150, tag: "manual")) }
    }
    let t = try #require(r.trades.first)
    #expect(t.exitPrice == 97 && t.exitReason == .stop && t.tag == "manual")
  }

  @Test func intentQuantityOverridesSizing() throws {
    let r = try Backtest.run([BacktestInput(bars: makeBars([flat, flat, flat]))], config: unitConfig()) { ctx in
      if ctx.bar == 0 { ctx.sell(OrderIntent(quantity: 3)) }
    }
    #expect(r.trades.first?.quantity == 3)
    #expect(r.trades.first?.side == .short)
  }

  @Test func riskSizingRejectsAStopOnTheWrongSide() throws {
    var config = unitConfig()
    config.sizing = Sizing(mode: .risk(fraction: 0.01))
    let r = try Backtest.run([BacktestInput(bars: makeBars([flat, flat, flat]))], config: config) { ctx in
      if ctx.bar == 0 { ctx.buy(OrderIntent(stop: 105)) }
    }
    #expect(r.trades.isEmpty)
    #expect(r.rejections.count == 1)
  }

  @Test func allInEquitySizingWithCommissionIsNeverRejected() throws {
    let bars = try SyntheticBars(count: 2_000, seed: 5).generate()
    let entries = (0..<2_000).map { $0 % 7 == 0 }
    let exits = (0..<2_000).map { $0 % 7 == 3 }
    for commission in [0.0, 0.001, 0.0025] {
      let config = SimulationConfig(costs: Costs(commission: Commission(percent: commission), slippage: .bps(3)))
      let r = try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet(longEntry: entries, longExit: exits)])], config: config)
      #expect(r.rejections.isEmpty)
      #expect(r.trades.count == 286)
    }
  }

  @Test func closeFillsReverseAtTheSignalClose() throws {
    var config = unitConfig()
    config.fill = .close
    let bars = makeBars([flat, (100, 101, 99, 100.5), (100, 103, 99, 102), flat])
    let set = SignalSet(longEntry: flags(4, [0]), shortEntry: flags(4, [2]))
    let r = try Backtest.run([BacktestInput(bars: bars, signals: [set])], config: config)
    #expect(r.trades.map(\.exitReason) == [.reverse, .end])
    #expect(r.trades.map(\.entryBar) == [0, 2])
    #expect(r.trades[0].exitPrice == 102 && r.trades[1].entryPrice == 102)
  }

  @Test func openTradesStayOpenWhenAsked() throws {
    var config = unitConfig()
    config.closeAtEnd = false
    config.costs = Costs(commission: Commission(fixed: 2))
    let r = try runLong([flat, flat, (100, 106, 99, 105)], config)
    #expect(r.trades.isEmpty)
    let open = try #require(r.openTrades.first)
    #expect(open.exitReason == .open && open.exitPrice == 105 && open.pnl == 48)
    #expect(r.finalEquity == 10_048)
  }

  @Test func theHandlerSeesPositionsPerSymbol() throws {
    let a = makeBars([flat, flat, flat], symbol: "A")
    let b = makeBars([flat, flat, flat], symbol: "B")
    var seen: [String] = []
    _ = try Backtest.run([BacktestInput(bars: a), BacktestInput(bars: b)], config: unitConfig()) { ctx in
      if ctx.symbol == "A" && ctx.bar == 0 { ctx.buy() }
      seen.append("\(ctx.symbol)\(ctx.bar):\(ctx.position)")
    }
    #expect(seen == ["A0:0.0", "B0:0.0", "A1:10.0", "B1:0.0", "A2:10.0", "B2:0.0"])
  }
}

@Suite struct EdgeCaseTests {
  @Test func emptyBarsGiveAnEmptyRun() throws {
    let bars = Bars(time: [], open: [], high: [], low: [], close: [], volume: [], symbol: "E")
    let r = try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet()])], config: SimulationConfig())
    #expect(r.trades.isEmpty && r.equity.isEmpty)
    #expect(r.finalEquity == 10_000)
    let scan = try ExitScan.run(open: [], high: [], low: [], close: [], entries: [], side: .long,
      stopPercent: 0.01, targetPercent: nil, maxBars: nil)
    #expect(scan.exitBar.isEmpty)
  }

  @Test func oneBarTakesNoTrade() throws {
    let bars = makeBars([(1, 1, 1, 1)])
    let r = try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet(longEntry: [true])])], config: SimulationConfig())
    #expect(r.trades.isEmpty && r.equity == [10_000])
    #expect(r.skipped[.noNextBar] == 1)
  }
}

@Suite struct PartialOrderTests {
  @Test func aTargetBelowAPartialLevelClosesFirst() throws {
    // Stop 90 (R 10), target 1R = 110, partial at 2R = 120; bar 1 reaches 125.
    let flat = (100.0, 101.0, 99.0, 100.0)
    let exits = ExitRules(stopPercent: 0.1, targetR: 1, partials: [PartialExit(r: 2, fraction: 0.5)])
    let r = try runLong([flat, (100, 125, 99, 120), flat], unitConfig(exits))
    #expect(r.trades.map(\.exitReason) == [.target])
    #expect(r.trades.map(\.exitPrice) == [110])
    #expect(r.trades.map(\.quantity) == [10])
  }
}
