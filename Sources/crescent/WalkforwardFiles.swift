import Analytics
import Foundation
import LuaBindings
import MarketData
import Simulator

/// The walk-forward outputs as text: windows.csv, oos_equity.csv and the console summary.
enum WalkforwardFiles {
  /// `window,train_start,train_end,test_start,test_end,<params>,in_sample_<metric>,
  /// out_of_sample_<metric>`: times are the first and last bar of each part (ISO-8601 UTC);
  /// parameters are empty when no combination qualified on the training window.
  static func windowsCSV(_ report: WalkForwardReport, names: [String], metric: String) -> String {
    var text = (["window", "train_start", "train_end", "test_start", "test_end"] + names
      + ["in_sample_\(metric)", "out_of_sample_\(metric)"]).joined(separator: ",") + "\n"
    for step in report.steps {
      var fields = [String(step.window.number)] + [step.trainStart, step.trainEnd, step.testStart, step.testEnd].map(UTCTime.iso)
      fields += step.params.map { $0.map { csvField($0.description) } } ?? names.map { _ in "" }
      fields += [number(step.inSample), number(step.outOfSample)]
      text += fields.joined(separator: ",") + "\n"
    }
    return text
  }

  /// `time,equity,drawdown_pct,window` of the stitched out-of-sample equity.
  static func equityCSV(_ report: WalkForwardReport) -> String {
    var text = "time,equity,drawdown_pct,window\n"
    var peak = -Double.infinity
    var window = 0
    for i in report.equity.indices {
      while window < report.windowStarts.count && report.windowStarts[window] <= i { window += 1 }
      let e = report.equity[i]
      peak = max(peak, e)
      let drawdown = (e / peak - 1) * 100
      text += "\(UTCTime.iso(report.time[i])),\(number(e)),\(number(drawdown)),\(report.steps[window - 1].window.number)\n"
    }
    return text
  }

  static func summary(_ report: WalkForwardReport, names: [String], metric: String) -> String {
    var lines = [["window", "test_start", "test_end"] + names + ["in-sample", "out-of-sample"]]
    for step in report.steps {
      lines.append(
        [String(step.window.number), UTCTime.iso(step.testStart), UTCTime.iso(step.testEnd)]
          + (step.params?.map(\.description) ?? names.map { _ in "-" })
          + [SweepReport.format(step.inSample), SweepReport.format(step.outOfSample)])
    }
    let widths = lines[0].indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
    var text = "walk-forward: \(report.steps.count) windows, optimising \(metric)\n"
    for line in lines {
      text += zip(line, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ") + "\n"
    }
    let efficiency = report.efficiency.isFinite ? String(format: "%.3f", report.efficiency) : "undefined (in-sample mean ≤ 0)"
    text += String(format: "out-of-sample return: %.2f%%  final equity: %.2f\n", report.returnPercent, report.equity.last ?? report.initialCash)
    text += "walk-forward efficiency (\(report.efficiencyMetric), out-of-sample ÷ in-sample): \(efficiency)\n"
    return text
  }

  static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "" }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
