import Foundation
import MarketData
import Simulator
import Testing

@testable import Analytics

/// A small run with known numbers: long 10 at 100 → 110 (signal), short 10 at 110 → 121
/// (stop 10%), on daily bars from 2024-01-30.
func sampleRun() throws -> BacktestResult {
  let rows: [(Double, Double, Double, Double)] = [
    (100, 101, 99, 100), (100, 106, 99, 105), (110, 111, 109, 110), (110, 112, 108, 111),
    (112, 122, 111, 120), (120, 121, 119, 120),
  ]
  let day: Int64 = 86_400_000_000_000
  let start = try #require(UTCTime.parse("2024-01-30"))
  let bars = Bars(
    time: rows.indices.map { start + Int64($0) * day }, open: rows.map { $0.0 }, high: rows.map { $0.1 },
    low: rows.map { $0.2 }, close: rows.map { $0.3 }, volume: rows.map { _ in 1 }, symbol: "XYZ")
  let set = SignalSet(
    longEntry: [true, false, false, false, false, false], longExit: [false, true, false, false, false, false],
    shortEntry: [false, true, false, false, false, false], tag: "swing")
  let config = SimulationConfig(exits: ExitRules(stopPercent: 0.1), sizing: Sizing(mode: .units(10)))
  return try Backtest.run([BacktestInput(bars: bars, signals: [set])], config: config)
}

@Suite struct ReportTests {
  @Test func statsFromAHandComputedRun() throws {
    let result = try sampleRun()
    // The stop 110 × 1.1 is 121.00000000000001 in Float64.
    #expect(result.trades[0].pnl == 100 && abs(result.trades[1].pnl + 110) < 1e-9)
    let stats = PerformanceStats(result, periodsPerYear: 252)
    #expect(stats.keyedValues.map(\.key) == [
      "start", "end", "bars", "trades", "return_pct", "buy_hold_return_pct", "cagr_pct", "sharpe", "sortino",
      "calmar", "max_drawdown_pct", "profit_factor", "expectancy", "win_rate_pct", "avg_trade_pct",
      "best_trade_pct", "worst_trade_pct", "avg_bars_held", "exposure_pct", "sqn", "final_equity",
      "commissions", "ambiguous_exits",
    ])
    #expect(stats.start == "2024-01-30T00:00:00Z" && stats.end == "2024-02-04T00:00:00Z")
    #expect(stats.bars == 6 && stats.trades == 2)
    #expect(abs(stats.finalEquity - 9_990) < 1e-9)
    #expect(abs(stats.returnPercent + 0.1) < 1e-12)
    #expect(abs(stats.buyHoldReturnPercent - 20) < 1e-12)
    #expect(abs(stats.profitFactor - 100.0 / 110) < 1e-9)
    #expect(abs(stats.expectancy + 5) < 1e-9)
    #expect(stats.winRatePercent == 50)
    #expect(abs(stats.avgTradePercent) < 1e-9)
    #expect(stats.bestTradePercent == 10 && abs(stats.worstTradePercent + 10) < 1e-9)
    #expect(stats.avgBarsHeld == 1.5)
    // Exposed at the closes of bars 1 through 4 (the short is stopped on bar 4).
    #expect(result.exposed == [false, true, true, true, false, false])
    #expect(stats.exposurePercent == 50)
    // SQN: √2 × mean / sd of (100, −110).
    let sd = (pow(105.0, 2) * 2).squareRoot()
    #expect(abs(stats.sqn - 2.0.squareRoot() * -5 / sd) < 1e-9)
    #expect(stats.ambiguousExits == 0 && stats.commissions == 0)
    // Equity: 10000, 10050, 10100, 10090, 9990, 9990: drawdown from 10100 to 9990.
    #expect(zip(result.equity, [10_000, 10_050, 10_100, 10_090, 9_990, 9_990]).allSatisfy { abs($0 - $1) < 1e-9 })
    #expect(abs(stats.maxDrawdownPercent - (9_990.0 / 10_100 - 1) * 100) < 1e-9)
  }

  @Test func tradesCSVHasTheContractColumns() throws {
    let text = RunWriters.tradesCSV(try sampleRun().trades)
    let lines = text.split(separator: "\n")
    #expect(lines[0] == "symbol,side,tag,entry_time,entry_price,exit_time,exit_price,qty,pnl,return_pct,exit_reason,bars_held,mae_pct,mfe_pct")
    #expect(lines[1] == "XYZ,long,swing,2024-01-31T00:00:00Z,100.0,2024-02-01T00:00:00Z,110.0,10.0,100.0,10.0,signal,1,-1.0,10.0")
    #expect(lines[2].hasPrefix("XYZ,short,swing,2024-02-01T00:00:00Z,110.0,2024-02-03T00:00:00Z,121.00000000000001,10.0,"))
    #expect(lines[2].contains(",stop,2,"))
    #expect(lines.count == 3)
  }

  @Test func equityCSVAndStatsJSON() throws {
    let result = try sampleRun()
    let equity = RunWriters.equityCSV(time: result.time, equity: result.equity).split(separator: "\n")
    #expect(equity[0] == "time,equity,drawdown_pct")
    #expect(equity[1] == "2024-01-30T00:00:00Z,10000.0,0.0")
    #expect(equity.count == 7)
    let stats = PerformanceStats(result, periodsPerYear: 252)
    let text = RunWriters.statsJSON(stats)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object.count == 23)
    #expect(abs((object["final_equity"] as? Double ?? 0) - 9_990) < 1e-9)
    #expect(object["ambiguous_exits"] as? Int == 0)
    #expect(object["start"] as? String == "2024-01-30T00:00:00Z")
    var empty = stats
    empty.profitFactor = .nan
    #expect(RunWriters.statsJSON(empty).contains("\"profit_factor\": null"))
  }

  @Test func writesTheRunFolder() throws {
    let result = try sampleRun()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try RunWriters.write(result, stats: PerformanceStats(result), to: directory)
    for name in ["trades.csv", "equity.csv", "stats.json"] {
      #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path))
    }
  }

  @Test func csvFieldsWithCommasAreQuoted() {
    #expect(RunWriters.csv("a,b") == "\"a,b\"")
    #expect(RunWriters.csv("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(RunWriters.json("a\"b\n") == "\"a\\\"b\\n\"")
  }

  @Test func monthlyReturns() throws {
    let day: Int64 = 86_400_000_000_000
    let start = try #require(UTCTime.parse("2024-01-30"))
    let time = (0..<6).map { start + Int64($0) * day }  // Jan 30, 31, Feb 1, 2, 3, 4
    let months = MonthlyReturns.compute(time: time, equity: [100, 110, 99, 121, 120, 132])
    #expect(months.count == 2)
    #expect(months[0].year == 2024 && months[0].month == 1)
    #expect(abs(months[0].percent - 10) < 1e-12)
    #expect(months[1].month == 2 && abs(months[1].percent - 20) < 1e-12)
    #expect(MonthlyReturns.compute(time: [], equity: []).isEmpty)
    let grid = MonthlyReturns.render(months).split(separator: "\n")
    #expect(grid.count == 2)
    #expect(grid[0].hasPrefix("year") && grid[0].hasSuffix("year"))
    #expect(grid[1].hasPrefix("2024"))
    #expect(grid[1].contains("10.00") && grid[1].contains("20.00") && grid[1].hasSuffix("32.00"))
    #expect(grid[0].count == grid[1].count)
  }

  @Test func tablesBySymbolAndTag() throws {
    var trades = try sampleRun().trades
    trades[1].symbol = "ABC"
    trades[1].tag = "other"
    let symbols = TradeTable.bySymbol(trades)
    #expect(symbols.map(\.key) == ["XYZ", "ABC"])
    #expect(symbols[0].pnl == 100 && symbols[0].winRatePercent == 100 && symbols[0].profitFactor.isNaN)
    #expect(abs(symbols[1].pnl + 110) < 1e-9 && symbols[1].avgBarsHeld == 2)
    #expect(TradeTable.byTag(trades).map(\.key) == ["swing", "other"])
  }

  @Test func consoleReportAlignsValues() throws {
    let result = try sampleRun()
    let text = ConsoleReport.render(result, stats: PerformanceStats(result, periodsPerYear: 252))
    let lines = text.split(separator: "\n").prefix(23)
    let column = try #require(lines.first.map { $0.distance(from: $0.startIndex, to: $0.firstIndex(of: "2")!) })
    for line in lines {
      let valueStart = line.distance(from: line.startIndex, to: line.range(of: "  ", options: .backwards)!.upperBound)
      #expect(valueStart == column, "\(line)")
    }
    #expect(text.contains("final_equity"))
    #expect(!text.contains("\u{1B}["))
    #expect(ConsoleReport.render(result, stats: PerformanceStats(result), color: true).contains("\u{1B}[31m"))
    #expect(ConsoleReport.format(1234.5678) == "1234.57")
    #expect(ConsoleReport.format(-0.12345) == "-0.1235")
    #expect(ConsoleReport.format(.nan) == "-")
  }

  @Test func periodsPerYearFromTheSpacing() {
    let hour: Int64 = 3_600_000_000_000
    #expect(PeriodsPerYear.infer(from: (0..<10).map { $0 * 24 * hour }) == 252)
    #expect(PeriodsPerYear.infer(from: (0..<10).map { $0 * hour }) == 252 * 24)
    #expect(PeriodsPerYear.infer(from: (0..<10).map { $0 * 7 * 24 * hour }) == 52)
    #expect(PeriodsPerYear.infer(from: (0..<10).map { $0 * 30 * 24 * hour }) == 12)
  }

  @Test func medianGapEqualsTheSortedMedianForRegularAndIrregularSpacings() {
    var generator = SystemRandomNumberGenerator()
    for trial in 0..<400 {
      let count = Int.random(in: 2...60, using: &generator)
      // Few distinct gaps so majorities, near-majorities and ties all occur.
      let choices: [Int64] = trial % 2 == 0 ? [60, 60, 60, 120, 3_600] : [60, 120, 180]
      var time: [Int64] = [0]
      for _ in 1..<count { time.append(time[time.count - 1] + choices.randomElement(using: &generator)!) }
      let sorted = (1..<count).map { time[$0] - time[$0 - 1] }.sorted()
      #expect(PeriodsPerYear.medianGap(time) == sorted[sorted.count / 2], "\(time)")
    }
  }

  @Test func statsOfAnEmptyRunAreUndefinedNotCrashing() throws {
    let bars = Bars(time: [], open: [], high: [], low: [], close: [], volume: [], symbol: "E")
    let result = try Backtest.run([BacktestInput(bars: bars)], config: SimulationConfig())
    let stats = PerformanceStats(result)
    #expect(stats.bars == 0 && stats.trades == 0 && stats.sharpe.isNaN && stats.finalEquity == 10_000)
    let object = try JSONSerialization.jsonObject(with: Data(RunWriters.statsJSON(stats).utf8)) as? [String: Any]
    #expect(object?["sharpe"] is NSNull)
    #expect(!ConsoleReport.render(result, stats: stats).isEmpty)
  }
}
