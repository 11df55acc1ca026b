/// Time-order rules and their explicit repairs.
///
/// Rows must have strictly increasing times. `sort` stable-sorts rows by time (rows with
/// equal times keep their file order) and counts rows that moved; `dedupe` keeps the first
/// row of each run of equal times and counts the rows removed. Without the repair asked for,
/// the first violation is an error naming its line.
enum TimeOrder {
  static func repair(
    time: inout [Int64], columns: inout [[Double]], lines: inout [UInt32], sort: Bool, dedupe: Bool
  ) -> (moved: Int, removed: Int) {
    var moved = 0
    var removed = 0
    if sort && !isNonDecreasing(time) {
      var order = Array(0..<time.count)
      let keys = time
      order.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
      for (position, source) in order.enumerated() where position != source { moved += 1 }
      select(order, time: &time, columns: &columns, lines: &lines)
    }
    if dedupe {
      var keep: [Int] = []
      keep.reserveCapacity(time.count)
      for i in time.indices where i == 0 || time[i] != time[i - 1] { keep.append(i) }
      removed = time.count - keep.count
      if removed > 0 { select(keep, time: &time, columns: &columns, lines: &lines) }
    }
    return (moved, removed)
  }

  /// Keeps the rows `rows`, in that order, in every column.
  private static func select(
    _ rows: [Int], time: inout [Int64], columns: inout [[Double]], lines: inout [UInt32]
  ) {
    let oldTime = time
    time = rows.map { oldTime[$0] }
    let oldLines = lines
    lines = rows.map { oldLines[$0] }
    for k in columns.indices {
      let column = columns[k]
      columns[k] = rows.map { column[$0] }
    }
  }

  /// Throws at the first time that is not after the previous one.
  static func check(time: [Int64], lines: [UInt32], file: String, column: String) throws(DataError) {
    for i in 1..<max(1, time.count) where time[i] <= time[i - 1] {
      let previous = "\(UTCTime.iso(time[i - 1])) (line \(lines[i - 1]))"
      if time[i] == time[i - 1] {
        throw DataError(
          .duplicate, file: file, line: Int(lines[i]), column: column, value: UTCTime.iso(time[i]),
          expected: "a time after \(previous), not a duplicate; dedupe=true keeps the first")
      }
      throw DataError(
        .unsorted, file: file, line: Int(lines[i]), column: column, value: UTCTime.iso(time[i]),
        expected: "a time after \(previous); sort=true reorders the rows")
    }
  }

  static func isNonDecreasing(_ time: [Int64]) -> Bool {
    for i in 1..<max(1, time.count) where time[i] < time[i - 1] { return false }
    return true
  }
}
