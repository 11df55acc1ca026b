import Testing

@testable import Simulator

/// The ledger's per-bar list: which trade row each ambiguous bar booked and its P&L under
/// both orders, beside the totals it already kept.
@Suite struct AmbiguousExitTests {
  let flat = (100.0, 101.0, 99.0, 100.0)
  let exits = ExitRules(stopPercent: 0.1, targetPercent: 0.2)

  @Test func eachAmbiguousBarIsListedWithBothOutcomes() throws {
    for policy in IntrabarPolicy.allCases {
      let r = try runLong([flat, (100, 105, 95, 102), (110, 125, 85, 100), flat], unitConfig(exits, intrabar: policy))
      let exit = try #require(r.ambiguity.exits.first)
      #expect(r.ambiguity.exits.count == r.ambiguity.count)
      #expect(exit.tradeIndex == 0)
      #expect(exit.time == r.time[2])
      #expect(exit.stopFirstPnL == -100)
      #expect(exit.favourableFirstPnL == 200)
      #expect(exit.bookedPnL == r.trades[0].pnl)
    }
  }

  @Test func aPartialThenStopListsTheBarOnceAtItsFirstRow() throws {
    let exits = ExitRules(stopPercent: 0.1, partials: [PartialExit(r: 1, fraction: 0.5)])
    let rows = [flat, (100, 105, 95, 102), (105, 112, 85, 100), flat]
    let r = try runLong(rows, unitConfig(exits, intrabar: .optimistic))
    #expect(r.trades.count == 2)
    #expect(r.ambiguity.exits == [
      AmbiguousExit(tradeIndex: 0, time: r.time[2], stopFirstPnL: -100, favourableFirstPnL: 0, bookedPnL: 0)
    ])
  }

  @Test func barsReachingOneLevelAreNotListed() throws {
    let r = try runLong([flat, (100, 105, 95, 102), (102, 125, 95, 100), flat], unitConfig(exits))
    #expect(r.ambiguity.exits.isEmpty)
  }
}
