import Analytics
import Foundation
import Plotting
import Simulator

/// The charts of sweeps and walk-forward runs: heatmap.png and walkforward.png.
public enum SweepCharts {
  /// A heatmap of `metric` over a two-parameter grid (first axis across, second down), or
  /// nil when the grid does not have exactly two numeric axes. Cells of combinations not in
  /// the table (random search, other shards), with fewer than `minTrades` trades, or with an
  /// undefined metric are NaN (grey); the best cell is outlined.
  public static func heatmap(_ table: SweepTable, grid: SweepGrid, metric: String, minTrades: Int, title: String)
    -> ParameterHeatmap?
  {
    guard grid.axes.count == 2 else { return nil }
    let xs = grid.axes[0].values.compactMap(\.numeric)
    let ys = grid.axes[1].values.compactMap(\.numeric)
    guard xs.count == grid.axes[0].values.count, ys.count == grid.axes[1].values.count else { return nil }
    let column = Dictionary(xs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let line = Dictionary(ys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var values = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
    for row in table.rows where row.trades >= minTrades && row.params.count == 2 {
      guard let x = row.params[0].numeric.flatMap({ column[$0] }), let y = row.params[1].numeric.flatMap({ line[$0] })
      else { continue }
      values[y][x] = row.metric(metric)
    }
    return ParameterHeatmap(
      xName: grid.axes[0].name, xValues: xs, yName: grid.axes[1].name, yValues: ys, values: values, metric: metric,
      title: title)
  }

  /// Writes heatmap.png into `directory` when the grid allows one; returns whether it did.
  @discardableResult
  public static func writeHeatmap(
    _ table: SweepTable, grid: SweepGrid, metric: String, minTrades: Int, title: String, to directory: URL
  ) throws -> Bool {
    guard let chart = heatmap(table, grid: grid, metric: metric, minTrades: minTrades, title: title) else { return false }
    try chart.validate()
    try chart.save(to: directory.appendingPathComponent("heatmap.png").path, size: ChartSize(width: 1000, height: 800))
    return true
  }

  /// The stitched out-of-sample equity, test windows alternating in two colours so their
  /// boundaries show, with a dot where each window starts.
  public static func walkForward(time: [Int64], equity: [Double], windowStarts: [Int], title: String) -> LineChart {
    var odd = [Double](repeating: .nan, count: equity.count)
    var even = odd
    var starts = odd
    let bounds = windowStarts + [equity.count]
    for k in 0..<windowStarts.count {
      for i in bounds[k]..<bounds[k + 1] {
        if k % 2 == 0 { odd[i] = equity[i] } else { even[i] = equity[i] }
      }
      if bounds[k] < equity.count { starts[bounds[k]] = equity[bounds[k]] }
    }
    return LineChart(
      time: time,
      series: [
        Overlay(name: "out-of-sample equity (odd windows)", values: odd, color: RGBA(hex: 0x1F77B4)),
        Overlay(name: "out-of-sample equity (even windows)", values: even, color: RGBA(hex: 0xFF7F0E)),
        Overlay(name: "window start", values: starts, kind: .dots, color: RGBA(hex: 0x444444)),
      ],
      title: title)
  }
}
