/// Bars read from a file, with what the load found and changed.
public struct LoadResult: Sendable {
  public var bars: Bars
  public var report: LoadReport
}

/// Reads bar files: delimited text in the usual layouts (see `LayoutDetector`) or the binary
/// format of `BarCache` (recognised by its magic bytes), validated by DESIGN.md's rules.
public enum BarLoader {
  /// Loads `path`. With `options.cache`, a fresh cache (same size, mtime, content sample and
  /// parse options) is read instead of the text, and a stale or missing one is rewritten.
  /// - Throws: `DataError` naming file, line, column and value of the first problem.
  public static func load(_ path: String, options: LoadOptions = LoadOptions()) throws(DataError)
    -> LoadResult
  {
    // With a cache the text is often not read at all: map it lazily.
    let file = try FileBytes(path: path, populate: !options.cache)
    if isBinary(file) {
      guard let bars = try BarCache.read(file, expecting: nil) else {
        throw DataError(.cache, file: path, expected: "a crescent bar file")
      }
      return finish(
        bars,
        report: LoadReport(
          layout: "cache", separator: nil, hasHeader: false, columns: [:], rowsRead: bars.count,
          fromCache: true),
        options: options, path: path)
    }
    var cachePath: String?
    var key: BarCache.SourceKey?
    if options.cache {
      let location = BarCache.path(for: path, directory: options.cacheDirectory)
      let sourceKey = BarCache.key(of: file, options: options)
      cachePath = location
      key = sourceKey
      if FileBytes.stamp(location) != nil,
        let bars = try? BarCache.read(FileBytes(path: location), expecting: sourceKey)
      {
        let report = LoadReport(
          layout: "cache", separator: nil, hasHeader: false, columns: [:], rowsRead: bars.count,
          fromCache: true)
        return finish(bars, report: report, options: options, path: path)
      }
    }
    let result = try file.withBytes { (bytes) throws(DataError) in
      try parse(bytes, name: path, options: options)
    }
    let finished = finish(result.bars, report: result.report, options: options, path: path)
    if let cachePath, let key {
      var stored = finished.bars
      stored.symbol = defaultSymbol(path)
      stored.timeframe = Timeframe.infer(from: stored.time)
      // A cache that cannot be written only costs speed next time.
      try? BarCache.write(stored, to: cachePath, key: key)
    }
    return finished
  }

  /// Parses delimited text held in memory; `name` stands for the file in messages.
  public static func read(_ text: [UInt8], name: String, options: LoadOptions = LoadOptions())
    throws(DataError) -> LoadResult
  {
    let outcome = text.withUnsafeBytes { bytes in
      Result { () throws(DataError) in try parse(bytes, name: name, options: options) }
    }
    let result = try outcome.get()
    return finish(result.bars, report: result.report, options: options, path: name)
  }

  /// Layout detection and the row parse, without time-order rules.
  static func parseTable(
    _ bytes: UnsafeRawBufferPointer, name: String, options: LoadOptions
  ) throws(DataError) -> (Layout, ParsedTable) {
    var zone: TimeZoneRules?
    if let name = options.timeZone { zone = try TimeZoneRules.named(name) }
    let layout = try LayoutDetector(bytes: bytes, file: name, options: options, target: .bars).detect()
    let hasVolume = layout.numbers[4].column != nil
    let table = try TableParser(
      bytes: bytes, file: name, layout: layout, options: options, zone: zone,
      rule: OHLCRule(hasVolume: hasVolume)
    ).parse()
    return (layout, table)
  }

  static func parse(_ bytes: UnsafeRawBufferPointer, name: String, options: LoadOptions) throws(DataError)
    -> LoadResult
  {
    var (layout, table) = try parseTable(bytes, name: name, options: options)
    let (moved, removed) = TimeOrder.repair(
      time: &table.time, columns: &table.numbers, lines: &table.lines, sort: options.sort,
      dedupe: options.dedupe)
    try TimeOrder.check(
      time: table.time, lines: table.lines, file: name, column: layout.mapping["time"] ?? "time")
    if table.time.isEmpty {
      throw DataError(
        .empty, file: name, expected: "at least one valid row (all \(table.dropped) rows were invalid)")
    }
    let bars = Bars(
      time: table.time, open: table.numbers[0], high: table.numbers[1], low: table.numbers[2],
      close: table.numbers[3], volume: table.numbers[4], symbol: "", timeframe: nil)
    let report = LoadReport(
      layout: layout.name, separator: Character(Unicode.Scalar(layout.separator)),
      hasHeader: layout.hasHeader,
      columns: layout.mapping, rowsRead: table.rowsRead, rowsSorted: moved, duplicatesRemoved: removed,
      invalidDropped: table.dropped)
    return LoadResult(bars: bars, report: report)
  }

  private static func finish(_ bars: Bars, report: LoadReport, options: LoadOptions, path: String)
    -> LoadResult
  {
    var bars = bars
    if let symbol = options.symbol {
      bars.symbol = symbol
    } else if bars.symbol.isEmpty {
      bars.symbol = defaultSymbol(path)
    }
    if let timeframe = options.timeframe {
      bars.timeframe = timeframe
    } else if bars.timeframe == nil {
      bars.timeframe = Timeframe.infer(from: bars.time)
    }
    return LoadResult(bars: bars, report: report)
  }

  /// The file name without directories and extension: `data/EURUSD_H1.csv` → `EURUSD_H1`.
  public static func defaultSymbol(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.firstIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }

  static func isBinary(_ file: FileBytes) -> Bool {
    file.withBytes { bytes in bytes.count >= 8 && Array(bytes[0..<8]) == BarCache.magic }
  }
}

extension Bars {
  /// `BarLoader.load(path, options:).bars`.
  public static func load(_ path: String, options: LoadOptions = LoadOptions()) throws(DataError) -> Bars {
    try BarLoader.load(path, options: options).bars
  }
}
