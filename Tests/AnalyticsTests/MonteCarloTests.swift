import Foundation
import Simulator
import MarketData
import Testing

@testable import Analytics

@Suite struct MonteCarloTests {
  let pnl: [Double] = [300, -150, 420, -600, 80, 250, -90, -310, 500, 120, -40, 210]

  func relativeClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
  }

  @Test func theSameSeedGivesTheSameStudyAndAnotherSeedAnother() throws {
    let result = tradeResult(cash: 10_000, pnl: pnl)
    for method in [MonteCarloMethod.shuffle, .bootstrap] {
      let a = try MonteCarlo.run(result, options: MonteCarloOptions(runs: 300, seed: 9, method: method))
      let b = try MonteCarlo.run(result, options: MonteCarloOptions(runs: 300, seed: 9, method: method))
      let c = try MonteCarlo.run(result, options: MonteCarloOptions(runs: 300, seed: 10, method: method))
      #expect(a == b)
      #expect(a.maxDrawdownPercent != c.maxDrawdownPercent)
    }
  }

  @Test func aShuffleKeepsTheCompoundedFinalEquityButNotTheDrawdown() throws {
    let result = tradeResult(cash: 10_000, pnl: pnl)
    for compound in [true, false] {
      let mc = try MonteCarlo.run(result, options: MonteCarloOptions(runs: 400, seed: 1, compound: compound))
      // The original order rebuilds the run's own closed-trade equity.
      #expect(relativeClose(mc.originalValue(.finalEquity), result.finalEquity))
      #expect(mc.finalEquity.allSatisfy { relativeClose($0, result.finalEquity) })
      let drawdowns = Set(mc.maxDrawdownPercent)
      #expect(drawdowns.count > 10)
      let sorted = mc.maxDrawdownPercent.sorted()
      #expect(sorted.first ?? 0 < mc.originalValue(.maxDrawdownPercent))
      #expect(sorted.last ?? 0 > mc.originalValue(.maxDrawdownPercent))
    }
  }

  @Test func compoundingTakesPnLOverTheEquityBeforeEachTrade() throws {
    // Two trades: +1000 on 10,000 (+10%), then −1100 on 11,000 (−10%). Reversed, the path is
    // 10,000 × 0.9 = 9,000, then × 1.1 = 9,900: the same end, a deeper fall.
    let result = tradeResult(cash: 10_000, pnl: [1000, -1100])
    let mc = try MonteCarlo.run(result, options: MonteCarloOptions(runs: 64, seed: 3, keptPaths: 64))
    for path in mc.keptPaths {
      #expect(path.count == 3)
      let reversed = relativeClose(path[1], 9_000)
      #expect(reversed || relativeClose(path[1], 11_000))
      #expect(relativeClose(path[2], 9_900))
    }
    #expect(Set(mc.keptPaths.map { $0[1] > 10_000 }).count == 2)
    let worst = try #require(mc.maxDrawdownPercent.min())
    #expect(relativeClose(worst, -10))
  }

  @Test func aBootstrapVariesTheFinalEquityAndDrawsFromTheTrades() throws {
    let result = tradeResult(cash: 10_000, pnl: pnl)
    let mc = try MonteCarlo.run(result, options: MonteCarloOptions(runs: 200, seed: 4, method: .bootstrap, compound: false, keptPaths: 200))
    #expect(Set(mc.finalEquity).count > 20)
    for path in mc.keptPaths {
      for k in 1..<path.count { #expect(pnl.contains { relativeClose(path[k] - path[k - 1], $0, 1e-9) }) }
    }
  }

  @Test func percentilesBandsAndRuinAgreeWithTheRuns() throws {
    let result = tradeResult(cash: 1_000, pnl: [-600, 600, 50])
    let mc = try MonteCarlo.run(
      result, options: MonteCarloOptions(runs: 500, seed: 2, compound: false, ruin: 0.5, keptPaths: 500))
    // Ruined exactly when −600 comes before +600 (equity 400 or 450 at some point).
    let ruined = mc.keptPaths.filter { ($0.min() ?? 0) <= 500 }.count
    #expect(mc.ruinProbability == Double(ruined) / 500)
    #expect(ruined > 150 && ruined < 350)
    let median = try #require(mc.bands.first { $0.percentile == 50 })
    #expect(median.values.first == 1_000)
    #expect(median.values.last == MonteCarlo.percentile(sorted: mc.finalEquity.sorted(), 50))
    #expect(mc.bandSteps == [0, 1, 2, 3])
    let table = mc.percentiles(.returnPercent)
    #expect(table.map(\.percentile) == [5, 25, 50, 75, 95])
  }

  @Test func percentileInterpolatesBetweenRanks() {
    let x: [Double] = [1, 2, 4, 8]
    #expect(MonteCarlo.percentile(sorted: x, 50) == 3)
    #expect(MonteCarlo.percentile(sorted: x, 0) == 1)
    #expect(MonteCarlo.percentile(sorted: x, 100) == 8)
    #expect(MonteCarlo.percentile(sorted: x, 25) == 1.75)
    #expect(MonteCarlo.percentile(sorted: [5], 90) == 5)
    #expect(MonteCarlo.percentile(sorted: [], 50).isNaN)
  }

  @Test func intrabarResolvesEachAmbiguousBarWithTheGivenOdds() throws {
    let exits = [
      AmbiguousExit(tradeIndex: 1, time: 0, stopFirstPnL: -100, favourableFirstPnL: 200, bookedPnL: -100),
      AmbiguousExit(tradeIndex: 3, time: 0, stopFirstPnL: -50, favourableFirstPnL: 150, bookedPnL: -50),
    ]
    let result = tradeResult(cash: 10_000, pnl: [100, -100, 40, -50], exits: exits)
    func finals(_ p: Double) throws -> [Double] {
      try MonteCarlo.run(
        result, options: MonteCarloOptions(runs: 400, seed: 5, method: .intrabar, compound: false, stopFirstProbability: p)
      ).finalEquity
    }
    #expect(try finals(1).allSatisfy { $0 == 9_990 })
    #expect(try finals(0).allSatisfy { $0 == 10_490 })
    let mixed = try finals(0.5)
    #expect(Set(mixed) == [9_990, 10_290, 10_190, 10_490])
    let all = mixed.filter { $0 == 9_990 }.count
    #expect(all > 60 && all < 140)
    let none = try MonteCarlo.run(tradeResult(cash: 10_000, pnl: [100]), options: MonteCarloOptions(runs: 5, method: .intrabar))
    #expect(none.finalEquity == [10_100, 10_100, 10_100, 10_100, 10_100])
  }

  @Test func intrabarOnARealLedgerReproducesEachPolicy() throws {
    let flat = (100.0, 101.0, 99.0, 100.0)
    let rows = [flat, (100, 105, 95, 102), (110, 125, 85, 100), flat]
    let bars = Bars(
      time: rows.indices.map { Int64($0) * 86_400_000_000_000 }, open: rows.map(\.0), high: rows.map(\.1),
      low: rows.map(\.2), close: rows.map(\.3), volume: rows.map { _ in 1 }, symbol: "T")
    var entries = [Bool](repeating: false, count: rows.count)
    entries[0] = true
    func run(_ policy: IntrabarPolicy) throws -> BacktestResult {
      let config = SimulationConfig(
        exits: ExitRules(stopPercent: 0.1, targetPercent: 0.2), sizing: Sizing(mode: .units(10)), intrabar: policy)
      return try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet(longEntry: entries)])], config: config)
    }
    let booked = try run(.optimistic)
    let pessimistic = try run(.pessimistic)
    let mc = try MonteCarlo.run(booked, options: MonteCarloOptions(runs: 10, method: .intrabar, compound: false, stopFirstProbability: 1))
    #expect(mc.finalEquity.allSatisfy { $0 == pessimistic.finalEquity })
    #expect(mc.originalValue(.finalEquity) == booked.finalEquity)
  }

  @Test func badOptionsNameTheField() {
    let result = tradeResult(cash: 1_000, pnl: [10])
    #expect(throws: StudyError.invalid(field: "runs", expected: "an integer in 1...10000000", got: "0")) {
      try MonteCarlo.run(result, options: MonteCarloOptions(runs: 0))
    }
    #expect(throws: StudyError.invalid(field: "percentiles", expected: "numbers in (0, 100)", got: "100.0")) {
      try MonteCarlo.run(result, options: MonteCarloOptions(percentiles: [100]))
    }
    #expect(throws: StudyError.self) { try MonteCarlo.run(result, options: MonteCarloOptions(ruin: 1.5)) }
    #expect(throws: StudyError.self) { try MonteCarlo.run(result, options: MonteCarloOptions(stopFirstProbability: -0.1)) }
    // Compounding needs positive equity before every trade.
    #expect(throws: StudyError.self) { try MonteCarlo.run(tradeResult(cash: 100, pnl: [-150, 10]), options: MonteCarloOptions()) }
  }

  @Test func filesListEveryRunAndThePercentiles() throws {
    let mc = try MonteCarlo.run(
      tradeResult(cash: 1_000, pnl: [50, -20, 30]), options: MonteCarloOptions(runs: 4, seed: 8, percentiles: [2.5], ruin: 0.9))
    let lines = mc.csv.split(separator: "\n")
    #expect(lines.first == "run,final_equity,return_pct,max_drawdown_pct")
    #expect(lines.count == 5)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(mc.json.utf8)) as? [String: Any])
    let tables = try #require(object["percentiles"] as? [String: [String: Double]])
    #expect(Set(try #require(tables["max_drawdown_pct"]).keys) == ["2.5", "5", "25", "50", "75", "95"])
    #expect(object["ruin_probability"] as? Double == 0)
    #expect(object["method"] as? String == "shuffle")
  }
}

extension MonteCarloTests {
  @Test func bandsThinOutForLongTradeListsAndManyRuns() {
    #expect(MonteCarloStudy.steps(trades: 10, runs: 1000) == Array(0...10))
    let long = MonteCarloStudy.steps(trades: 5000, runs: 1000)
    #expect(long.count == MonteCarlo.maxBandSteps)
    #expect(long.first == 0 && long.last == 5000)
    #expect(zip(long, long.dropFirst()).allSatisfy { $0 < $1 })
    let many = MonteCarloStudy.steps(trades: 5000, runs: 1_000_000)
    #expect(many.count == 16 && many.last == 5000)
    #expect(MonteCarloStudy.steps(trades: 5000, runs: 10_000_000) == [0, 5000])
  }
}
