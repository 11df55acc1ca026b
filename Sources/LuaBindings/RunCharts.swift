import Analytics
import Foundation
import MarketData
import Plotting
import Simulator

/// The charts of a run folder: equity.png (equity, buy-and-hold and drawdown), chart.png
/// (the first symbol's price with every trade, coloured by outcome, and its stop/target
/// levels when it had them) and monthly.png (monthly returns). Deterministic, so reruns
/// reproduce them byte for byte.
public enum RunCharts {
  public static let all: [any RunArtefactWriter] = [EquityPNG(), PricePNG(), MonthlyPNG()]

  /// Equity with buy-and-hold beside it (single-symbol runs) and the drawdown pane.
  static func equityChart(_ run: BacktestRun) -> EquityChart {
    let result = run.result
    var benchmark: [Double] = []
    if run.bars.count == 1, let bars = run.bars.first, bars.count == result.time.count {
      benchmark = Benchmark.buyAndHold(bars, cash: result.initialCash)
    }
    return EquityChart(
      time: result.time, equity: result.equity, benchmark: benchmark, title: "\(run.strategy.name): equity")
  }

  struct EquityPNG: RunArtefactWriter {
    func write(_ run: BacktestRun, to directory: URL) throws {
      guard run.result.time.count >= 2 else { return }
      try equityChart(run).save(
        to: directory.appendingPathComponent("equity.png").path, size: ChartSize(width: 1200, height: 700))
    }
  }

  struct PricePNG: RunArtefactWriter {
    func write(_ run: BacktestRun, to directory: URL) throws {
      guard let bars = run.bars.first, bars.count >= 2 else { return }
      let data = try CandleData(
        time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close,
        volume: bars.volume.allSatisfy(\.isNaN) ? [] : bars.volume)
      let symbol = bars.symbol
      let trades = (run.result.trades + run.result.openTrades).filter { $0.symbol == symbol || run.bars.count == 1 }
      let marks = trades.map { trade in
        TradeMark(
          entryIndex: trade.entryBar, entryPrice: trade.entryPrice, exitIndex: trade.exitBar,
          exitPrice: trade.exitPrice, isLong: trade.side == .long, pnl: trade.pnl)
      }
      let chart = PriceChart(
        data: data, trades: marks, showVolume: !data.volume.isEmpty,
        title: "\(run.strategy.name) · \(symbol)" + (bars.timeframe.map { " · \($0)" } ?? ""))
      try chart.validate()
      try chart.save(to: directory.appendingPathComponent("chart.png").path, size: ChartSize(width: 1400, height: 800))
    }
  }

  struct MonthlyPNG: RunArtefactWriter {
    func write(_ run: BacktestRun, to directory: URL) throws {
      let result = run.result
      guard result.time.count >= 2 else { return }
      let returns = try Plotting.MonthlyReturns.from(time: result.time, equity: result.equity)
      try MonthlyReturnsChart(returns: returns, title: "\(run.strategy.name): monthly returns (%)")
        .save(to: directory.appendingPathComponent("monthly.png").path, size: ChartSize(width: 1000, height: 500))
    }
  }
}
