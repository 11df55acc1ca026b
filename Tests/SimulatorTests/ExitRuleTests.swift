import MarketData
import Testing

@testable import Simulator

/// Hand-computed exits: entry 10 units at 100 (bar 1's open) unless stated.
@Suite struct ExitRuleTests {
  let flat = (100.0, 101.0, 99.0, 100.0)
  let quiet = (100.0, 105.0, 95.0, 102.0)

  @Test func stopFillsAtTheStopLevel() throws {
    let r = try runLong([flat, quiet, (102, 103, 89, 95), (95, 96, 94, 95)], unitConfig(ExitRules(stopPercent: 0.1, targetPercent: 0.2)))
    let t = try #require(r.trades.first)
    #expect(r.trades.count == 1)
    #expect(t.entryBar == 1 && t.entryPrice == 100)
    #expect(t.exitBar == 2 && t.exitPrice == 90 && t.exitReason == .stop)
    #expect(t.pnl == -100)
    #expect(t.barsHeld == 1)
    #expect(t.maePercent == -10)
    #expect(t.mfePercent == 5)
    #expect(r.finalEquity == 9_900)
  }

  @Test func targetFillsAtTheTargetLevel() throws {
    let r = try runLong([flat, quiet, (102, 121, 101, 110), flat], unitConfig(ExitRules(stopPercent: 0.1, targetPercent: 0.2)))
    let t = try #require(r.trades.first)
    #expect(t.exitPrice == 120 && t.exitReason == .target && t.pnl == 200)
    #expect(t.mfePercent == 20)
  }

  @Test func gapThroughTheStopFillsAtTheOpen() throws {
    let r = try runLong([flat, quiet, (85, 88, 80, 86), flat], unitConfig(ExitRules(stopPercent: 0.1, targetPercent: 0.2)))
    let t = try #require(r.trades.first)
    #expect(t.exitPrice == 85 && t.exitReason == .stop && t.pnl == -150)
    #expect(r.ambiguity.count == 0)
  }

  @Test func gapThroughTheTargetFillsAtTheOpen() throws {
    let r = try runLong([flat, quiet, (125, 130, 80, 128), flat], unitConfig(ExitRules(stopPercent: 0.1, targetPercent: 0.2)))
    let t = try #require(r.trades.first)
    #expect(t.exitPrice == 125 && t.exitReason == .target && t.pnl == 250)
    #expect(r.ambiguity.count == 0)
  }

  @Test func shortStopAndTargetMirrorTheLong() throws {
    let exits = ExitRules(stopPercent: 0.1, targetPercent: 0.2)
    let stopped = try runShort([flat, quiet, (102, 111, 101, 108), flat], unitConfig(exits))
    // 100 × 1.1 is 110.00000000000001 in Float64.
    #expect(stopped.trades.first?.exitPrice == 100 * 1.1)
    #expect(stopped.trades.first?.exitReason == .stop)
    #expect(abs((stopped.trades.first?.pnl ?? 0) + 100) < 1e-9)
    let won = try runShort([flat, quiet, (90, 91, 79, 85), flat], unitConfig(exits))
    #expect(won.trades.first?.exitPrice == 80)
    #expect(won.trades.first?.pnl == 200)
    let gapped = try runShort([flat, quiet, (115, 118, 112, 116), flat], unitConfig(exits))
    #expect(gapped.trades.first?.exitPrice == 115)
    #expect(gapped.trades.first?.pnl == -150)
  }

  @Test func stopsAreCheckedOnTheFillBar() throws {
    let r = try runLong([flat, (100, 101, 85, 95), flat], unitConfig(ExitRules(stopPercent: 0.1)))
    #expect(r.trades.first?.exitBar == 1)
    #expect(r.trades.first?.exitPrice == 90)
  }

  @Test func closeFillsCheckLevelsFromTheNextBar() throws {
    var config = unitConfig(ExitRules(stopPercent: 0.1))
    config.fill = .close
    let r = try runLong([(100, 100, 80, 100), (100, 101, 89, 95), flat], config)
    let t = try #require(r.trades.first)
    #expect(t.entryBar == 0 && t.entryPrice == 100)
    #expect(t.exitBar == 1 && t.exitPrice == 90)
  }

  @Test func breakEvenMovesTheStopAtTheCloseForTheNextBar() throws {
    // Bar 1 reaches 1R (110) and dips to 99: the stop is still 90 during bar 1.
    let rows = [flat, (100, 111, 99, 105), (104, 106, 99, 100), flat]
    let r = try runLong(rows, unitConfig(ExitRules(stopPercent: 0.1, breakEvenR: 1)))
    let t = try #require(r.trades.first)
    #expect(t.exitBar == 2 && t.exitPrice == 100 && t.exitReason == .breakEven && t.pnl == 0)
  }

  @Test func percentTrailUpdatesAtTheCloseAndNeverLoosens() throws {
    // Close 120 at bar 1: stop 108 from bar 2. Bar 2 closes at 110 (trail 99 would loosen).
    let rows = [flat, (100, 121, 99, 120), (118, 119, 109, 110), (110, 111, 107, 108), flat]
    let r = try runLong(rows, unitConfig(ExitRules(trailPercent: 0.1)))
    let t = try #require(r.trades.first)
    #expect(t.exitBar == 3 && t.exitPrice == 108 && t.exitReason == .trail && t.pnl == 80)
  }

  @Test func shortPercentTrail() throws {
    let rows = [flat, (100, 101, 79, 80), (82, 89, 81, 85), flat]
    let r = try runShort(rows, unitConfig(ExitRules(trailPercent: 0.1)))
    let t = try #require(r.trades.first)
    #expect(t.exitBar == 2 && t.exitPrice == 88 && t.exitReason == .trail && t.pnl == 120)
  }

  @Test func atrTrailUsesTheTrueRangeOfTheCloseBar() throws {
    // ATR(1) of bar 1 = true range 6; stop = 103 − 2 × 6 = 91 from bar 2.
    let rows = [flat, (100, 104, 98, 103), (102, 103, 90, 95), flat]
    let r = try runLong(rows, unitConfig(ExitRules(trailATR: ATRMultiple(period: 1, multiple: 2))))
    let t = try #require(r.trades.first)
    #expect(t.exitBar == 2 && t.exitPrice == 91 && t.exitReason == .trail)
  }

  @Test func atrStopUsesTheSignalBar() throws {
    // ATR(1) at bar 1 (the signal bar) = 10: stop = 100 − 1.5 × 10 = 85.
    let rows = [flat, (100, 108, 98, 100), (100, 101, 86, 90), (90, 91, 84, 88), flat]
    let bars = makeBars(rows)
    let config = unitConfig(ExitRules(stopATR: ATRMultiple(period: 1, multiple: 1.5)))
    let r = try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet(longEntry: flags(5, [1]))])], config: config)
    let t = try #require(r.trades.first)
    #expect(t.entryBar == 2 && t.exitBar == 3 && t.exitPrice == 85)
  }

  @Test func targetInRMultiples() throws {
    let r = try runLong([flat, (100, 112, 99, 110), (110, 116, 108, 112), flat], unitConfig(ExitRules(stopPercent: 0.05, targetR: 3)))
    let t = try #require(r.trades.first)
    #expect(t.exitBar == 2 && t.exitPrice == 115 && t.exitReason == .target)
  }

  @Test func partialExitAtOneRThenStop() throws {
    let rows = [flat, (100, 112, 99, 108), (107, 108, 89, 90), flat]
    let r = try runLong(rows, unitConfig(ExitRules(stopPercent: 0.1, partials: [PartialExit(r: 1, fraction: 0.5)])))
    #expect(r.trades.count == 2)
    let (part, rest) = (r.trades[0], r.trades[1])
    #expect(part.exitBar == 1 && part.exitPrice == 110 && part.quantity == 5 && part.exitReason == .partial && part.pnl == 50)
    #expect(rest.exitBar == 2 && rest.exitPrice == 90 && rest.quantity == 5 && rest.exitReason == .stop && rest.pnl == -50)
    #expect(r.finalEquity == 10_000)
  }

  @Test func partialsInWholeUnitsRoundDownAndShareTheEntryCommission() throws {
    var config = unitConfig(ExitRules(stopPercent: 0.1, targetPercent: 0.3, partials: [PartialExit(r: 1, fraction: 0.5), PartialExit(r: 2, fraction: 0.25)]))
    config.sizing = Sizing(mode: .units(7), wholeUnits: true)
    config.costs = Costs(commission: Commission(fixed: 1))
    let rows = [flat, (100, 121, 99, 120), (120, 131, 119, 125), flat]
    let r = try runLong(rows, config)
    #expect(r.trades.map(\.quantity) == [3, 1, 3])
    #expect(r.trades.map(\.exitPrice) == [110, 120, 130])
    #expect(r.trades.map(\.exitReason) == [.partial, .partial, .target])
    // Entry commission 1 shared 3/7, 1/7, 3/7; each exit pays 1.
    #expect(abs(r.trades[0].pnl - (30 - 3.0 / 7 - 1)) < 1e-12)
    #expect(abs(r.trades[2].pnl - (90 - 3.0 / 7 - 1)) < 1e-12)
    #expect(abs(r.finalEquity - (10_000 + 30 + 20 + 90 - 4)) < 1e-9)
  }

  @Test func maxBarsExitsAtTheClose() throws {
    let rows = [flat, flat, flat, (100, 104, 99, 103), flat]
    let r = try runLong(rows, unitConfig(ExitRules(maxBars: 2)))
    let t = try #require(r.trades.first)
    #expect(t.entryBar == 1 && t.exitBar == 3 && t.exitPrice == 103 && t.exitReason == .maxBars && t.barsHeld == 2)
  }

  @Test func endOfDataClosesAtTheLastClose() throws {
    let r = try runLong([flat, flat, (100, 104, 99, 103)], unitConfig())
    let t = try #require(r.trades.first)
    #expect(t.exitBar == 2 && t.exitPrice == 103 && t.exitReason == .end)
    #expect(r.finalEquity == 10_030)
    #expect(r.openTrades.isEmpty)
  }

  @Test func exitSignalAndReversal() throws {
    let rows = [flat, flat, (100, 101, 99, 100), (104, 105, 103, 104), (106, 107, 105, 106), (108, 109, 107, 108), flat]
    let bars = makeBars(rows)
    let set = SignalSet(longEntry: flags(7, [0]), longExit: flags(7, [2]), shortEntry: flags(7, [4]))
    let r = try Backtest.run([BacktestInput(bars: bars, signals: [set, SignalSet(longEntry: flags(7, [5]), tag: "b")])], config: unitConfig())
    #expect(r.trades.map(\.exitReason) == [.signal, .reverse, .end])
    #expect(r.trades.map(\.side) == [.long, .short, .long])
    #expect(r.trades.map(\.entryBar) == [1, 5, 6])
    #expect(r.trades.map(\.exitBar) == [3, 6, 6])
    #expect(r.trades.map(\.tag) == ["", "", "b"])
  }
}
