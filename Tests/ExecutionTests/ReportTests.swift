import Analytics
import Execution
import Foundation
import MarketData
import Simulator
import Testing

/// The dry run's result and run files match the backtest's.
@Suite struct ReportTests {
  @Test func resultAndFilesMatchTheBacktest() throws {
    let bars = try Support.goog()
    let config = SimulationConfig(
      exits: ExitRules(stopPercent: 0.03, trailPercent: 0.04), sizing: Sizing(mode: .equity(fraction: 0.5)),
      costs: Costs(commission: Commission(percent: 0.001)), cash: 10_000)
    let expected = try CrossStrategy().backtest(bars, config: config)
    let engine = try Engine(
      symbols: ["GOOG"], timeframe: Timeframe(count: 1, unit: .day), config: config,
      strategy: CrossStrategy().engineStrategy, broker: PaperBroker(costs: config.costs))
    try ReplayFeed([Support.ticks(bars, side: .long, policy: .pessimistic)]).run(engine)
    let result = engine.result()
    #expect(result.trades == expected.trades)
    #expect(result.time == expected.time)
    #expect(result.equity == expected.equity)
    #expect(result.exposed == expected.exposed)
    #expect(result.commissions == expected.commissions)
    #expect(result.firstClose == expected.firstClose)
    #expect(result.lastClose == expected.lastClose)
    #expect(result.skipped == expected.skipped)

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crescent-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try DryRun.writeReports(engine, to: dir)
    let trades = try String(contentsOf: dir.appendingPathComponent("trades.csv"), encoding: .utf8)
    let equity = try String(contentsOf: dir.appendingPathComponent("equity.csv"), encoding: .utf8)
    #expect(trades == RunWriters.tradesCSV(expected.trades))
    #expect(equity == RunWriters.equityCSV(time: expected.time, equity: expected.equity))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("stats.json").path))
  }
}
