import Foundation

/// A check run on each parsed row; returns the index of the offending number role, the kind
/// of problem and what was expected, or nil when the row is good.
protocol RowRule: Sendable {
  func check(_ values: UnsafeMutableBufferPointer<Double>) -> (
    role: Int, kind: DataError.Kind, expected: String
  )?
}

/// Rows of a delimited file parsed into a time column and number columns, with the line
/// each row came from (for error messages after sorting).
struct ParsedTable {
  var time: [Int64]
  var numbers: [[Double]]
  var lines: [UInt32]
  var rowsRead: Int
  var dropped: Int
  /// The first problem among dropped rows (only with `dropInvalid`).
  var firstDropped: DataError?
}

/// The hot loop: splits each line into fields and parses the mapped ones straight from the
/// bytes, plain lines through the row fast path (`fastRow`), others field by field. Strict
/// by default (the first bad row is an error naming its line); with `dropInvalid` a bad row
/// is counted and skipped (invalid UTF-8 and overlong lines stay errors). Big files are
/// parsed in runs of whole lines on all cores, each writing straight into its slice of the
/// output columns; the error reported is the first in file order whatever the runs.
// SAFETY: the parser only reads `bytes` (an immutable mapping or array that outlives every
// parse) and its own immutable fields, so workers may share it.
struct TableParser<Rule: RowRule>: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer
  let file: String
  let layout: Layout
  let options: LoadOptions
  let zone: TimeZoneRules?
  let rule: Rule

  func parse() throws(DataError) -> ParsedTable {
    let header = UnsafeRawBufferPointer(rebasing: bytes[0..<layout.dataStart])
    if let bad = UTF8Check.firstInvalid(header) { throw encodingError(at: bad, from: 0, lineBefore: 0) }
    let chunks = chunkBounds()
    // Each run writes its rows from the first row it could have: the lines before it.
    var firstRow = [Int](repeating: 0, count: chunks.count)
    var lineCounts = [Int](repeating: 0, count: chunks.count)
    lineCounts.withUnsafeMutableBufferPointer { counts in
      let slots = SendableSlots(counts)
      Self.forEach(chunks.count) { k in slots.buffer[k] = lineCount(chunks[k]) }
    }
    for k in 1..<Swift.max(1, chunks.count) { firstRow[k] = firstRow[k - 1] + lineCounts[k - 1] }
    let capacity = (firstRow.last ?? 0) + (lineCounts.last ?? 0)
    let results = UnsafeMutableBufferPointer<Chunk>.allocate(capacity: chunks.count)
    results.initialize(repeating: Chunk())
    defer { results.deallocate() }
    var failed = false
    let roleCount = layout.numbers.count
    let columns = ColumnStorage.build(capacity: capacity, roles: roleCount) { time, lines, numbers in
      let targets = chunks.indices.map { k in
        RowTarget(
          time: time + firstRow[k], lines: lines + firstRow[k],
          numbers: Self.offset(numbers, by: firstRow[k]), capacity: lineCounts[k])
      }
      defer { for target in targets { target.numbers.deallocate() } }
      // SAFETY: each worker initialises only its own slot and writes only its own rows.
      let slots = SendableSlots(results)
      Self.forEach(chunks.count) { k in slots.buffer[k] = parseChunk(chunks[k], into: targets[k]) }
      // Later runs counted their lines from their own start: shift them by the lines before,
      // and close the gaps left by blank, dropped or unparsed lines.
      var rows = results[0].rows
      for k in 1..<Swift.max(1, chunks.count) {
        let offset = results[k - 1].lastLine
        results[k].shiftLines(by: offset)
        ColumnStorage.move(
          targets[0], from: firstRow[k], to: rows, count: results[k].rows, lineShift: offset)
        rows += results[k].rows
      }
      failed = results.contains { $0.failure != nil }
      return failed ? 0 : rows
    }
    for k in 0..<chunks.count {
      if let failure = results[k].failure { throw failure }
    }
    let dropped = results.reduce(0) { $0 + $1.dropped }
    if columns.time.isEmpty && dropped == 0 {
      throw DataError(.empty, file: file, line: layout.dataLine, expected: "at least one data row")
    }
    return ParsedTable(
      time: columns.time, numbers: columns.numbers, lines: columns.lines,
      rowsRead: results.reduce(0) { $0 + $1.rowsRead }, dropped: dropped,
      firstDropped: results.lazy.compactMap { $0.firstDropped }.first)
  }

  /// Runs `body` for 0..<count, in parallel when count > 1.
  private static func forEach(_ count: Int, _ body: @Sendable (Int) -> Void) {
    if count == 1 {
      body(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
  }

  /// The column pointers moved `rows` rows on, in a new buffer the caller frees.
  private static func offset(
    _ pointers: UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>, by rows: Int
  ) -> UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>> {
    let moved = UnsafeMutableBufferPointer<UnsafeMutablePointer<Double>>.allocate(capacity: pointers.count)
    for k in pointers.indices { moved.initializeElement(at: k, to: pointers[k] + rows) }
    return moved
  }

  /// One contiguous run of lines: byte range and the number of the line before it (0 for
  /// runs after the first, which count from their own start and are shifted afterwards).
  struct ChunkBounds: Sendable {
    var start: Int
    var end: Int
    var lineBefore: Int
  }

  /// Splits the data into runs of whole lines, one per core, for files above 4 MiB (at least
  /// 4 MiB per run). Files read in a time zone stay in one run, since resolving a repeated
  /// wall-clock hour depends on the row before. `options.runs` overrides the choice (tests).
  private func chunkBounds() -> [ChunkBounds] {
    let whole = ChunkBounds(start: layout.dataStart, end: bytes.count, lineBefore: layout.dataLine - 1)
    let size = bytes.count - layout.dataStart
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let wanted = options.runs ?? Swift.min(cores, Swift.max(1, size / (4 << 20)), 16)
    guard wanted > 1, zone == nil, size > 0, let base = bytes.baseAddress else { return [whole] }
    var runs: [ChunkBounds] = []
    var start = layout.dataStart
    for k in 1..<wanted {
      let middle = Swift.max(start, layout.dataStart + size / wanted * k)
      guard middle < bytes.count, let found = memchr(base + middle, 0x0A, bytes.count - middle) else { break }
      let split = base.distance(to: UnsafeRawPointer(found)) + 1
      guard split < bytes.count else { break }
      runs.append(ChunkBounds(start: start, end: split, lineBefore: runs.isEmpty ? layout.dataLine - 1 : 0))
      start = split
    }
    runs.append(ChunkBounds(start: start, end: bytes.count, lineBefore: runs.isEmpty ? layout.dataLine - 1 : 0))
    return runs
  }

  /// The number of lines in a run: its `\n` bytes (found by memchr), plus one for a last
  /// line without one.
  private func lineCount(_ bounds: ChunkBounds) -> Int {
    guard bounds.end > bounds.start, let base = bytes.baseAddress else { return 0 }
    var total = 0
    var index = bounds.start
    while index < bounds.end, let found = memchr(base + index, 0x0A, bounds.end - index) {
      total += 1
      index = base.distance(to: UnsafeRawPointer(found)) + 1
    }
    return total + (bytes[bounds.end - 1] == 0x0A ? 0 : 1)
  }

  private func parseChunk(_ bounds: ChunkBounds, into target: RowTarget) -> Chunk {
    var chunk = Chunk()
    var scanner = LineScanner(bytes)
    scanner.limit = bounds.end
    let roleCount = layout.numbers.count
    let columns = layout.numbers.map { $0.column ?? -1 }
    let fast = fastFields()
    let kinds = fast ?? []
    let capacity = layout.fieldCount + 1
    var starts = [Int](repeating: 0, count: capacity)
    var ends = [Int](repeating: 0, count: capacity)
    var values = [Double](repeating: .nan, count: roleCount)
    var previous = Int64.min
    var dayCache = TimeParser.DayCache()
    var position = bounds.start
    var lineNumber = bounds.lineBefore
    var row = 0
    let limit = bounds.end
    starts.withUnsafeMutableBufferPointer { starts in
      ends.withUnsafeMutableBufferPointer { ends in
        values.withUnsafeMutableBufferPointer { values in
          columns.withUnsafeBufferPointer { columns in
            kinds.withUnsafeBufferPointer { kinds in
              lines: while position < limit {
                lineNumber += 1
                var stamp: Int64 = 0
                if fast != nil, row < target.capacity,
                  let next = fastRow(
                    at: position, limit: limit, kinds: kinds, values: values, stamp: &stamp,
                    dayCache: &dayCache)
                {
                  target.time[row] = stamp
                  target.lines[row] = UInt32(truncatingIfNeeded: lineNumber)
                  for k in 0..<roleCount { target.numbers[k][row] = values[k] }
                  row += 1
                  chunk.rowsRead += 1
                  previous = stamp
                  position = next
                  continue
                }
                scanner.position = position
                guard let line = scanner.next() else { break lines }
                position = scanner.position
                let text = UnsafeRawBufferPointer(rebasing: bytes[line])
                if let bad = UTF8Check.firstInvalid(text) {
                  chunk.failure = encodingError(
                    at: line.lowerBound + bad, from: line.lowerBound, lineBefore: lineNumber - 1)
                  break lines
                }
                if line.isEmpty
                  || ((bytes[line.lowerBound] == 0x20 || bytes[line.lowerBound] == 9)
                    && scanner.isBlank(line))
                {
                  continue
                }
                chunk.rowsRead += 1
                do throws(DataError) {
                  guard line.count <= options.maxLineLength else {
                    throw DataError(
                      .lineTooLong, file: file, line: lineNumber, value: "\(line.count) bytes",
                      expected: "a line of at most \(options.maxLineLength) bytes")
                  }
                  stamp = try parseRow(
                    line, lineNumber: lineNumber, scanner: scanner, starts: starts, ends: ends,
                    values: values,
                    columns: columns, previous: previous, dayCache: &dayCache)
                  guard row < target.capacity else {
                    throw DataError(.fieldCount, file: file, line: lineNumber, expected: "one row per line")
                  }
                  target.time[row] = stamp
                  target.lines[row] = UInt32(truncatingIfNeeded: lineNumber)
                  for k in 0..<roleCount { target.numbers[k][row] = values[k] }
                  row += 1
                  previous = stamp
                } catch {
                  guard options.dropInvalid, error.kind != .lineTooLong else {
                    chunk.failure = error
                    break lines
                  }
                  if chunk.firstDropped == nil { chunk.firstDropped = error }
                  chunk.dropped += 1
                }
              }
            }
          }
        }
      }
    }
    chunk.rows = row
    chunk.lastLine = lineNumber
    return chunk
  }

  @inline(__always)
  private func parseRow(
    _ line: Range<Int>, lineNumber: Int, scanner: LineScanner, starts: UnsafeMutableBufferPointer<Int>,
    ends: UnsafeMutableBufferPointer<Int>, values: UnsafeMutableBufferPointer<Double>,
    columns: UnsafeBufferPointer<Int>, previous: Int64, dayCache: inout TimeParser.DayCache
  ) throws(DataError) -> Int64 {
    let fieldCount = scanner.split(line, separator: layout.separator, starts: starts, ends: ends)
    guard fieldCount == layout.fieldCount else {
      throw DataError(
        .fieldCount, file: file, line: lineNumber,
        value: fieldCount < 0 ? "an unclosed quote" : "\(fieldCount) field\(fieldCount == 1 ? "" : "s")",
        expected: "\(layout.fieldCount) fields"
          + (layout.hasHeader ? " like the header" : " like the first row"))
    }
    let stamp = try parseTime(
      lineNumber: lineNumber, starts: starts, ends: ends, scanner: scanner, previous: previous,
      dayCache: &dayCache)
    for k in 0..<columns.count {
      let column = columns[k]
      guard column >= 0 else {
        values[k] = .nan
        continue
      }
      guard
        let value = NumberParser.parse(
          bytes, from: starts[column], to: ends[column], decimalComma: layout.decimalComma)
      else {
        throw DataError(
          .number, file: file, line: lineNumber, column: layout.names[column],
          value: scanner.text(starts[column], ends[column]), expected: "a number")
      }
      values[k] = value
    }
    if let problem = rule.check(values), let column = layout.numbers[problem.role].column {
      throw DataError(
        problem.kind, file: file, line: lineNumber, column: layout.names[column],
        value: scanner.text(starts[column], ends[column]), expected: problem.expected)
    }
    return stamp
  }

  private func parseTime(
    lineNumber: Int, starts: UnsafeMutableBufferPointer<Int>, ends: UnsafeMutableBufferPointer<Int>,
    scanner: LineScanner, previous: Int64, dayCache: inout TimeParser.DayCache
  ) throws(DataError) -> Int64 {
    var local: Int64
    var isInstant: Bool
    switch layout.time {
    case let .single(column):
      guard let parsed = TimeParser.parse(bytes, from: starts[column], to: ends[column], cache: &dayCache)
      else {
        throw DataError(
          .time, file: file, line: lineNumber, column: layout.names[column],
          value: scanner.text(starts[column], ends[column]),
          expected: "a timestamp (ISO date or datetime, dd.mm.yyyy HH:MM:SS, or epoch s/ms/us/ns)")
      }
      local = parsed.nanoseconds
      isInstant = parsed.isInstant
    case let .split(dateColumn, clockColumn):
      guard let days = TimeParser.date(bytes, from: starts[dateColumn], to: ends[dateColumn]) else {
        throw DataError(
          .time, file: file, line: lineNumber, column: layout.names[dateColumn],
          value: scanner.text(starts[dateColumn], ends[dateColumn]),
          expected: "a date (2024-01-02, 2024.01.02, 02.01.2024 or 20240102)")
      }
      guard let clock = TimeParser.timeOfDay(bytes, from: starts[clockColumn], to: ends[clockColumn]) else {
        throw DataError(
          .time, file: file, line: lineNumber, column: layout.names[clockColumn],
          value: scanner.text(starts[clockColumn], ends[clockColumn]),
          expected: "a time of day (HH:MM, HH:MM:SS[.fff] or HHMMSS)")
      }
      local = days * UTCTime.nanosecondsPerDay + clock
      isInstant = false
    }
    guard let zone, !isInstant else { return local }
    let (seconds, fraction) = UTCTime.floorDivide(local, UTCTime.nanosecondsPerSecond)
    switch zone.resolve(localSeconds: seconds) {
    case let .unique(utc):
      return utc * UTCTime.nanosecondsPerSecond + fraction
    case let .ambiguous(earlier, later):
      let first = earlier * UTCTime.nanosecondsPerSecond + fraction
      return first > previous ? first : later * UTCTime.nanosecondsPerSecond + fraction
    case .nonexistent:
      let column: Int
      switch layout.time {
      case let .single(c): column = c
      case let .split(_, c): column = c
      }
      throw DataError(
        .timeZone, file: file, line: lineNumber, column: layout.names[column],
        value: scanner.text(starts[column], ends[column]),
        expected: "a local time that exists in \(zone.name) (clocks skip it)")
    }
  }

  /// The error for an invalid byte at `offset`, counting lines from `start` (line
  /// `lineBefore` + 1).
  private func encodingError(at offset: Int, from start: Int, lineBefore: Int) -> DataError {
    var line = lineBefore + 1
    var column = 1
    for i in start..<offset {
      if bytes[i] == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    let end = min(bytes.count, offset + 8)
    return DataError(
      .encoding, file: file, line: line,
      value: DataError.printable(UnsafeRawBufferPointer(rebasing: bytes[offset..<end])),
      expected: "UTF-8 text (invalid byte at character \(column))")
  }
}
