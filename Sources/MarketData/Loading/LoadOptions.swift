/// How to read a market data file. Every field is optional; the defaults detect the layout
/// and validate strictly, repairing nothing.
public struct LoadOptions: Sendable, Equatable {
  /// Symbol to record in the Bars; default: the file name without its extension.
  public var symbol: String?
  /// IANA zone of timestamps written without `Z` or an offset (`America/New_York`); default
  /// UTC. Timestamps with a zone and epoch numbers are instants and are never shifted.
  /// A wall-clock time that happens twice (clocks going back) takes the earlier instant unless
  /// that is not after the previous row, then the later; one that never happens is an error.
  public var timeZone: String?
  /// Column mapping, role → column: roles `time`, `date` (with `time` then read as the time
  /// of day), `open`, `high`, `low`, `close`, `volume`; for ticks `price`, `size`, `bid`,
  /// `ask`. A column is its header text (case-insensitive) or `#n` (1-based position).
  public var columns: [String: String]
  /// Field separator; default: detected among `,` `;` and tab.
  public var separator: Character?
  /// Whether line 1 is a header; default: detected (a header is a first line whose first
  /// field is not a timestamp).
  public var header: Bool?
  /// Repair: stable-sort rows by time. Reports how many rows moved.
  public var sort: Bool
  /// Repair: keep the first of rows with equal times. Reports how many rows it removed.
  public var dedupe: Bool
  /// Repair: drop rows that do not parse or break a row rule (non-finite price, high/low
  /// outside open/close, negative volume, nonexistent local time). Reports how many.
  /// Lines longer than `maxLineLength` stay an error: they are a broken file, not a row.
  public var dropInvalid: Bool
  /// Read and write the binary cache beside the file (or in `cacheDirectory`).
  public var cache: Bool
  /// Directory for cache files; default: beside the source file.
  public var cacheDirectory: String?
  /// Timeframe to record; default: inferred from the most common spacing of times.
  public var timeframe: Timeframe?
  /// Longest line accepted, in bytes (default 1 MiB); longer lines are an error.
  public var maxLineLength: Int
  /// Parse runs: nil chooses by file size and cores; a number forces it (tests).
  var runs: Int?
  /// Whether plain lines take the row fast path; false reads every line the general way
  /// (tests compare the two).
  var fastPath = true

  public init(
    symbol: String? = nil, timeZone: String? = nil, columns: [String: String] = [:],
    separator: Character? = nil, header: Bool? = nil, sort: Bool = false, dedupe: Bool = false,
    dropInvalid: Bool = false, cache: Bool = false, cacheDirectory: String? = nil,
    timeframe: Timeframe? = nil, maxLineLength: Int = 1 << 20
  ) {
    self.symbol = symbol
    self.timeZone = timeZone
    self.columns = columns
    self.separator = separator
    self.header = header
    self.sort = sort
    self.dedupe = dedupe
    self.dropInvalid = dropInvalid
    self.cache = cache
    self.cacheDirectory = cacheDirectory
    self.timeframe = timeframe
    self.maxLineLength = maxLineLength
  }
}

/// What a load found and changed.
public struct LoadReport: Sendable, Equatable {
  /// Layout name: `generic`, `yahoo`, `pandas`, `mt4`, `mt5`, `binance`, `dukascopy`,
  /// `stooq`, `headerless`, `ticks`, or `cache` when read from a binary cache file.
  public var layout: String
  /// Separator used (`,` `;` or tab); nil for binary files.
  public var separator: Character?
  public var hasHeader: Bool
  /// Role → column name (header text or `#n`) as used.
  public var columns: [String: String]
  /// Data rows read (before repairs).
  public var rowsRead: Int
  /// Rows moved by `sort`.
  public var rowsSorted: Int
  /// Rows removed by `dedupe`.
  public var duplicatesRemoved: Int
  /// Rows removed by `dropInvalid`.
  public var invalidDropped: Int
  /// True when the bars came from a valid binary cache.
  public var fromCache: Bool

  public init(
    layout: String, separator: Character?, hasHeader: Bool, columns: [String: String], rowsRead: Int,
    rowsSorted: Int = 0, duplicatesRemoved: Int = 0, invalidDropped: Int = 0, fromCache: Bool = false
  ) {
    self.layout = layout
    self.separator = separator
    self.hasHeader = hasHeader
    self.columns = columns
    self.rowsRead = rowsRead
    self.rowsSorted = rowsSorted
    self.duplicatesRemoved = duplicatesRemoved
    self.invalidDropped = invalidDropped
    self.fromCache = fromCache
  }
}

extension LoadReport {
  /// One phrase per repair that changed rows (`sort moved 3 rows`), for messages: repairs are
  /// never silent.
  public var repairNotes: [String] {
    var notes: [String] = []
    if rowsSorted > 0 { notes.append("sort moved \(rowsSorted) rows") }
    if duplicatesRemoved > 0 { notes.append("dedupe removed \(duplicatesRemoved) rows") }
    if invalidDropped > 0 { notes.append("drop_invalid removed \(invalidDropped) rows") }
    return notes
  }
}
