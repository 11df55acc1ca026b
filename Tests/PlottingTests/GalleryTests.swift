import Foundation
import Testing

@testable import Plotting

/// Renders one chart of each type from synthetic data. With PLOTTING_GALLERY_DIR set, the
/// PNGs are written there (this is how docs/images/ is produced:
/// `PLOTTING_GALLERY_DIR=docs/images swift test --filter GalleryTests`).
@Suite struct GalleryTests {
  static let directory = ProcessInfo.processInfo.environment["PLOTTING_GALLERY_DIR"]

  func emit(_ name: String, _ chart: some Chart, size: ChartSize = ChartSize(width: 1000, height: 560),
            theme: Theme = .light) throws {
    let bytes = try chart.png(size: size, theme: theme)
    let png = try decodePNG(bytes)
    #expect(png.width == Int((Double(size.width) * size.scale).rounded()))
    if let dir = GalleryTests.directory {
      try Data(bytes).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name + ".png"))
    }
  }

  static func priceChart(bars: Int = 160) throws -> PriceChart {
    let data = try SampleData.candles(count: bars)
    let fast = SampleData.ema(data.close, 10)
    let slow = SampleData.sma(data.close, 30)
    return PriceChart(
      data: data,
      overlays: [Overlay(name: "EMA 10", values: fast), Overlay(name: "SMA 30", values: slow)],
      panes: [IndicatorPane.rsi(SampleData.rsi(data.close))],
      trades: SampleData.crossTrades(data, fast: fast, slow: slow),
      title: "SAMPLE · 1D")
  }

  @Test func candlesticks() throws {
    try emit("candlestick", try GalleryTests.priceChart())
  }

  @Test func candlesticksDark() throws {
    try emit("candlestick_dark", try GalleryTests.priceChart(), theme: .dark)
  }
}

extension GalleryTests {
  /// A strategy-like equity curve (drifting random walk) and buy-and-hold on the same days.
  static func equity(days: Int = 900) throws -> (time: [Int64], equity: [Double], hold: [Double]) {
    let data = try SampleData.candles(count: days, seed: 11, vol: 0.012)
    var rng = SampleData.Random(state: 5)
    var e = 10_000.0
    var equity: [Double] = []
    for i in 0..<data.count {
      if i > 0 { e *= 1 + (data.close[i] / data.close[i - 1] - 1) * 0.6 + rng.normal() * 0.004 + 0.0002 }
      equity.append(e)
    }
    let hold = data.close.map { $0 / data.close[0] * 10_000 }
    return (data.time, equity, hold)
  }

  static func tradeReturns(_ n: Int = 400) -> [Double] {
    var rng = SampleData.Random(state: 3)
    return (0..<n).map { _ in rng.next() < 0.42 ? abs(rng.normal()) * 3.2 + 0.1 : -abs(rng.normal()) * 1.4 - 0.05 }
  }

  @Test func ohlcBarsIntraday() throws {
    // 5-minute bars over two days.
    let data = try SampleData.candles(count: 170, seed: 21, step: 300, weekdaysOnly: true, price: 1.0850, vol: 0.0008, drift: 0)
    let chart = PriceChart(data: data, style: .ohlc,
                           overlays: [Overlay(name: "EMA 20", values: SampleData.ema(data.close, 20))],
                           levels: [PriceLevel(startIndex: 120, endIndex: 169, price: data.close[120] * 1.002, kind: .target, label: "target"),
                                    PriceLevel(startIndex: 120, endIndex: 169, price: data.close[120] * 0.999, kind: .stop, label: "stop")],
                           title: "EURUSD · 5m")
    try emit("ohlc_intraday", chart)
  }

  @Test func equityWithDrawdown() throws {
    let (time, equity, hold) = try GalleryTests.equity()
    try emit("equity", EquityChart(time: time, equity: equity, benchmark: hold))
  }

  @Test func monthlyReturns() throws {
    let (time, equity, _) = try GalleryTests.equity()
    let grid = try MonthlyReturns.from(time: time, equity: equity)
    try emit("monthly_returns", MonthlyReturnsChart(returns: grid), size: ChartSize(width: 900, height: 300))
  }

  @Test func parameterHeatmap() throws {
    let fast = stride(from: 5.0, through: 50, by: 5).map { $0 }
    let slow = stride(from: 20.0, through: 200, by: 20).map { $0 }
    var rng = SampleData.Random(state: 9)
    let values = slow.map { sl in
      fast.map { fa -> Double in
        fa >= sl ? .nan : 1.4 * exp(-pow((fa - 18) / 14, 2) - pow((sl - 110) / 70, 2)) - 0.2 + rng.normal() * 0.08
      }
    }
    try emit("parameter_heatmap", ParameterHeatmap(xName: "fast", xValues: fast, yName: "slow", yValues: slow,
                                                    values: values, metric: "Sharpe"),
             size: ChartSize(width: 800, height: 560))
  }

  @Test func histogramOfReturns() throws {
    try emit("histogram_returns", HistogramChart(values: GalleryTests.tradeReturns(), title: "Trade returns", xLabel: "return per trade"),
             size: ChartSize(width: 800, height: 420))
  }

  @Test func histogramOfRMultiples() throws {
    let r = GalleryTests.tradeReturns().map { $0 / 1.2 }
    try emit("histogram_r", HistogramChart(values: r, unit: "R", title: "R-multiples"), size: ChartSize(width: 800, height: 420))
  }

  @Test func maeMfeScatter() throws {
    var rng = SampleData.Random(state: 17)
    let returns = GalleryTests.tradeReturns(300)
    let mae = returns.map { r in r < 0 ? abs(r) + abs(rng.normal()) * 0.4 : abs(rng.normal()) * 0.9 }
    let mfe = returns.map { r in r > 0 ? r + abs(rng.normal()) * 0.8 : abs(rng.normal()) * 0.7 }
    try emit("mae_mfe", try ScatterChart.maeMfe(mae: mae, mfe: mfe, returns: returns), size: ChartSize(width: 700, height: 560))
  }

  @Test func lineChart() throws {
    let (time, equity, hold) = try GalleryTests.equity(days: 400)
    try emit("line", LineChart(time: time, series: [Overlay(name: "Strategy", values: equity),
                                                    Overlay(name: "Buy & hold", values: hold, style: .dashed(1.5))],
                               title: "plot.line"), size: ChartSize(width: 800, height: 400))
  }

  @Test func millionBars() throws {
    let data = try SampleData.candles(count: 1_000_000, seed: 2, step: 60, weekdaysOnly: false, price: 30_000, vol: 0.0007, drift: 0)
    let chart = PriceChart(data: data, overlays: [Overlay(name: "SMA 10000", values: SampleData.sma(data.close, 10_000)),
                                                  Overlay(name: "SMA 50000", values: SampleData.sma(data.close, 50_000))],
                           title: "1,000,000 one-minute bars")
    try emit("million_bars", chart, size: ChartSize(width: 1600, height: 900))
  }

  @Test func highDPI() throws {
    try emit("candlestick_2x", try GalleryTests.priceChart(bars: 90), size: ChartSize(width: 700, height: 420, scale: 2))
  }
}
