import Testing

@testable import Simulator

/// A bar reaching both the stop (90) and the target (120) of a long entered at 100.
@Suite struct IntrabarPolicyTests {
  let flat = (100.0, 101.0, 99.0, 100.0)
  let exits = ExitRules(stopPercent: 0.1, targetPercent: 0.2)

  func run(_ bar: (Double, Double, Double, Double), _ policy: IntrabarPolicy) throws -> BacktestResult {
    try runLong([flat, (100, 105, 95, 102), bar, flat], unitConfig(exits, intrabar: policy))
  }

  @Test func pessimisticTakesTheStop() throws {
    let r = try run((105, 125, 85, 100), .pessimistic)
    #expect(r.trades.first?.exitPrice == 90)
    #expect(r.trades.first?.exitReason == .stop)
  }

  @Test func optimisticTakesTheTarget() throws {
    let r = try run((105, 125, 85, 100), .optimistic)
    #expect(r.trades.first?.exitPrice == 120)
    #expect(r.trades.first?.exitReason == .target)
  }

  @Test func nearestTakesTheExtremeNearerTheOpen() throws {
    // Open 110: high 15 away, low 25 away: the high comes first.
    #expect(try run((110, 125, 85, 100), .nearest).trades.first?.exitPrice == 120)
    // Open 95: low 10 away, high 30 away.
    #expect(try run((95, 125, 85, 100), .nearest).trades.first?.exitPrice == 90)
    // A tie counts as pessimistic.
    #expect(try run((105, 125, 85, 100), .nearest).trades.first?.exitPrice == 90)
  }

  @Test func nearestForAShortReadsTheLowAsFavourable() throws {
    // Short at 100: stop 110, target 80. Open 88: low 8 away, high 23 away.
    let r = try runShort([flat, (100, 105, 95, 100), (88, 111, 80, 90), flat], unitConfig(exits, intrabar: .nearest))
    #expect(r.trades.first?.exitPrice == 80)
    #expect(r.ambiguity.count == 1)
  }

  @Test func theLedgerCountsAmbiguousExitsAndEveryPolicysPnL() throws {
    for policy in IntrabarPolicy.allCases {
      let r = try run((110, 125, 85, 100), policy)
      #expect(r.ambiguity.count == 1)
      #expect(r.ambiguity.pnl[.pessimistic] == -100)
      #expect(r.ambiguity.pnl[.optimistic] == 200)
      #expect(r.ambiguity.pnl[.nearest] == 200)
      #expect(r.ambiguity.pnl[policy] == r.trades.first?.pnl)
    }
  }

  @Test func aBarReachingOnlyOneLevelIsNotAmbiguous() throws {
    #expect(try run((102, 125, 95, 100), .pessimistic).ambiguity.count == 0)
    #expect(try run((102, 105, 85, 100), .pessimistic).ambiguity.count == 0)
    #expect(try run((102, 105, 95, 100), .pessimistic).ambiguity == AmbiguityLedger())
  }

  @Test func optimisticFillsPartialsThenStopsTheRest() throws {
    let exits = ExitRules(stopPercent: 0.1, partials: [PartialExit(r: 1, fraction: 0.5)])
    let rows = [flat, (100, 105, 95, 102), (105, 112, 85, 100), flat]
    let optimistic = try runLong(rows, unitConfig(exits, intrabar: .optimistic))
    #expect(optimistic.trades.map(\.exitPrice) == [110, 90])
    #expect(optimistic.trades.map(\.exitReason) == [.partial, .stop])
    let pessimistic = try runLong(rows, unitConfig(exits, intrabar: .pessimistic))
    #expect(pessimistic.trades.map(\.exitPrice) == [90])
    #expect(pessimistic.ambiguity.count == 1)
    #expect(pessimistic.ambiguity.pnl[.optimistic] == 0)
    #expect(pessimistic.ambiguity.pnl[.pessimistic] == -100)
  }
}
