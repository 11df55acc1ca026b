import LuaRuntime
import MarketData

#if canImport(Glibc)
  import Glibc
#endif

/// The file functions of the `data` module: load, save, load_ticks, info.
enum DataFiles {
  static let functions = [load, save, loadTicks, info]

  static let load = LuaFunction(
    "load",
    LuaDoc(
      """
      Loads bars from a CSV (generic OHLCV with any header, Yahoo, pandas dumps, MT4/MT5,
      Binance klines, Dukascopy, Stooq; `,` `;` or tab; layout detected) or a crescent binary
      file. Validates strictly: times strictly increasing, high >= max(open, close), low <=
      min(open, close), finite prices, volume >= 0; a violation is an error naming file, line,
      column and value (exit code 3). Repairs happen only when asked (sort, dedupe,
      drop_invalid) and are counted on stderr (and in the report that `report = true` returns
      as a second value). cache = true keeps a binary copy beside the file, reused while the
      file is unchanged.
      """,
      parameters: [
        .init("path", "string"),
        .init(
          "opts",
          "{symbol?: string, tz?: string, columns?: table<string, string|integer>, separator?: string, header?: boolean, sort?: boolean, dedupe?: boolean, drop_invalid?: boolean, cache?: boolean, cache_dir?: string, timeframe?: string, max_line_length?: integer, report?: boolean}?"
        ),
      ],
      returns: [
        .init("Bars"),
        .init(
          "{layout: string, rows_read: integer, rows_sorted: integer, duplicates_removed: integer, invalid_dropped: integer, from_cache: boolean, columns: table<string, string>}",
          "with report = true only: what the load found and changed"),
      ],
      example: "local bars = data.load(\"eurusd.csv\", {tz = \"Europe/London\", columns = {time = \"Gmt time\"}})")
  ) { call in
    try call.requireFileAccess()
    let path = try call.argument(1, "path").string()
    let opts = call.argument(2, "opts")
    let wantsReport = opts.type == .table ? try call.field("report", of: opts) { try $0.boolean(default: false) } : false
    let options = try DataOptions.load(call, opts, extraKeys: ["report"])
    let result = try BarLoader.load(path, options: options)
    announceRepairs(result.report, path: path)
    call.state.push(userdata: result.bars, on: call.stack)
    // One value by default, so `bt.run(strategy, data.load(path))` passes only the bars.
    guard wantsReport else { return 1 }
    push(result.report, on: call.stack)
    return 2
  }

  static let save = LuaFunction(
    "save",
    LuaDoc(
      "Writes bars as CSV (time,open,high,low,close,volume; ISO-8601 UTC; shortest exact numbers) or, for a path ending in .crsbars, in crescent's binary format.",
      parameters: [.init("bars", "Bars"), .init("path", "string")],
      example: "data.save(bars:resample(\"1h\"), \"hourly.csv\")")
  ) { call in
    try call.requireFileAccess()
    let bars = try call.argument(1, "bars").userdata(Bars.self)
    try BarWriter.save(bars, to: try call.argument(2, "path").string())
    return 0
  }

  static let loadTicks = LuaFunction(
    "load_ticks",
    LuaDoc(
      "Loads a tick file: time (or date and time) with price and size, or bid and ask (price is then the mid). Times may repeat but not go backwards unless sort = true.",
      parameters: [.init("path", "string"), .init("opts", "{symbol?: string, tz?: string, columns?: table, separator?: string, header?: boolean, sort?: boolean}?")],
      returns: [.init("Ticks")],
      example: "local ticks = data.load_ticks(\"trades.csv\")\nlocal bars = ticks:time_bars(\"1m\")")
  ) { call in
    try call.requireFileAccess()
    let path = try call.argument(1, "path").string()
    let options = try DataOptions.load(call, call.argument(2, "opts"))
    call.state.push(userdata: try Ticks.load(path, options: options), on: call.stack)
    return 1
  }

  static let info = LuaFunction(
    "info",
    LuaDoc(
      "Inspects a bar file without stopping at problems: rows, span, inferred timeframe, gaps, duplicates, unsorted and invalid rows (as `crescent data info`).",
      parameters: [.init("path", "string"), .init("opts", "table?", "as data.load")],
      returns: [.init("table")])
  ) { call in
    try call.requireFileAccess()
    let path = try call.argument(1, "path").string()
    let options = try DataOptions.load(call, call.argument(2, "opts"))
    let info = try BarsInfo.inspect(path, options: options)
    let stack = call.stack
    stack.newTable(recordCount: 16)
    func set(_ key: String, _ push: () -> Void) {
      push()
      stack.rawSet(tableAt: -2, key: key)
    }
    set("file") { stack.push(info.file) }
    set("layout") { stack.push(info.layout) }
    set("rows") { stack.push(info.rows) }
    set("invalid_rows") { stack.push(info.invalidRows) }
    if let first = info.firstInvalid { set("first_invalid") { stack.push(first) } }
    if let first = info.first { set("first") { stack.push(UTCTime.iso(first)) } }
    if let last = info.last { set("last") { stack.push(UTCTime.iso(last)) } }
    if let timeframe = info.timeframe { set("timeframe") { stack.push(timeframe.description) } }
    set("duplicates") { stack.push(info.duplicates) }
    set("unsorted") { stack.push(info.unsorted) }
    set("gaps") { stack.push(info.gaps) }
    set("weekend_gaps") { stack.push(info.weekendGaps) }
    set("missing_bars") { stack.push(info.missingBars) }
    return 1
  }

  static func push(_ report: LoadReport, on stack: LuaStack) {
    stack.newTable(recordCount: 8)
    stack.push(report.layout)
    stack.rawSet(tableAt: -2, key: "layout")
    stack.push(report.rowsRead)
    stack.rawSet(tableAt: -2, key: "rows_read")
    stack.push(report.rowsSorted)
    stack.rawSet(tableAt: -2, key: "rows_sorted")
    stack.push(report.duplicatesRemoved)
    stack.rawSet(tableAt: -2, key: "duplicates_removed")
    stack.push(report.invalidDropped)
    stack.rawSet(tableAt: -2, key: "invalid_dropped")
    stack.push(report.fromCache)
    stack.rawSet(tableAt: -2, key: "from_cache")
    stack.newTable(recordCount: report.columns.count)
    for (role, column) in report.columns {
      stack.push(column)
      stack.rawSet(tableAt: -2, key: role)
    }
    stack.rawSet(tableAt: -2, key: "columns")
  }

  /// Repairs are never silent: each one that changed rows is reported on stderr.
  static func announceRepairs(_ report: LoadReport, path: String) {
    let notes = report.repairNotes
    guard !notes.isEmpty else { return }
    var line = "data.load: \(path): " + notes.joined(separator: ", ") + "\n"
    line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
  }
}
