import Foundation
import MarketData

/// stability.csv and its JSON form.
extension StabilityReport {
  static let dispersionRows = ["mean", "std", "min", "max", "cv"]

  /// stability.csv: `period,start,end,bars_in_period,` then stats.json's numeric keys; one row
  /// per period (start inclusive, end exclusive or empty for the last), then the rows mean,
  /// std, min, max and cv with the dispersion of each column (start and end empty).
  public var csv: String {
    let keys = Self.numericKeys
    let integers = Self.integerKeys
    var text = "period,start,end,bars_in_period," + keys.joined(separator: ",") + "\n"
    for (period, row) in zip(periods, table) {
      let cells = [
        RunWriters.csv(period.label), UTCTime.iso(period.from), period.to.map(UTCTime.iso) ?? "", String(period.bars),
      ] + keys.map { Self.cell(row[$0] ?? .nan, integer: integers.contains($0)) }
      text += cells.joined(separator: ",") + "\n"
    }
    let spread = dispersion
    for name in Self.dispersionRows {
      let cells = spread.map { RunWriters.number(Self.pick(name, $0.value)) }
      text += ([name, "", "", ""] + cells).joined(separator: ",") + "\n"
    }
    return text
  }

  /// `{"periods": [{"period", "start", "end", "bars_in_period", "stats": {…}}], "dispersion":
  /// {key: {"count", "mean", "std", "min", "max", "cv"}}}`; NaN as null.
  public var json: String {
    func value(_ x: Double) -> String { x.isFinite ? RunWriters.number(x) : "null" }
    let keys = Self.numericKeys
    let integers = Self.integerKeys
    let rows = zip(periods, table).map { period, row in
      let stats = keys.map { key in
        let x = row[key] ?? .nan
        return "        \(RunWriters.json(key)): \(x.isFinite ? Self.cell(x, integer: integers.contains(key)) : "null")"
      }.joined(separator: ",\n")
      return "    {\n      \"period\": \(RunWriters.json(period.label)),\n      \"start\": \(RunWriters.json(UTCTime.iso(period.from))),\n"
        + "      \"end\": \(period.to.map { RunWriters.json(UTCTime.iso($0)) } ?? "null"),\n"
        + "      \"bars_in_period\": \(period.bars),\n      \"stats\": {\n\(stats)\n      }\n    }"
    }
    let spread = dispersion.map { key, d in
      let fields = ["\"count\": \(d.count)"] + Self.dispersionRows.map { "\"\($0)\": \(value(Self.pick($0, d)))" }
      return "    \(RunWriters.json(key)): {" + fields.joined(separator: ", ") + "}"
    }
    return "{\n  \"periods\": [\n" + rows.joined(separator: ",\n") + "\n  ],\n  \"dispersion\": {\n"
      + spread.joined(separator: ",\n") + "\n  }\n}\n"
  }

  /// A count without a fractional part; other numbers in shortest round-trip form.
  static func cell(_ x: Double, integer: Bool) -> String {
    integer && x.isFinite && abs(x) < 1e15 ? String(Int(x)) : RunWriters.number(x)
  }

  static func pick(_ name: String, _ d: Dispersion) -> Double {
    switch name {
    case "mean": return d.mean
    case "std": return d.std
    case "min": return d.min
    case "max": return d.max
    default: return d.cv
    }
  }

  /// Writes stability.csv into `directory` (created if needed).
  public func write(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data(csv.utf8).write(to: directory.appendingPathComponent("stability.csv"))
  }
}
