import Foundation
import Testing

@testable import Plotting

@Suite struct ChartTests {
  @Test func inputsAreValidatedWithNamedErrors() throws {
    #expect(throws: PlotError.lengthMismatch(name: "high", expected: 3, got: 2)) {
      try CandleData(time: [1, 2, 3], open: [1, 1, 1], high: [1, 1], low: [1, 1, 1], close: [1, 1, 1])
    }
    #expect(throws: PlotError.unorderedTimes(name: "time", index: 2)) {
      try CandleData(time: [1, 2, 2], open: [1, 1, 1], high: [1, 1, 1], low: [1, 1, 1], close: [1, 1, 1])
    }
    let data = try SampleData.candles(count: 50)
    #expect(throws: PlotError.lengthMismatch(name: "overlay 'x' (one value per bar)", expected: 50, got: 3)) {
      try PriceChart(data: data, overlays: [Overlay(name: "x", values: [1, 2, 3])]).render(size: ChartSize(), theme: .light)
    }
    #expect(throws: PlotError.self) {
      try PriceChart(data: data, markers: [Marker(index: 50, price: 1, kind: .exit)]).validate()
    }
    #expect(throws: PlotError.self) {
      try PriceChart(data: data, trades: [TradeMark(entryIndex: 10, entryPrice: 1, exitIndex: 5, exitPrice: 1)]).validate()
    }
    #expect(throws: PlotError.self) { try PriceChart(data: data).render(size: ChartSize(width: 20000), theme: .light) }
    #expect(throws: PlotError.self) { try HistogramChart(values: [.nan]).histogram() }
    #expect(throws: PlotError.self) {
      try ParameterHeatmap(xName: "a", xValues: [1, 2], yName: "b", yValues: [1], values: [[1]], metric: "m").validate()
    }
    #expect(throws: PlotError.self) { try MonthlyReturns(years: [2024], values: [[1, 2]]) }
    let message = PlotError.lengthMismatch(name: "overlay 'x'", expected: 50, got: 3).description
    #expect(message == "'overlay 'x'' must have 50 elements, got 3")
  }

  @Test func envelopeKeepsExtremesInOrder() {
    let n = 100_000
    var values = (0..<n).map { sin(Double($0) / 500) * 10 }
    values[12_345] = 50
    values[54_321] = -70
    values[100] = .nan
    let xmap = XMap(mode: .index, left: 0, width: 200, times: (0..<Int64(n)).map { $0 })
    let pts = Decimation.envelope(values, xmap: xmap, range: 0..<n)
    #expect(pts.count <= 200 * 4)
    #expect(pts.map(\.y).filter(\.isFinite).max() == 50)
    #expect(pts.map(\.y).filter(\.isFinite).min() == -70)
    // Within each column, the points follow time order of first/extremes/last.
    #expect(pts.first?.y == values[0])
    #expect(pts.last?.y == values[n - 1])
    #expect(zip(pts, pts.dropFirst()).allSatisfy { $0.x <= $1.x })
  }

  @Test func candleColumnsAggregateOHLC() throws {
    let data = try SampleData.candles(count: 10_000, weekdaysOnly: false)
    let xmap = XMap(mode: .index, left: 0, width: 100, times: data.time)
    let cols = Decimation.candles(data, xmap: xmap, range: 0..<data.count)
    #expect(cols.x.count == 100)
    #expect(cols.high.max() == data.high.max())
    #expect(cols.low.min() == data.low.min())
    #expect(cols.open[0] == data.open[0] && cols.close[99] == data.close[9_999])
    #expect(abs(cols.volume.reduce(0, +) - data.volume.reduce(0, +)) < 1e-3)
  }

  @Test func candlesDrawInTheirColours() throws {
    // Two bars: a rising one and a falling one, no volume; bodies carry the theme colours.
    let data = try CandleData(time: [0, 86_400_000_000_000], open: [10, 20], high: [21, 21], low: [9, 9], close: [20, 10])
    let theme = Theme.light
    let canvas = try PriceChart(data: data, showVolume: false).render(size: ChartSize(width: 300, height: 200), theme: theme)
    let png = try roundTrip(canvas)
    var up = 0
    var down = 0
    for y in 0..<png.height {
      for x in 0..<png.width {
        let p = png.pixel(x, y)
        if p.r == Int(theme.up.r) && p.g == Int(theme.up.g) && p.b == Int(theme.up.b) { up += 1 }
        if p.r == Int(theme.down.r) && p.g == Int(theme.down.g) && p.b == Int(theme.down.b) && x < 280 { down += 1 }
      }
    }
    #expect(up > 1500 && down > 1500)
  }

  @Test func millionBarChartDecimates() throws {
    let data = try SampleData.candles(count: 1_000_000, step: 60, weekdaysOnly: false, vol: 0.0007, drift: 0)
    let chart = PriceChart(data: data, overlays: [Overlay(name: "SMA", values: SampleData.sma(data.close, 1000))])
    let canvas = try chart.render(size: ChartSize(width: 800, height: 450), theme: .light)
    #expect(canvas.width == 800)
    // Every pixel column of the price pane has candle ink.
    let theme = Theme.light
    var columnsWithInk = 0
    for x in 20..<700 {
      for y in 30..<330 {
        let p = canvas.pixel(x: x, y: y)
        if p != theme.background && p != theme.grid { columnsWithInk += 1; break }
      }
    }
    #expect(columnsWithInk > 670)
  }

  @Test func drawdownAndMonthlyReturns() throws {
    #expect(EquityChart.drawdown([100, 110, 99, .nan, 121]).map { $0.isNaN ? -999 : ($0 * 100).rounded() / 100 }
            == [0, 0, -10, -999, 0])
    let day: Int64 = 86_400_000_000_000
    // 2024-01-01, 2024-01-31, 2024-02-29, 2024-03-31 with equity 100, 110, 99, 99.
    let t0 = SampleData.jan2024
    let grid = try MonthlyReturns.from(time: [t0, t0 + 30 * day, t0 + 59 * day, t0 + 90 * day],
                                       equity: [100, 110, 99, 99])
    #expect(grid.years == [2024])
    #expect(abs(grid.values[0][0] - 10) < 1e-9)
    #expect(abs(grid.values[0][1] - (-10)) < 1e-9)
    #expect(grid.values[0][2] == 0)
    #expect(grid.values[0][3].isNaN)
    #expect(abs(grid.yearly[0] - (-1)) < 1e-9)
  }

  @Test func histogramBinsSplitAtZero() throws {
    let values = GalleryTests.tradeReturns(500)
    let (edges, counts) = try HistogramChart(values: values + [.nan]).histogram()
    #expect(counts.reduce(0, +) == 500)
    #expect(edges.contains { abs($0) < 1e-12 })
    #expect(edges.first! <= values.min()! && edges.last! >= values.max()!)
    let fixed = try HistogramChart(values: [1, 2, 3], bins: 4).histogram()
    #expect(fixed.counts.count == 4 || fixed.counts.count == 5)
  }

  @Test func everyChartRendersAtScaleTwo() throws {
    let (time, equity, hold) = try GalleryTests.equity(days: 120)
    let size = ChartSize(width: 300, height: 200, scale: 2)
    let charts: [any Chart] = [
      try GalleryTests.priceChart(bars: 60),
      EquityChart(time: time, equity: equity, benchmark: hold),
      MonthlyReturnsChart(returns: try MonthlyReturns.from(time: time, equity: equity)),
      HistogramChart(values: GalleryTests.tradeReturns(50), unit: "R"),
      try ScatterChart.maeMfe(mae: [1, 2, 0.5], mfe: [2, 0.1, 3], returns: [1, -1, 2]),
      LineChart(series: [Overlay(name: "a", values: [1, 3, 2, 5])]),
      ParameterHeatmap(xName: "a", xValues: [1, 2], yName: "b", yValues: [1, 2], values: [[1, 2], [3, .nan]], metric: "m"),
    ]
    for chart in charts {
      let png = try decodePNG(try chart.png(size: size, theme: .dark))
      #expect(png.width == 600 && png.height == 400)
    }
  }

  @Test func logScaleSpacesDecadesEvenly() throws {
    let scale = ValueScale(lo: 1, hi: 100, log: true, top: 0, bottom: 200)
    #expect(abs(scale.y(10) - 100) < 1e-9)
    #expect(scale.y(-5).isNaN)
    // A doubling price on a log axis draws a straight line: the chart renders and its
    // close line passes through evenly spaced rows.
    let n = 64
    let close = (0..<n).map { 10 * pow(2, Double($0) / 8) }
    let data = try CandleData(time: (0..<Int64(n)).map { $0 * 86_400_000_000_000 }, open: close, high: close,
                              low: close, close: close)
    let canvas = try PriceChart(data: data, style: .line, showVolume: false, logScale: true, collapseGaps: false)
      .render(size: ChartSize(width: 400, height: 300), theme: .light)
    // The line colour (#0072B2) has no red: weight each pixel by how far its red channel fell.
    func row(atColumn x: Int) -> Double? {
      var sum = 0.0
      var weight = 0.0
      for y in 0..<300 {
        let p = canvas.pixel(x: x, y: y)
        guard p.r < 200, p.b > p.r else { continue }
        let w = Double(255 - Int(p.r)) / 255
        sum += w * Double(y)
        weight += w
      }
      return weight > 0 ? sum / weight : nil
    }
    guard let a = row(atColumn: 60), let b = row(atColumn: 160), let c = row(atColumn: 260) else {
      Issue.record("the line was not found")
      return
    }
    #expect(abs((a - b) - (b - c)) < 2)
  }

  @Test func timeAxisPlacesBarsAtTheirTimes() throws {
    // Two bars a day apart and one a week later: without collapsing, the gap shows.
    let day: Int64 = 86_400_000_000_000
    let xmap = XMap(mode: .time, left: 0, width: 800, times: [0, day, 8 * day])
    #expect(xmap.x(1) - xmap.x(0) < (xmap.x(2) - xmap.x(1)) / 6)
    let collapsed = XMap(mode: .index, left: 0, width: 800, times: [0, day, 8 * day])
    #expect(abs((collapsed.x(1) - collapsed.x(0)) - (collapsed.x(2) - collapsed.x(1))) < 1e-9)
  }

  @Test func degenerateInputsRenderWithoutTrapping() throws {
    let size = ChartSize(width: 200, height: 150)
    let one = try CandleData(time: [0], open: [1], high: [1], low: [1], close: [1], volume: [0])
    _ = try PriceChart(data: one, title: "one bar").render(size: size, theme: .light)
    let nan = [Double](repeating: .nan, count: 5)
    let empty = try CandleData(time: [1, 2, 3, 4, 5], open: nan, high: nan, low: nan, close: nan, volume: nan)
    _ = try PriceChart(data: empty, overlays: [Overlay(name: "n", values: nan)], panes: [.rsi(nan)])
      .render(size: size, theme: .dark)
    let negative = try CandleData(time: [1, 2, 3], open: [-1, 2, 1e300], high: [3, 3, 1e300], low: [-2, 1, 1e300],
                                  close: [2, 1, 1e300])
    _ = try PriceChart(data: negative, logScale: true).render(size: size, theme: .light)
    _ = try EquityChart(time: [1, 2, 3], equity: [5, 5, 5], benchmark: [.nan, .nan, .nan]).render(size: size, theme: .light)
    _ = try HistogramChart(values: [0.5]).render(size: size, theme: .light)
    _ = try ParameterHeatmap(xName: "a", xValues: [1], yName: "b", yValues: [1], values: [[.nan]], metric: "m")
      .render(size: size, theme: .light)
    _ = try MonthlyReturnsChart(returns: try MonthlyReturns(years: [], values: [])).render(size: size, theme: .light)
    _ = try ScatterChart(x: [], y: [], outcomes: [], xLabel: "x", yLabel: "y").render(size: size, theme: .light)
    #expect(throws: PlotError.self) { try LineChart(series: []).render(size: size, theme: .light) }
    #expect(throws: PlotError.self) { try HistogramChart(values: [-1e308, 1e308]).histogram() }
    var canvas = try Canvas(width: 10, height: 10)
    canvas.draw(text: "far", at: Point(1e300, -1e300), font: Font.sized(12), color: red)
    #expect(throws: PlotError.self) { try EquityChart(time: [2, 1], equity: [1, 1]).render(size: size, theme: .light) }
  }
}
