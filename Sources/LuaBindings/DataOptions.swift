import LuaRuntime
import MarketData

/// Reading the option tables of the data module.
enum DataOptions {
  static let loadKeys = [
    "symbol", "tz", "columns", "separator", "header", "sort", "dedupe", "drop_invalid", "cache",
    "cache_dir", "timeframe", "max_line_length",
  ]

  /// `{symbol=, tz=, columns={time="Gmt time", close=5, …}, separator=";", header=true,
  /// sort=, dedupe=, drop_invalid=, cache=, cache_dir=, timeframe="1h", max_line_length=}`
  static func load(_ call: LuaCall, _ reader: LuaValueReader, extraKeys: [String] = []) throws -> LoadOptions {
    var options = LoadOptions()
    guard !reader.isNil else { return options }
    let opts = try reader.table()
    try call.checkKeys(of: opts, known: loadKeys + extraKeys)
    options.symbol = try call.field("symbol", of: opts) { $0.isNil ? nil : try $0.string() }
    options.timeZone = try call.field("tz", of: opts) { $0.isNil ? nil : try $0.string() }
    options.columns = try call.field("columns", of: opts) { field in
      if field.isNil { return [:] }
      let table = try field.table()
      var columns: [String: String] = [:]
      for role in call.stack.stringKeys(ofTableAt: table.index) {
        columns[role] = try call.field(role, of: table) { column in
          column.type == .number ? "#\(try column.integer())" : try column.string()
        }
      }
      return columns
    }
    options.separator = try call.field("separator", of: opts) { field in
      if field.isNil { return nil }
      let text = try field.string()
      if text == "tab" || text == "\t" { return "\t" }
      guard text.count == 1, let character = text.first else {
        throw field.error(expected: "one character such as \",\", \";\" or \"tab\"")
      }
      return character
    }
    options.header = try call.field("header", of: opts) { $0.isNil ? nil : try $0.boolean() }
    options.sort = try call.field("sort", of: opts) { try $0.boolean(default: false) }
    options.dedupe = try call.field("dedupe", of: opts) { try $0.boolean(default: false) }
    options.dropInvalid = try call.field("drop_invalid", of: opts) { try $0.boolean(default: false) }
    options.cache = try call.field("cache", of: opts) { try $0.boolean(default: false) }
    options.cacheDirectory = try call.field("cache_dir", of: opts) { $0.isNil ? nil : try $0.string() }
    options.timeframe = try call.field("timeframe", of: opts) { $0.isNil ? nil : try timeframe($0) }
    options.maxLineLength = try call.field("max_line_length", of: opts) { try $0.integer(default: 1 << 20) }
    return options
  }

  static func timeframe(_ reader: LuaValueReader) throws -> Timeframe {
    let text = try reader.string()
    guard let timeframe = Timeframe(text) else {
      throw reader.error(expected: "timeframe such as \"1m\", \"1h\", \"1d\", \"1w\" or \"1M\"")
    }
    return timeframe
  }

  /// `{session = "09:30-16:00", tz = "America/New_York"}` or nil.
  static func session(_ call: LuaCall, _ reader: LuaValueReader) throws -> Session? {
    guard !reader.isNil else { return nil }
    let opts = try reader.table()
    try call.checkKeys(of: opts, known: ["session", "tz"])
    let text = try call.field("session", of: opts) { $0.isNil ? nil : try $0.string() }
    let zone = try call.field("tz", of: opts) { try $0.string(default: "UTC") }
    guard let text else { return nil }
    return try Session(text, timeZone: zone)
  }
}

extension DataError: LuaRaisable {
  public var luaErrorKind: LuaError.Kind { .data }
}

extension SeriesError: LuaRaisable {
  public var luaErrorKind: LuaError.Kind { .runtime }
}
