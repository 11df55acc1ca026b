import Foundation
import Testing

@testable import Plotting

/// Small charts compared with committed PNGs within a tolerance (anti-aliasing may shift by
/// a level across compilers; layout changes may not). To accept a deliberate change:
/// `PLOTTING_UPDATE_GOLDENS=1 swift test --filter GoldenTests`, then look at the images.
@Suite struct GoldenTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static let update = ProcessInfo.processInfo.environment["PLOTTING_UPDATE_GOLDENS"] == "1"

  func compare(_ name: String, _ chart: some Chart, size: ChartSize, theme: Theme = .light) throws {
    let bytes = try chart.png(size: size, theme: theme)
    let url = GoldenTests.fixtures.appendingPathComponent("golden_\(name).png")
    if GoldenTests.update {
      try Data(bytes).write(to: url)
      return
    }
    let expected = try decodePNG([UInt8](try Data(contentsOf: url)))
    let actual = try decodePNG(bytes)
    #expect(actual.width == expected.width && actual.height == expected.height)
    guard actual.rgba.count == expected.rgba.count else { return }
    var total = 0
    var far = 0
    for p in stride(from: 0, to: actual.rgba.count, by: 4) {
      var worst = 0
      for c in 0..<3 {
        let d = abs(Int(actual.rgba[p + c]) - Int(expected.rgba[p + c]))
        total += d
        worst = max(worst, d)
      }
      if worst > 40 { far += 1 }
    }
    let pixels = actual.rgba.count / 4
    let mean = Double(total) / Double(pixels * 3)
    #expect(mean < 1.0, "\(name): mean channel difference \(mean)")
    #expect(Double(far) / Double(pixels) < 0.005, "\(name): \(far) pixels differ strongly")
  }

  @Test func priceChart() throws {
    try compare("price", try GalleryTests.priceChart(bars: 80), size: ChartSize(width: 480, height: 300))
  }

  @Test func equityChartDark() throws {
    let (time, equity, hold) = try GalleryTests.equity(days: 300)
    try compare("equity_dark", EquityChart(time: time, equity: equity, benchmark: hold),
                size: ChartSize(width: 480, height: 280), theme: .dark)
  }

  @Test func monthlyHeatmap() throws {
    let (time, equity, _) = try GalleryTests.equity(days: 500)
    try compare("monthly", MonthlyReturnsChart(returns: try MonthlyReturns.from(time: time, equity: equity)),
                size: ChartSize(width: 520, height: 160))
  }

  @Test func goldenComparisonDetectsAChange() throws {
    // The comparison itself must be able to fail: a chart with another title differs.
    guard !GoldenTests.update else { return }
    var chart = try GalleryTests.priceChart(bars: 80)
    chart.style = .line
    let bytes = try chart.png(size: ChartSize(width: 480, height: 300))
    let expected = try decodePNG([UInt8](try Data(contentsOf: GoldenTests.fixtures.appendingPathComponent("golden_price.png"))))
    let actual = try decodePNG(bytes)
    var far = 0
    for p in stride(from: 0, to: actual.rgba.count, by: 4)
    where abs(Int(actual.rgba[p]) - Int(expected.rgba[p])) > 40 { far += 1 }
    #expect(Double(far) / Double(actual.rgba.count / 4) > 0.005)
  }
}
