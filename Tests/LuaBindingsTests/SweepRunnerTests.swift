import Analytics
import Foundation
import LuaBindings
import LuaRuntime
import MarketData
import Simulator
import Testing

@Suite struct SweepRunnerTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let smaCross = root.appendingPathComponent("strategies/sma_cross.lua").path
  static let rsi = root.appendingPathComponent("strategies/rsi_partials.lua").path

  static func bars() throws -> [Bars] {
    [try Bars.load(root.appendingPathComponent("examples/data/synthetic_BTCUSD_1h.csv").path)]
  }

  /// The single backtest `crescent backtest --param` runs.
  func backtest(_ path: String, bars: [Bars], params: [String]) throws -> PerformanceStats {
    let state = try CrescentLibrary.makeState()
    try StrategyFile.load(path, in: state)
    return try StrategyRunner.run(
      state: state, strategy: -1, name: StrategyFile.baseName(path), bars: bars, options: RunOptions(paramTexts: params)
    ).stats
  }

  @Test func aSweepRowEqualsTheSingleBacktestWithTheSameParams() throws {
    let bars = try Self.bars()
    let plan = SweepPlan(grid: try SweepGrid(parsing: ["fast=5:15:5", "slow=30,45"]))
    let rows = try SweepRunner.run(SweepRequest(strategyPath: Self.smaCross, bars: bars, plan: plan, jobs: 2))
    #expect(rows.count == 6)
    for (k, row) in rows.enumerated() {
      #expect(row.position == k)
      let params = zip(plan.grid.names, row.params).map { "\($0)=\($1)" }
      #expect(row.stats.map(\.key) == PerformanceStats.keys)
      let single = try backtest(Self.smaCross, bars: bars, params: params)
      #expect(SweepCSV.line(row) == SweepCSV.line(SweepTable.Row(position: k, params: row.params, stats: single)), "\(params)")
    }
    #expect(rows.map(\.trades) != Array(repeating: rows[0].trades, count: rows.count), "the params took effect")
  }

  @Test func outputIsTheSameForAnyJobCountAndMemo() throws {
    let bars = try Self.bars()
    let plan = try SweepPlan(grid: try SweepGrid(parsing: ["fast=4:30:2", "slow=20:80:5"]), samples: 40, seed: 3)
    var outputs: [String] = []
    for (jobs, memo) in [(1, IndicatorMemo.Scope.off), (2, .shared), (3, .worker), (1, .shared), (2, .off)] {
      let rows = try SweepRunner.run(
        SweepRequest(strategyPath: Self.smaCross, bars: bars, plan: plan, jobs: jobs, memo: memo))
      outputs.append(SweepCSV.text(SweepTable(paramNames: plan.grid.names, rows: rows)))
    }
    #expect(outputs.allSatisfy { $0 == outputs[0] })
    #expect(outputs[0].split(separator: "\n").count == 41)
  }

  @Test func shardsRunTheirPositionsOnly() throws {
    let bars = try Self.bars()
    let plan = SweepPlan(grid: try SweepGrid(parsing: ["fast=5:25:5"]))
    let shard = try SweepShard(parsing: "2/3")
    let rows = try SweepRunner.run(
      SweepRequest(strategyPath: Self.smaCross, bars: bars, plan: plan, positions: Array(shard.positions(of: plan.count))))
    #expect(rows.map(\.position) == [1, 4])
    #expect(rows.map { $0.params } == [[.integer(10)], [.integer(25)]])
  }

  @Test func aFailingCombinationNamesItsParameters() throws {
    let bars = try Self.bars()
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crs-sweep-\(UUID().uuidString).lua")
    try """
      return { params = { n = 5 }, signals = function(bars, p)
        if p.n == 15 then error("n too large") end
        local m = ta.sma(bars.close, p.n)
        return { long_entry = ta.crossover(bars.close, m), long_exit = ta.crossunder(bars.close, m) }
      end }
      """.write(to: scratch, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let plan = SweepPlan(grid: try SweepGrid(parsing: ["n=5:25:5"]))
    do {
      _ = try SweepRunner.run(SweepRequest(strategyPath: scratch.path, bars: bars, plan: plan, jobs: 2))
      Issue.record("expected an error")
    } catch let error as SweepCombinationError {
      #expect(error.params == "n=15")
      #expect("\(error.underlying)".contains("n too large"))
    }
  }

  @Test func validationNamesTheNearestParameter() throws {
    let state = try CrescentLibrary.makeState()
    try StrategyFile.load(Self.smaCross, in: state)
    let plan = SweepPlan(grid: try SweepGrid(parsing: ["slwo=30,40"]))
    #expect(throws: SweepNameError(message: "--grid: unknown parameter 'slwo' (did you mean 'slow'?); params: fast, slow")) {
      try SweepRunner.validate(state: state, strategy: -1, plan: plan, options: RunOptions())
    }
    let fixed = SweepPlan(grid: try SweepGrid(parsing: ["slow=30,40"]))
    #expect(throws: SweepNameError.self) {
      try SweepRunner.validate(state: state, strategy: -1, plan: fixed, options: RunOptions(paramTexts: ["slow=50"]))
    }
  }
}
