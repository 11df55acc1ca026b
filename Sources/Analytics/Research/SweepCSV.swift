import Simulator

/// results.csv: a header (the parameter names in grid order, then the stats.json keys in
/// their order), then one line per row in enumeration order. Numbers use Swift's shortest
/// round-trip form, undefined values (NaN, infinities) are empty fields, text is quoted only
/// when it holds a comma, quote or line break — as in trades.csv.
public enum SweepCSV {
  /// The header line (without its line break).
  public static func header(paramNames: [String]) -> String {
    (paramNames.map(RunWriters.csv) + PerformanceStats.keys).joined(separator: ",")
  }

  /// One row's line (without its line break).
  public static func line(_ row: SweepTable.Row) -> String {
    var fields = row.params.map { RunWriters.csv($0.description) }
    for (_, value) in row.stats {
      switch value {
      case let .text(text): fields.append(RunWriters.csv(text))
      case let .integer(n): fields.append(String(n))
      case let .number(x): fields.append(RunWriters.number(x))
      }
    }
    return fields.joined(separator: ",")
  }

  /// The whole file.
  public static func text(_ table: SweepTable) -> String {
    var text = header(paramNames: table.paramNames) + "\n"
    for row in table.rows { text += line(row) + "\n" }
    return text
  }

  /// Reads results.csv text back into a table (rows numbered 0, 1, … in file order).
  /// Parameter cells are read as `SweepValue.parse` reads grid lists; stats cells as
  /// numbers (empty = NaN), `start`/`end` as text.
  public static func parse(_ text: String, source: String) throws(SweepSpecError) -> SweepTable {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard !lines.isEmpty else { throw SweepSpecError("\(source): empty, expected a results.csv header") }
    let header = fields(lines.removeFirst())
    let keys = PerformanceStats.keys
    guard header.count >= keys.count, Array(header.suffix(keys.count)) == keys else {
      throw SweepSpecError("\(source): the header does not end with the stats.json keys; not a crescent results.csv")
    }
    let paramNames = Array(header.prefix(header.count - keys.count))
    var rows: [SweepTable.Row] = []
    for (n, line) in lines.enumerated() {
      let cells = fields(line)
      guard cells.count == header.count else {
        throw SweepSpecError("\(source): line \(n + 2) has \(cells.count) fields, expected \(header.count)")
      }
      let params = cells.prefix(paramNames.count).map(SweepValue.parse)
      var stats: [(key: String, value: PerformanceStats.Value)] = []
      for (key, cell) in zip(keys, cells.suffix(keys.count)) {
        if key == "start" || key == "end" {
          stats.append((key, .text(cell)))
        } else if key == "bars" || key == "trades" || key == "ambiguous_exits" {
          guard let count = Int(cell) else {
            throw SweepSpecError("\(source): line \(n + 2): \(key) must be an integer, got \"\(cell)\"")
          }
          stats.append((key, .integer(count)))
        } else if cell.isEmpty {
          stats.append((key, .number(.nan)))
        } else if let x = Double(cell) {
          stats.append((key, .number(x)))
        } else {
          throw SweepSpecError("\(source): line \(n + 2): \(key) must be a number, got \"\(cell)\"")
        }
      }
      rows.append(SweepTable.Row(position: n, params: params, stats: stats))
    }
    return SweepTable(paramNames: paramNames, rows: rows)
  }

  /// Splits one CSV line, honouring double quotes ("" inside quotes is a quote).
  public static func fields(_ line: String) -> [String] {
    var result: [String] = []
    var field = ""
    var quoted = false
    var iterator = line.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          if let next = iterator.next() {
            if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
          } else { quoted = false }
        } else { field.append(c) }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        result.append(field)
        field = ""
      } else if c != "\r" {
        field.append(c)
      }
    }
    result.append(field)
    return result
  }
}
