import MarketData
import Testing

@testable import Simulator

/// SmaCross(10, 20) on GOOG, configured like backtesting.py, trade for trade.
@Suite struct BacktestingParityTests {
  struct Expected {
    var entryBar: Int, exitBar: Int, size: Double, entryPrice: Double, exitPrice: Double, pnl: Double
  }

  static func expected(_ name: String) throws -> [Expected] {
    try FixtureData.lines("backtesting_goog_\(name)_trades.csv").dropFirst().map { line in
      let f = line.split(separator: ",").map { Double($0) ?? .nan }
      return Expected(entryBar: Int(f[0]), exitBar: Int(f[1]), size: f[2], entryPrice: f[3], exitPrice: f[4], pnl: f[5])
    }
  }

  static func signals(_ bars: Bars, levels: Bool) -> SignalSet {
    let fast = rollingMean(bars.close, 10)
    let slow = rollingMean(bars.close, 20)
    let up = crossover(fast, slow)
    let down = crossover(slow, fast)
    var set = SignalSet(longEntry: up, longExit: down, shortEntry: down, shortExit: up)
    if levels {
      set.stop = (0..<bars.count).map { i in
        up[i] ? bars.close[i] * (1 - 0.05) : down[i] ? bars.close[i] * (1 + 0.05) : .nan
      }
      set.target = (0..<bars.count).map { i in
        up[i] ? bars.close[i] * (1 + 0.10) : down[i] ? bars.close[i] * (1 - 0.10) : .nan
      }
    }
    return set
  }

  static let config = SimulationConfig(
    sizing: Sizing(mode: .equity(fraction: 0.9999), wholeUnits: true),
    costs: Costs(commission: Commission(percent: 0.002)), fill: .nextOpen, cash: 10_000,
    closeAtEnd: false)

  func check(_ name: String, levels: Bool, fill: FillTiming = .nextOpen) throws {
    let bars = try FixtureData.goog()
    let summary = try FixtureData.json("backtesting_goog_\(name).json")
    let expected = try Self.expected(name)
    var config = Self.config
    config.fill = fill
    let result = try Backtest.run([BacktestInput(bars: bars, signals: [Self.signals(bars, levels: levels)])], config: config)
    #expect(result.trades.count == expected.count)
    for (trade, want) in zip(result.trades, expected) {
      #expect(trade.entryBar == want.entryBar)
      #expect(trade.exitBar == want.exitBar)
      #expect(trade.direction * trade.quantity == want.size)
      #expect(trade.entryPrice == want.entryPrice)
      #expect(trade.exitPrice == want.exitPrice)
      #expect(abs(trade.pnl - want.pnl) < 0.005)
    }
    let open = try #require(summary["open_trades"] as? [[String: Any]])
    #expect(result.openTrades.count == open.count)
    if let first = open.first, let trade = result.openTrades.first {
      #expect(trade.entryBar == first["entry_bar"] as? Int)
      #expect(trade.direction * trade.quantity == (first["size"] as? Double))
    }
    let curve = try FixtureData.lines("backtesting_goog_\(name)_equity.csv").dropFirst().map { Double($0) ?? .nan }
    #expect(curve.count == result.equity.count)
    // With close fills backtesting.py books a signal bar's fill in the next bar's equity; the
    // curves agree everywhere else.
    let fillBars = fill == .close ? Set((result.trades + result.openTrades).map(\.entryBar)) : []
    let worst = zip(curve, result.equity).enumerated().filter { !fillBars.contains($0.offset) }
      .map { abs($0.element.0 - $0.element.1) }.max() ?? .infinity
    #expect(worst < 0.005, "equity curves differ by up to \(worst)")
    let finalEquity = try #require(summary["final_equity"] as? Double)
    #expect(abs(result.finalEquity - finalEquity) < 0.005, "final equity \(result.finalEquity) vs \(finalEquity)")
  }

  @Test func smaCrossMatchesBacktestingPy() throws {
    try check("smacross", levels: false)
  }

  @Test func smaCrossWithStopAndTargetMatchesBacktestingPy() throws {
    try check("smacross_levels", levels: true)
  }

  /// backtesting.py's trade_on_close=True is fill="close".
  @Test func smaCrossFilledAtTheCloseMatchesBacktestingPy() throws {
    try check("smacross_close", levels: false, fill: .close)
  }

  /// Closing at the end differs from backtesting.py's open final trade by exactly the exit
  /// commission of that trade.
  @Test func closingAtTheEndChargesTheExitCommission() throws {
    let bars = try FixtureData.goog()
    var config = Self.config
    config.closeAtEnd = true
    let closed = try Backtest.run([BacktestInput(bars: bars, signals: [Self.signals(bars, levels: false)])], config: config)
    let kept = try Backtest.run([BacktestInput(bars: bars, signals: [Self.signals(bars, levels: false)])], config: Self.config)
    let last = try #require(closed.trades.last)
    #expect(last.exitReason == .end)
    #expect(last.exitPrice == bars.close[bars.count - 1])
    let exitCommission = 0.002 * last.quantity * last.exitPrice
    #expect(abs(kept.finalEquity - exitCommission - closed.finalEquity) < 1e-6)
  }
}

extension Trade {
  var direction: Double { side.direction }
}

