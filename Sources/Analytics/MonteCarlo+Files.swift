import Foundation

/// montecarlo.csv and montecarlo.json.
extension MonteCarloResult {
  /// montecarlo.csv: `run,final_equity,return_pct,max_drawdown_pct`, one row per run.
  public var csv: String {
    var text = "run,final_equity,return_pct,max_drawdown_pct\n"
    let returns = returnPercent
    for run in 0..<finalEquity.count {
      text += "\(run + 1),\(RunWriters.number(finalEquity[run])),\(RunWriters.number(returns[run])),"
        + "\(RunWriters.number(maxDrawdownPercent[run]))\n"
    }
    return text
  }

  /// montecarlo.json: the settings, the original order's values, the means and the
  /// percentiles of each metric (keys "5", "25", "2.5", …), and the ruin probability when asked.
  public var json: String {
    func value(_ x: Double) -> String { x.isFinite ? RunWriters.number(x) : "null" }
    func object(_ members: [(String, String)], indent: String) -> String {
      "{\n" + members.map { indent + "  " + RunWriters.json($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n" + indent + "}"
    }
    let metrics = MonteCarloMetric.allCases
    var members: [(String, String)] = [
      ("method", RunWriters.json(options.method.rawValue)), ("runs", String(options.runs)),
      ("seed", String(options.seed)), ("compound", String(options.compound)), ("trades", String(trades)),
      ("ambiguous_exits", String(ambiguousExits)), ("initial_cash", value(initialCash)),
    ]
    if options.method == .intrabar { members.append(("stop_first", value(options.stopFirstProbability))) }
    members.append(("original", object(metrics.map { ($0.rawValue, value(originalValue($0))) }, indent: "  ")))
    members.append(("mean", object(metrics.map { ($0.rawValue, value(mean($0))) }, indent: "  ")))
    let tables = metrics.map { metric in
      (metric.rawValue, object(percentiles(metric).map { (Self.label($0.percentile), value($0.value)) }, indent: "    "))
    }
    members.append(("percentiles", object(tables, indent: "  ")))
    if let ruin = options.ruin, let probability = ruinProbability {
      members.append(("ruin", value(ruin)))
      members.append(("ruin_probability", value(probability)))
    }
    return object(members, indent: "") + "\n"
  }

  /// "5" for 5, "2.5" for 2.5.
  public static func label(_ percentile: Double) -> String {
    percentile == percentile.rounded() && abs(percentile) < 1e15 ? String(Int(percentile)) : "\(percentile)"
  }

  /// Writes montecarlo.csv and montecarlo.json into `directory` (created if needed).
  public func write(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(csv.utf8).write(to: directory.appendingPathComponent("montecarlo.csv"))
    try Data(json.utf8).write(to: directory.appendingPathComponent("montecarlo.json"))
  }
}
