import Foundation
import Testing

@testable import Plotting

/// The Monte Carlo fan and histograms: sizes, where each element lands, input errors.
@Suite struct MonteCarloChartTests {
  /// 200 random walks of 60 steps from 10,000; bands from the sorted columns.
  static func study() -> MonteCarloChart {
    var random = SampleData.Random(state: 11)
    let steps = Array(0...60)
    var paths: [[Double]] = []
    for _ in 0..<200 {
      var e = 10_000.0
      paths.append(steps.map { k in
        if k > 0 { e *= 1 + 0.02 * random.normal() + 0.002 }
        return e
      })
    }
    func band(_ q: Double) -> [Double] {
      steps.map { k in
        let column = paths.map { $0[k] }.sorted()
        return column[Int(q * Double(column.count - 1))]
      }
    }
    let drawdowns = paths.map { path -> Double in
      var peak = path[0]
      var deepest = 0.0
      for v in path {
        peak = max(peak, v)
        deepest = min(deepest, (v / peak - 1) * 100)
      }
      return deepest
    }
    let original = (0...60).map { 10_000 * (1 + 0.004 * Double($0)) }
    return MonteCarloChart(
      steps: steps, outer: (band(0.05), band(0.95)), inner: (band(0.25), band(0.75)), median: band(0.5),
      paths: Array(paths.prefix(30)), original: original, maxDrawdownPercent: drawdowns,
      returnPercent: paths.map { ($0[60] / 10_000 - 1) * 100 })
  }

  func isColor(_ p: (r: Int, g: Int, b: Int, a: Int), _ c: RGBA, tolerance: Int = 40) -> Bool {
    abs(p.r - Int(c.r)) <= tolerance && abs(p.g - Int(c.g)) <= tolerance && abs(p.b - Int(c.b)) <= tolerance
  }

  /// `c` at 80% over white, as histogram bars are drawn.
  func bar(_ c: RGBA) -> RGBA {
    func mix(_ v: UInt8) -> UInt8 { UInt8((Double(v) * 0.8 + 255 * 0.2).rounded()) }
    return RGBA(r: mix(c.r), g: mix(c.g), b: mix(c.b))
  }

  @Test func rendersTheFanAboveTwoHistograms() throws {
    let size = ChartSize(width: 900, height: 600)
    let png = try decodePNG(try Self.study().png(size: size))
    #expect(png.width == 900 && png.height == 600)
    let theme = Theme.light
    var bluish = 0, lossTop = 0, lossBottomLeft = 0, profitBottomRight = 0, textTop = 0
    for y in 0..<png.height {
      for x in 0..<png.width {
        let p = png.pixel(x, y)
        let topHalf = y < 300
        // Shaded bands are a light tint of the first series colour.
        if topHalf && p.b > p.r + 25 && p.r > 120 { bluish += 1 }
        if isColor(p, bar(theme.loss), tolerance: 12) { topHalf ? (lossTop += 1) : (x < 450 ? (lossBottomLeft += 1) : ()) }
        if !topHalf && x >= 450 && isColor(p, bar(theme.profit), tolerance: 12) { profitBottomRight += 1 }
        if topHalf && y > 40 && isColor(p, theme.text, tolerance: 20) { textTop += 1 }
      }
    }
    #expect(bluish > 5_000)
    // Drawdowns are all losses, on the left; returns mostly gains, on the right.
    #expect(lossBottomLeft > 1_000)
    #expect(profitBottomRight > 1_000)
    #expect(lossTop == 0)
    // The original path is drawn on top in the text colour.
    #expect(textTop > 300)
  }

  @Test func scalesWithTheSize() throws {
    let png = try decodePNG(try Self.study().png(size: ChartSize(width: 400, height: 300, scale: 2)))
    #expect(png.width == 800 && png.height == 600)
  }

  @Test func badInputsAreNamed() {
    var chart = Self.study()
    chart.median = [1, 2]
    #expect(throws: PlotError.lengthMismatch(name: "median", expected: 61, got: 2)) { try chart.validate() }
    chart = Self.study()
    chart.steps[3] = 2
    #expect(throws: PlotError.unorderedTimes(name: "steps", index: 3)) { try chart.validate() }
    chart = Self.study()
    chart.returnPercent = [.nan]
    #expect(throws: PlotError.self) { try chart.render(size: ChartSize(), theme: .light) }
    chart = Self.study()
    chart.original = [1]
    #expect(throws: PlotError.tooFew(name: "original", minimum: 2, got: 1)) { try chart.validate() }
  }
}

extension MonteCarloChartTests {
  /// Written to PLOTTING_GALLERY_DIR with the other charts.
  @Test func gallery() throws {
    try GalleryTests().emit("montecarlo", Self.study(), size: ChartSize(width: 1000, height: 700))
  }
}
