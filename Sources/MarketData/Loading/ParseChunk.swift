/// What one worker found in its run of lines. Its rows went straight into the output
/// columns (see `RowTarget`).
struct Chunk {
  /// Rows written.
  var rows = 0
  var rowsRead = 0
  var dropped = 0
  var firstDropped: DataError?
  /// The error that stopped this run (strict mode), the first in its lines.
  var failure: DataError?
  /// Number of the last line this run read.
  var lastLine = 0

  /// Adds `offset` to every line number this run recorded in its errors (its rows' line
  /// numbers are shifted when the columns are joined).
  mutating func shiftLines(by offset: Int) {
    guard offset != 0 else { return }
    lastLine += offset
    failure?.line? += offset
    firstDropped?.line? += offset
  }
}

/// Where one run writes its rows: its own slice of each output column, as long as its
/// number of lines (no run can have more rows than lines).
// SAFETY: each run gets disjoint slices of columns that outlive the parse.
struct RowTarget: @unchecked Sendable {
  let time: UnsafeMutablePointer<Int64>
  let lines: UnsafeMutablePointer<UInt32>
  /// One pointer per number role.
  let numbers: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>
  let capacity: Int
}

/// The output columns of a parse, allocated once at their final size and filled in place, so
/// no row is copied from a scratch buffer afterwards.
enum ColumnStorage {
  /// Allocates `roles` Double columns, a time and a line column of `capacity` elements and
  /// runs `fill` over them; `fill` returns how many leading rows it initialised, which becomes
  /// every column's count.
  static func build(
    capacity: Int, roles: Int,
    fill: (UnsafeMutablePointer<Int64>, UnsafeMutablePointer<UInt32>, UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>) -> Int
  ) -> (time: [Int64], lines: [UInt32], numbers: [[Double]]) {
    let size = Swift.max(1, capacity)
    var numbers: [[Double]] = []
    var count = 0
    var lines: [UInt32] = []
    let time = [Int64](unsafeUninitializedCapacity: size) { timeBuffer, timeCount in
      lines = [UInt32](unsafeUninitializedCapacity: size) { lineBuffer, lineCount in
        guard let timeBase = timeBuffer.baseAddress, let lineBase = lineBuffer.baseAddress else { return }
        HugePages.advise(timeBuffer)
        numbers = doubles(size: size, remaining: roles, pointers: []) { pointers in
          var pointers = pointers
          count = pointers.withUnsafeMutableBufferPointer { fill(timeBase, lineBase, $0) }
          return count
        }
        lineCount = count
      }
      timeCount = count
    }
    return (time, lines, numbers)
  }

  /// Allocates `remaining` more Double columns, then runs `body` with the storage of all
  /// (`pointers` and the new ones) and gives every new column the count it returns.
  private static func doubles(
    size: Int, remaining: Int, pointers: [UnsafeMutablePointer<Double>],
    body: ([UnsafeMutablePointer<Double>]) -> Int
  ) -> [[Double]] {
    guard remaining > 0 else {
      _ = body(pointers)
      return []
    }
    var rest: [[Double]] = []
    var count = 0
    let column = [Double](unsafeUninitializedCapacity: size) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      HugePages.advise(buffer)
      rest = doubles(size: size, remaining: remaining - 1, pointers: pointers + [base]) { all in
        count = body(all)
        return count
      }
      initialized = count
    }
    return [column] + rest
  }

  /// Moves `count` rows of every column from row `source` to row `destination` (before it)
  /// and adds `lineShift` to their line numbers.
  static func move(
    _ target: RowTarget, from source: Int, to destination: Int, count: Int, lineShift: Int
  ) {
    guard count > 0 else { return }
    let shift = UInt32(truncatingIfNeeded: lineShift)
    if source != destination {
      // copyMemory is a memmove: the ranges may overlap.
      UnsafeMutableRawPointer(target.time + destination).copyMemory(
        from: target.time + source, byteCount: count * MemoryLayout<Int64>.stride)
      for column in target.numbers {
        UnsafeMutableRawPointer(column + destination).copyMemory(
          from: column + source, byteCount: count * MemoryLayout<Double>.stride)
      }
    }
    for i in 0..<count { target.lines[destination + i] = target.lines[source + i] &+ shift }
  }
}

/// A buffer handed to parallel workers, each of which writes only its own element.
struct SendableSlots<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>

  init(_ buffer: UnsafeMutableBufferPointer<Element>) {
    self.buffer = buffer
  }
}
