/// What `crescent data info FILE` reports: a lenient read that counts problems instead of
/// stopping at the first.
public struct BarsInfo: Sendable, Equatable {
  public var file: String
  public var layout: String
  /// Role → column as detected.
  public var columns: [String: String]
  /// Data rows in the file and rows that did not parse or broke a row rule.
  public var rows: Int
  public var invalidRows: Int
  /// The first invalid row's error, for display.
  public var firstInvalid: String?
  /// First and last time among valid rows (nanoseconds, UTC); nil without valid rows.
  public var first: Int64?
  public var last: Int64?
  public var timeframe: Timeframe?
  /// Rows whose time equals an earlier row's, and rows whose time is before the previous row's.
  public var duplicates: Int
  public var unsorted: Int
  /// Spaces between consecutive distinct times longer than one bar, how many of those look
  /// like weekend closures (starting Friday or Saturday and ending Sunday or Monday, UTC, at
  /// most 4 days), the bars missing in all gaps, and the longest gap (its start, after the
  /// bar before it, and length in nanoseconds).
  public var gaps: Int
  public var weekendGaps: Int
  public var missingBars: Int
  public var largestGap: (start: Int64, length: Int64)?

  public static func == (a: BarsInfo, b: BarsInfo) -> Bool {
    a.file == b.file && a.layout == b.layout && a.columns == b.columns && a.rows == b.rows
      && a.invalidRows == b.invalidRows && a.first == b.first && a.last == b.last
      && a.timeframe == b.timeframe
      && a.duplicates == b.duplicates && a.unsorted == b.unsorted && a.gaps == b.gaps
      && a.weekendGaps == b.weekendGaps && a.missingBars == b.missingBars
      && a.largestGap?.start == b.largestGap?.start && a.largestGap?.length == b.largestGap?.length
  }

  /// Inspects `path` with `options` (repairs and the cache are ignored).
  /// - Throws: `DataError` only when the file cannot be read as a table at all.
  public static func inspect(_ path: String, options: LoadOptions = LoadOptions()) throws(DataError)
    -> BarsInfo
  {
    var lenient = options
    lenient.dropInvalid = true
    lenient.sort = false
    lenient.dedupe = false
    let file = try FileBytes(path: path)
    if BarLoader.isBinary(file) {
      guard let bars = try BarCache.read(file, expecting: nil) else {
        throw DataError(.cache, file: path, expected: "a crescent bar file")
      }
      var info = BarsInfo(
        file: path, layout: "cache", columns: [:], rows: bars.count, invalidRows: 0, firstInvalid: nil,
        first: nil, last: nil, timeframe: nil, duplicates: 0, unsorted: 0, gaps: 0, weekendGaps: 0,
        missingBars: 0, largestGap: nil)
      info.measure(bars.time)
      return info
    }
    let (layout, table) = try file.withBytes { (bytes) throws(DataError) in
      try BarLoader.parseTable(bytes, name: path, options: lenient)
    }
    var info = BarsInfo(
      file: path, layout: layout.name, columns: layout.mapping, rows: table.rowsRead,
      invalidRows: table.dropped,
      firstInvalid: table.firstDropped?.description, first: nil, last: nil, timeframe: nil, duplicates: 0,
      unsorted: 0, gaps: 0, weekendGaps: 0, missingBars: 0, largestGap: nil)
    info.measure(table.time)
    return info
  }

  mutating func measure(_ time: [Int64]) {
    for i in 1..<Swift.max(1, time.count) where time[i] < time[i - 1] { unsorted += 1 }
    let sorted = unsorted > 0 ? time.sorted() : time
    var distinct: [Int64] = []
    distinct.reserveCapacity(sorted.count)
    for t in sorted {
      if let previous = distinct.last, previous == t {
        duplicates += 1
      } else {
        distinct.append(t)
      }
    }
    first = distinct.first
    last = distinct.last
    timeframe = Timeframe.infer(from: distinct)
    guard let timeframe, distinct.count > 1 else { return }
    let day = UTCTime.nanosecondsPerDay
    for i in 1..<distinct.count {
      let expected = timeframe.end(ofBarStartingAt: distinct[i - 1])
      guard distinct[i] > expected else { continue }
      gaps += 1
      let length = distinct[i] - expected
      if let step = timeframe.nanoseconds {
        missingBars += Int(length / step)
      } else {
        var t = expected
        while t < distinct[i] {
          missingBars += 1
          t = timeframe.end(ofBarStartingAt: t)
        }
      }
      // Weekdays: 1970-01-01 was a Thursday; 0 = Monday … 6 = Sunday.
      let startDay = (UTCTime.floorDivide(expected, day).0 + 3) % 7
      let endDay = (UTCTime.floorDivide(distinct[i], day).0 + 3) % 7
      if (startDay == 4 || startDay == 5) && (endDay == 6 || endDay == 0)
        && distinct[i] - distinct[i - 1] <= 4 * day
      {
        weekendGaps += 1
      }
      if largestGap.map({ length > $0.length }) ?? true { largestGap = (expected, length) }
    }
  }

  /// Lines for display, `key: value`.
  public var summary: String {
    var lines = ["file: \(file)", "layout: \(layout)", "rows: \(rows)"]
    if let first, let last {
      lines.append("span: \(UTCTime.iso(first)) .. \(UTCTime.iso(last))")
    }
    lines.append("timeframe: \(timeframe.map { "\($0)" } ?? "unknown")")
    var gapLine = "gaps: \(gaps) (\(weekendGaps) weekend, \(missingBars) missing bars)"
    if let largestGap {
      gapLine += "; largest \(Double(largestGap.length) / 3.6e12) h from \(UTCTime.iso(largestGap.start))"
    }
    lines.append(gapLine)
    lines.append("duplicates: \(duplicates)")
    lines.append("unsorted: \(unsorted)")
    lines.append("invalid rows: \(invalidRows)" + (firstInvalid.map { " (first: \($0))" } ?? ""))
    return lines.joined(separator: "\n")
  }
}
