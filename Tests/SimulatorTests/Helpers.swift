import MarketData

@testable import Simulator

/// Daily bars from (open, high, low, close) rows, starting 2024-01-01.
func makeBars(_ rows: [(Double, Double, Double, Double)], symbol: String = "TEST", start: Int64 = 1_704_067_200_000_000_000) -> Bars {
  Bars(
    time: rows.indices.map { start + Int64($0) * 86_400_000_000_000 },
    open: rows.map { $0.0 }, high: rows.map { $0.1 }, low: rows.map { $0.2 }, close: rows.map { $0.3 },
    volume: rows.map { _ in 1_000 }, symbol: symbol)
}

/// A boolean column true at the given bars.
func flags(_ count: Int, _ on: [Int]) -> [Bool] {
  var out = [Bool](repeating: false, count: count)
  for i in on { out[i] = true }
  return out
}

/// Ten units per entry, no costs, next-open fills: the base of the hand-computed cases.
func unitConfig(_ exits: ExitRules = ExitRules(), intrabar: IntrabarPolicy = .pessimistic) -> SimulationConfig {
  SimulationConfig(exits: exits, sizing: Sizing(mode: .units(10)), intrabar: intrabar)
}

/// One long entry signalled at bar 0 (filled at bar 1's open).
func runLong(_ rows: [(Double, Double, Double, Double)], _ config: SimulationConfig) throws -> BacktestResult {
  let bars = makeBars(rows)
  return try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet(longEntry: flags(bars.count, [0]))])], config: config)
}

/// One short entry signalled at bar 0.
func runShort(_ rows: [(Double, Double, Double, Double)], _ config: SimulationConfig) throws -> BacktestResult {
  let bars = makeBars(rows)
  return try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet(shortEntry: flags(bars.count, [0]))])], config: config)
}
