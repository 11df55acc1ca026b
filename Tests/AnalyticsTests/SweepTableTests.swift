import MarketData
import Simulator
import Testing

@testable import Analytics

@Suite struct SweepTableTests {
  func row(_ position: Int, _ params: [SweepValue], sharpe: Double, trades: Int) -> SweepTable.Row {
    var stats: [(key: String, value: PerformanceStats.Value)] = PerformanceStats.keys.map { key in
      switch key {
      case "start", "end": return (key, .text("2024-01-01T00:00:00Z"))
      case "bars", "ambiguous_exits": return (key, .integer(10))
      default: return (key, .number(1.5))
      }
    }
    stats[PerformanceStats.keys.firstIndex(of: "sharpe") ?? 0].value = .number(sharpe)
    stats[PerformanceStats.keys.firstIndex(of: "trades") ?? 0].value = .integer(trades)
    return SweepTable.Row(position: position, params: params, stats: stats)
  }

  @Test func keysMatchStatsJSON() throws {
    let bars = Bars(
      time: [0, 86_400_000_000_000, 172_800_000_000_000], open: [1, 2, 3], high: [1, 2, 3], low: [1, 2, 3],
      close: [1, 2, 3], volume: [1, 1, 1], symbol: "X")
    let result = try Backtest.run([BacktestInput(bars: bars, signals: [])], config: SimulationConfig())
    #expect(PerformanceStats(result).keyedValues.map(\.key) == PerformanceStats.keys)
  }

  @Test func rankingMaximisesBreaksTiesInOrderAndAppliesConstraints() {
    let table = SweepTable(
      paramNames: ["fast"],
      rows: [
        row(0, [.integer(5)], sharpe: 1.0, trades: 40), row(1, [.integer(10)], sharpe: 2.0, trades: 10),
        row(2, [.integer(15)], sharpe: 1.0, trades: 50), row(3, [.integer(20)], sharpe: .nan, trades: 60),
        row(4, [.integer(25)], sharpe: 1.5, trades: 30),
      ])
    #expect(table.ranked(by: "sharpe").map(\.position) == [1, 4, 0, 2])
    #expect(table.ranked(by: "sharpe", minTrades: 30).map(\.position) == [4, 0, 2])
    #expect(table.best(by: "sharpe", minTrades: 100) == nil)
    #expect(throws: SweepSpecError.self) { try SweepTable.validate(metric: "sharp") }
    #expect(throws: Never.self) { try SweepTable.validate(metric: "max_drawdown_pct") }
  }

  @Test func resultsCSVRoundTrips() throws {
    let table = SweepTable(
      paramNames: ["fast", "mode"],
      rows: [row(0, [.integer(5), .string("a,b")], sharpe: 0.1, trades: 3), row(1, [.number(2.5), .boolean(true)], sharpe: .nan, trades: 0)])
    let text = SweepCSV.text(table)
    let lines = text.split(separator: "\n")
    #expect(lines[0].hasPrefix("fast,mode,start,end,bars,trades,return_pct,"))
    #expect(lines[1].hasPrefix("5,\"a,b\",2024-01-01T00:00:00Z"))
    let back = try SweepCSV.parse(text, source: "results.csv")
    #expect(back.paramNames == ["fast", "mode"])
    #expect(back.rows[1].params == [.number(2.5), .boolean(true)])
    #expect(back.rows[1].metric("sharpe").isNaN)
    #expect(SweepCSV.text(back) == text)
    #expect(throws: SweepSpecError.self) { try SweepCSV.parse("a,b\n1,2\n", source: "x.csv") }
  }
}
