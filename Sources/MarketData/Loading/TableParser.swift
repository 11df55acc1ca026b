/// A check run on each parsed row; returns the index of the offending number role, the kind
/// of problem and what was expected, or nil when the row is good.
protocol RowRule {
  func check(_ values: UnsafeMutableBufferPointer<Double>) -> (role: Int, kind: DataError.Kind, expected: String)?
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
struct TableParser<Rule: RowRule> {
  let bytes: UnsafeRawBufferPointer
  let file: String
  let layout: Layout
  let options: LoadOptions
  let zone: TimeZoneRules?
  let rule: Rule

  func parse() throws(DataError) -> ParsedTable {
    if let bad = UTF8Check.firstInvalid(bytes) { throw encodingError(at: bad) }
    var scanner = LineScanner(bytes)
    scanner.position = layout.dataStart
    scanner.lineNumber = layout.dataLine - 1
    let roleCount = layout.numbers.count
    let estimate = estimatedRows()
    var time: [Int64] = []
    time.reserveCapacity(estimate)
    var lines: [UInt32] = []
    lines.reserveCapacity(estimate)
    var numbers = [[Double]](repeating: [], count: roleCount)
    for k in 0..<roleCount { numbers[k].reserveCapacity(estimate) }
    let capacity = layout.fieldCount + 1
    var starts = [Int](repeating: 0, count: capacity)
    var ends = [Int](repeating: 0, count: capacity)
    var values = [Double](repeating: .nan, count: roleCount)
    var rowsRead = 0
    var dropped = 0
    var firstDropped: DataError?
    var previous = Int64.min
    try starts.withUnsafeMutableBufferPointer { (starts) throws(DataError) in
      try ends.withUnsafeMutableBufferPointer { (ends) throws(DataError) in
        try values.withUnsafeMutableBufferPointer { (values) throws(DataError) in
          while let line = scanner.next() {
            if line.isEmpty || ((bytes[line.lowerBound] == 0x20 || bytes[line.lowerBound] == 9) && scanner.isBlank(line)) {
              continue
            }
            rowsRead += 1
            let lineNumber = scanner.lineNumber
            guard line.count <= options.maxLineLength else {
              throw DataError(
                .lineTooLong, file: file, line: lineNumber, value: "\(line.count) bytes",
                expected: "a line of at most \(options.maxLineLength) bytes")
            }
            do throws(DataError) {
              let stamp = try parseRow(
                line, lineNumber: lineNumber, scanner: scanner, starts: starts, ends: ends, values: values,
                previous: previous)
              time.append(stamp)
              previous = stamp
              lines.append(UInt32(truncatingIfNeeded: lineNumber))
              for k in 0..<roleCount { numbers[k].append(values[k]) }
            } catch {
              guard options.dropInvalid, error.kind != .lineTooLong else { throw error }
              if firstDropped == nil { firstDropped = error }
              dropped += 1
            }
          }
        }
      }
    }
    if time.isEmpty && dropped == 0 {
      throw DataError(.empty, file: file, line: layout.dataLine, expected: "at least one data row")
    }
    return ParsedTable(
      time: trimmed(time), numbers: numbers.map(trimmed), lines: trimmed(lines), rowsRead: rowsRead,
      dropped: dropped, firstDropped: firstDropped)
  }

  @inline(__always)
  private func parseRow(
    _ line: Range<Int>, lineNumber: Int, scanner: LineScanner, starts: UnsafeMutableBufferPointer<Int>,
    ends: UnsafeMutableBufferPointer<Int>, values: UnsafeMutableBufferPointer<Double>, previous: Int64
  ) throws(DataError) -> Int64 {
    let fieldCount = scanner.split(line, separator: layout.separator, starts: starts, ends: ends)
    guard fieldCount == layout.fieldCount else {
      throw DataError(
        .fieldCount, file: file, line: lineNumber,
        value: fieldCount < 0 ? "an unclosed quote" : "\(fieldCount) field\(fieldCount == 1 ? "" : "s")",
        expected: "\(layout.fieldCount) fields" + (layout.hasHeader ? " like the header" : " like the first row"))
    }
    let stamp = try parseTime(lineNumber: lineNumber, starts: starts, ends: ends, scanner: scanner, previous: previous)
    for (k, role) in layout.numbers.enumerated() {
      guard let column = role.column else {
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
    scanner: LineScanner, previous: Int64
  ) throws(DataError) -> Int64 {
    var local: Int64
    var isInstant: Bool
    switch layout.time {
    case let .single(column):
      guard let parsed = TimeParser.parse(bytes, from: starts[column], to: ends[column]) else {
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

  private func estimatedRows() -> Int {
    var scanner = LineScanner(bytes)
    scanner.position = layout.dataStart
    var sampled = 0
    var length = 0
    while sampled < 64, let line = scanner.next() {
      sampled += 1
      length += line.count + 1
    }
    guard sampled > 0, length > 0 else { return 16 }
    let dataBytes = bytes.count - layout.dataStart
    return Int(Double(dataBytes) / (Double(length) / Double(sampled)) * 1.02) + 16
  }

  /// Drops spare capacity above 1/16 of the count, so loaded columns stay close to their
  /// raw size.
  private func trimmed<T>(_ array: [T]) -> [T] {
    guard array.capacity > array.count + array.count / 16 + 16 else { return array }
    return [T](unsafeUninitializedCapacity: array.count) { buffer, initialized in
      array.withUnsafeBufferPointer { source in
        for i in 0..<source.count { (buffer.baseAddress.unsafelyUnwrapped + i).initialize(to: source[i]) }
      }
      initialized = array.count
    }
  }

  private func encodingError(at offset: Int) -> DataError {
    var line = 1
    var column = 1
    for i in 0..<offset {
      if bytes[i] == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    let end = min(bytes.count, offset + 8)
    return DataError(
      .encoding, file: file, line: line, value: DataError.printable(UnsafeRawBufferPointer(rebasing: bytes[offset..<end])),
      expected: "UTF-8 text (invalid byte at character \(column))")
  }
}
