/// Recognises the layout of a delimited market data file from its first lines.
struct LayoutDetector {
  enum Target { case bars, ticks }

  let bytes: UnsafeRawBufferPointer
  let file: String
  let options: LoadOptions
  let target: Target

  func detect() throws(DataError) -> Layout {
    var scanner = LineScanner(bytes)
    guard let first = nextContentLine(&scanner) else {
      throw DataError(.empty, file: file, expected: "at least one data row, got an empty file")
    }
    let firstLine = scanner.lineNumber
    let separator = try chooseSeparator(first)
    var fields = try fieldsOf(first, separator: separator, line: firstLine, scanner: scanner)
    let hasHeader = options.header ?? !looksLikeData(fields)
    let names: [String]
    var dataLine = firstLine
    var dataStart = first.lowerBound
    if hasHeader {
      names = fields.map { scanner.text($0.lowerBound, $0.upperBound) }
      guard let data = nextContentLine(&scanner) else {
        throw DataError(
          .empty, file: file, line: firstLine, expected: "data rows after the header, got a header only")
      }
      dataLine = scanner.lineNumber
      dataStart = data.lowerBound
      fields = try fieldsOf(data, separator: separator, line: dataLine, scanner: scanner)
      guard fields.count == names.count else {
        throw DataError(
          .fieldCount, file: file, line: dataLine, value: "\(fields.count) fields",
          expected: "\(names.count) fields like the header")
      }
    } else {
      names = (1...fields.count).map { "#\($0)" }
    }
    let minimum = target == .bars ? 5 : 2
    guard fields.count >= minimum else {
      let shown = separator == 9 ? "tab" : "'\(Character(Unicode.Scalar(separator)))'"
      throw DataError(
        .layout, file: file, line: firstLine, value: "\(fields.count) field\(fields.count == 1 ? "" : "s")",
        expected: "at least \(minimum) fields separated by \(shown)"
          + (options.separator == nil ? " (tried ',', ';' and tab)" : ""))
    }
    var layout = Layout(
      name: "generic", separator: separator, hasHeader: hasHeader, fieldCount: names.count, names: names,
      time: .single(0), numbers: [], decimalComma: separator != UInt8(ascii: ","), dataStart: dataStart,
      dataLine: dataLine)
    try map(&layout, sample: fields)
    return layout
  }

  // MARK: - Lines and separators

  private func nextContentLine(_ scanner: inout LineScanner) -> Range<Int>? {
    while let line = scanner.next() {
      if !scanner.isBlank(line) { return line }
    }
    return nil
  }

  private func chooseSeparator(_ line: Range<Int>) throws(DataError) -> UInt8 {
    if let separator = options.separator {
      guard let ascii = separator.asciiValue, separator != "\"", separator != "\n" else {
        throw DataError(
          .option, file: file, value: String(separator),
          expected: "a one-byte separator such as ',' ';' or tab")
      }
      return ascii
    }
    var counts: [UInt8: Int] = [9: 0, 59: 0, 44: 0]
    var quoted = false
    for i in line {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") { quoted.toggle() }
      if !quoted, counts[byte] != nil { counts[byte, default: 0] += 1 }
    }
    // Ties prefer tab, then ';' (a ';' file may use ',' as its decimal point).
    var best: UInt8 = 44
    for candidate: UInt8 in [59, 9]
    where counts[candidate, default: 0] > 0 && counts[candidate, default: 0] >= counts[best, default: 0] {
      best = candidate
    }
    return best
  }

  private func fieldsOf(
    _ line: Range<Int>, separator: UInt8, line number: Int, scanner: LineScanner
  ) throws(DataError) -> [Range<Int>] {
    guard line.count <= options.maxLineLength else {
      throw DataError(
        .lineTooLong, file: file, line: number, value: "\(line.count) bytes",
        expected: "a line of at most \(options.maxLineLength) bytes")
    }
    var starts = [Int](repeating: 0, count: 4096)
    var ends = [Int](repeating: 0, count: 4096)
    let count = starts.withUnsafeMutableBufferPointer { s in
      ends.withUnsafeMutableBufferPointer { e in
        scanner.split(line, separator: separator, starts: s, ends: e)
      }
    }
    guard count >= 0 else {
      throw DataError(
        .fieldCount, file: file, line: number, expected: "a closing '\"' before the end of the line")
    }
    guard count <= 4096 else {
      throw DataError(
        .layout, file: file, line: number, value: "\(count) fields", expected: "at most 4096 fields")
    }
    return (0..<count).map { starts[$0]..<ends[$0] }
  }

  private func looksLikeData(_ fields: [Range<Int>]) -> Bool {
    guard let first = fields.first else { return false }
    return TimeParser.parse(bytes, from: first.lowerBound, to: first.upperBound) != nil
      || TimeParser.date(bytes, from: first.lowerBound, to: first.upperBound) != nil
  }

  func isClock(_ field: Range<Int>) -> Bool {
    TimeParser.timeOfDay(bytes, from: field.lowerBound, to: field.upperBound) != nil
  }

  func isFullTime(_ field: Range<Int>) -> Bool {
    TimeParser.parse(bytes, from: field.lowerBound, to: field.upperBound) != nil
  }
}
