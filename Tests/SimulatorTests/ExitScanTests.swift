import MarketData
import Testing

@testable import Simulator

@Suite struct ExitScanTests {
  @Test func handComputedExits() throws {
    let bars = makeBars([
      (100, 101, 99, 100), (100, 100.4, 99.6, 100), (100, 101.5, 99.9, 101), (100, 100, 100, 100),
      (98, 98.5, 97, 98), (100, 101, 99, 100), (100, 102, 98, 100),
    ])
    let r = try ExitScan.run(
      open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: [0, 3, 4, 5, 6], side: .long,
      stopPercent: 0.005, targetPercent: 0.01, maxBars: 3)
    // 0: fills 100 at bar 1, target 101 at bar 2. 3: fills 98 at bar 4, stop 97.51 on bar 4.
    // 4 and 5: the fill bar reaches both levels; pessimistic takes the stop.
    #expect(r.entryBar == [1, 4, 5, 6, -1])
    #expect(r.exitBar[0] == 2 && r.exitPrice[0] == 101 && r.reason[0] == .target)
    #expect(r.exitBar[1] == 4 && r.exitPrice[1] == 98 * 0.995 && r.reason[1] == .stop)
    #expect(r.exitBar[2] == 5 && r.reason[2] == .stop)
    #expect(r.exitBar[3] == 6 && r.reason[3] == .stop)
    #expect(r.reason[4] == .open)
    #expect(r.ambiguity.count == 2)
    let optimistic = try ExitScan.run(
      open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: [5], side: .long,
      stopPercent: 0.005, targetPercent: 0.01, maxBars: 3, intrabar: .optimistic)
    #expect(optimistic.exitPrice == [101])
    #expect(abs(optimistic.ambiguity.pnl[.pessimistic]! + 0.005) < 1e-12)
    #expect(abs(optimistic.ambiguity.pnl[.optimistic]! - 0.01) < 1e-12)
  }

  @Test func maxBarsAndEndOfData() throws {
    let bars = makeBars(Array(repeating: (100, 100.1, 99.9, 100), count: 6))
    let r = try ExitScan.run(
      open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: [0, 4], side: .short,
      stopPercent: 0.01, targetPercent: 0.01, maxBars: 2, fill: .close)
    #expect(r.exitBar == [2, 5])
    #expect(r.reason == [.maxBars, .end])
  }

  @Test func badInputIsNamed() {
    #expect(throws: SimulationError.invalid(field: "entries[1]", expected: "a bar index in [0, 1]", got: "5")) {
      try ExitScan.run(open: [1, 1], high: [1, 1], low: [1, 1], close: [1, 1], entries: [5], side: .long,
        stopPercent: nil, targetPercent: nil, maxBars: nil)
    }
  }

  /// The scan and the full simulator (unit trades, no costs) agree on every exit.
  @Test func agreesWithTheSimulator() throws {
    let bars = try SyntheticBars(count: 3_000, seed: 11, volatility: 0.006).generate()
    let entries = Array(stride(from: 0, to: 3_000, by: 7))
    for side in Side.allCases {
      for policy in IntrabarPolicy.allCases {
        for fill in FillTiming.allCases {
          let scan = try ExitScan.run(
            open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: side,
            stopPercent: 0.005, targetPercent: 0.01, maxBars: 100, fill: fill, intrabar: policy)
          let config = SimulationConfig(
            exits: ExitRules(stopPercent: 0.005, targetPercent: 0.01, maxBars: 100), sizing: Sizing(mode: .units(1)),
            fill: fill, intrabar: policy, pyramiding: 1_000, cash: 1e12)
          let isEntry = flags(bars.count, entries)
          let sim = try Backtest.run([BacktestInput(bars: bars)], config: config) { ctx in
            if isEntry[ctx.bar] { side == .long ? ctx.buy() : ctx.sell() }
          }
          let trades = sim.trades.sorted { ($0.entryBar, $0.exitBar) < ($1.entryBar, $1.exitBar) }
          let filled = (0..<entries.count).filter { scan.entryBar[$0] >= 0 }
          #expect(trades.count == filled.count)
          for (trade, k) in zip(trades, filled) {
            #expect(trade.entryBar == scan.entryBar[k])
            #expect(trade.exitBar == scan.exitBar[k])
            #expect(trade.exitPrice == scan.exitPrice[k])
            #expect(trade.exitReason == scan.reason[k])
          }
          #expect(sim.ambiguity.count == scan.ambiguity.count)
        }
      }
    }
  }
}
