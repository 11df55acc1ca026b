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
/// bytes. Strict by default (the first bad row is an error naming its line); with
/// `dropInvalid` a bad row is counted and skipped.
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
    let results = UnsafeMutableBufferPointer<Chunk>.allocate(capacity: chunks.count)
    defer {
      for k in 0..<chunks.count { results[k].release() }
      results.deallocate()
    }
    if chunks.count == 1 {
      results.initializeElement(at: 0, to: parseChunk(chunks[0]))
    } else {
      // SAFETY: each worker initialises only its own slot; the buffer outlives the call.
      let slots = SendableSlots(results)
      DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
        slots.buffer.initializeElement(at: k, to: parseChunk(chunks[k]))
      }
    }
    // Later runs counted their lines from their own start: shift them by the lines before.
    var offsets = [Int](repeating: 0, count: chunks.count)
    for k in 1..<Swift.max(1, chunks.count) {
      offsets[k] = results[k - 1].lastLine
      results[k].shiftLines(by: offsets[k])
    }
    for k in 0..<chunks.count {
      if let failure = results[k].failure { throw failure }
    }
    let dropped = results.reduce(0) { $0 + $1.dropped }
    let rowCount = results.reduce(0) { $0 + $1.time.count }
    if rowCount == 0 && dropped == 0 {
      throw DataError(.empty, file: file, line: layout.dataLine, expected: "at least one data row")
    }
    let roleCount = layout.numbers.count
    return ParsedTable(
      time: Chunk.concatenate(results.map { $0.time }, count: rowCount),
      numbers: (0..<roleCount).map { k in
        Chunk.concatenate(results.map { $0.numbers[k] }, count: rowCount)
      },
      lines: Chunk.concatenate(results.map { $0.lines }, offsets: offsets, count: rowCount),
      rowsRead: results.reduce(0) { $0 + $1.rowsRead }, dropped: dropped,
      firstDropped: results.lazy.compactMap { $0.firstDropped }.first)
  }

  /// One contiguous run of lines: byte range and the number of the line before it (0 for
  /// runs after the first, which count from their own start and are shifted afterwards).
  struct ChunkBounds: Sendable {
    var start: Int
    var end: Int
    var lineBefore: Int
  }

  /// Splits the data into two runs of whole lines for files above 4 MiB when a second core
  /// is idle (the one-minute load average is below the core count minus one half: on a busy
  /// machine a second thread only adds page-fault contention and waiting). Files read in a
  /// time zone stay in one run, since resolving a repeated wall-clock hour depends on the
  /// row before. `options.runs` overrides the choice (tests).
  private func chunkBounds() -> [ChunkBounds] {
    let whole = ChunkBounds(start: layout.dataStart, end: bytes.count, lineBefore: layout.dataLine - 1)
    let size = bytes.count - layout.dataStart
    let parallel = options.runs.map { $0 > 1 } ?? (size > 4 << 20 && Self.hasIdleCore())
    guard parallel, zone == nil, size > 0, let base = bytes.baseAddress else { return [whole] }
    let middle = layout.dataStart + size / 2
    guard let found = memchr(base + middle, 0x0A, bytes.count - middle) else { return [whole] }
    let split = base.distance(to: UnsafeRawPointer(found)) + 1
    guard split < bytes.count else { return [whole] }
    return [
      ChunkBounds(start: layout.dataStart, end: split, lineBefore: layout.dataLine - 1),
      ChunkBounds(start: split, end: bytes.count, lineBefore: 0),
    ]
  }

  static func hasIdleCore() -> Bool {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var load = [0.0]
    guard cores > 1, getloadavg(&load, 1) == 1 else { return false }
    return load[0] < Double(cores) - 0.5
  }

  private func parseChunk(_ bounds: ChunkBounds) -> Chunk {
    var scanner = LineScanner(bytes)
    scanner.position = bounds.start
    scanner.limit = bounds.end
    scanner.lineNumber = bounds.lineBefore
    let roleCount = layout.numbers.count
    let estimate = estimatedRows(bounds)
    var chunk = Chunk(roleCount: roleCount, capacity: estimate)
    let run = UnsafeRawBufferPointer(rebasing: bytes[bounds.start..<bounds.end])
    if let bad = UTF8Check.firstInvalid(run) {
      chunk.failure = encodingError(at: bounds.start + bad, from: bounds.start, lineBefore: bounds.lineBefore)
      return chunk
    }
    let columns = layout.numbers.map { $0.column ?? -1 }
    let capacity = layout.fieldCount + 1
    var starts = [Int](repeating: 0, count: capacity)
    var ends = [Int](repeating: 0, count: capacity)
    var values = [Double](repeating: .nan, count: roleCount)
    var previous = Int64.min
    var dayCache = TimeParser.DayCache()
    starts.withUnsafeMutableBufferPointer { starts in
      ends.withUnsafeMutableBufferPointer { ends in
        values.withUnsafeMutableBufferPointer { values in
          chunk.numbers.withUnsafeMutableBufferPointer { numbers in
            columns.withUnsafeBufferPointer { columns in
              while let line = scanner.next() {
                if line.isEmpty
                  || ((bytes[line.lowerBound] == 0x20 || bytes[line.lowerBound] == 9)
                    && scanner.isBlank(line))
                {
                  continue
                }
                chunk.rowsRead += 1
                let lineNumber = scanner.lineNumber
                do throws(DataError) {
                  guard line.count <= options.maxLineLength else {
                    throw DataError(
                      .lineTooLong, file: file, line: lineNumber, value: "\(line.count) bytes",
                      expected: "a line of at most \(options.maxLineLength) bytes")
                  }
                  let stamp = try parseRow(
                    line, lineNumber: lineNumber, scanner: scanner, starts: starts, ends: ends,
                    values: values,
                    columns: columns, previous: previous, dayCache: &dayCache)
                  chunk.time.append(stamp)
                  previous = stamp
                  chunk.lines.append(UInt32(truncatingIfNeeded: lineNumber))
                  for k in 0..<roleCount { numbers[k].append(values[k]) }
                } catch {
                  guard options.dropInvalid, error.kind != .lineTooLong else {
                    chunk.failure = error
                    return
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
    chunk.lastLine = scanner.lineNumber
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

  private func estimatedRows(_ bounds: ChunkBounds) -> Int {
    var scanner = LineScanner(bytes)
    scanner.position = bounds.start
    scanner.limit = bounds.end
    var sampled = 0
    var length = 0
    while sampled < 64, let line = scanner.next() {
      sampled += 1
      length += line.count + 1
    }
    guard sampled > 0, length > 0 else { return 16 }
    let dataBytes = bounds.end - bounds.start
    return Int(Double(dataBytes) / (Double(length) / Double(sampled)) * 1.02) + 16
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
