import LuaRuntime
import MarketData

/// The `data` module: market data in, Series and Bars out.
enum DataModule {
  static let module = LuaModule(
    name: "data",
    summary: "Market data: loading and saving bars and ticks, synthetic bars, series, time conversion.",
    functions: DataFiles.functions + [synthetic, series, time, iso]
  )

  static let syntheticOptions = ["bars", "seed", "start", "timeframe", "drift", "vol", "price", "symbol"]

  static let synthetic = LuaFunction(
    "synthetic",
    LuaDoc(
      """
      Deterministic synthetic OHLCV bars: a geometric random walk whose per-bar log return is
      normal with mean `drift` and standard deviation `vol`. Each bar opens at the previous
      close; high and low are the extremes of a four-step path to the close. The same options
      give the same bars on every run.
      """,
      parameters: [
        .init(
          "opts",
          "{bars?: integer, seed?: integer, start?: string|integer, timeframe?: string, drift?: number, vol?: number, price?: number, symbol?: string}",
          "bars (default 1000), seed (1), start (ISO-8601 or ns, 2024-01-01T00:00:00Z), timeframe (\"1m\"), drift (0), vol (0.01), price (100), symbol (\"SYNTH\")"
        )
      ],
      returns: [.init("Bars")],
      example: "local bars = data.synthetic{bars = 5000, seed = 42, timeframe = \"1h\"}\nprint(#bars, bars.close[1])"
    )
  ) { call in
    var generator = SyntheticBars(count: 1000)
    if !call.argument(1, "opts").isNil {
      let opts = try call.argument(1, "opts").table()
      try call.checkKeys(of: opts, known: syntheticOptions)
      generator.count = try call.field("bars", of: opts) { try $0.integer(default: 1000) }
      generator.seed = UInt64(bitPattern: Int64(try call.field("seed", of: opts) { try $0.integer(default: 1) }))
      generator.start = try call.field("start", of: opts) { field in
        if field.isNil { return SyntheticBars.defaultStart }
        if field.type == .number { return Int64(try field.integer()) }
        let text = try field.string()
        guard let time = UTCTime.parse(text) else { throw field.error(expected: "ISO-8601 time") }
        return time
      }
      generator.timeframe = try call.field("timeframe", of: opts) { field in
        let text = try field.string(default: "1m")
        guard let timeframe = Timeframe(text) else {
          throw field.error(expected: "timeframe such as \"1m\", \"1h\" or \"1d\"")
        }
        return timeframe
      }
      generator.drift = try call.field("drift", of: opts) { try $0.number(default: 0) }
      generator.volatility = try call.field("vol", of: opts) { try $0.number(default: 0.01) }
      generator.initialPrice = try call.field("price", of: opts) { try $0.number(default: 100) }
      generator.symbol = try call.field("symbol", of: opts) { try $0.string(default: "SYNTH") }
    }
    call.state.push(userdata: try generator.generate(), on: call.stack)
    return 1
  }

  static let series = LuaFunction(
    "series",
    LuaDoc(
      "A Series from a Lua sequence of numbers.",
      parameters: [.init("values", "number[]")], returns: [.init("Series")],
      example: "local s = data.series{1, 2, 3}\nprint(s * 2)")
  ) { call in
    let table = try call.argument(1, "values").table()
    let count = call.stack.rawLength(at: table.index)
    var values = [Double]()
    values.reserveCapacity(count)
    for i in 1...max(count, 1) where count > 0 {
      call.stack.rawGet(tableAt: table.index, index: i)
      defer { call.stack.pop() }
      guard call.stack.type(at: -1) == .number, let value = call.stack.number(at: -1) else {
        throw LuaArgumentError(
          position: "element [\(i)] of argument #1 'values'", expected: "number",
          got: call.stack.typeName(at: -1))
      }
      values.append(value)
    }
    call.state.push(userdata: Series(values), on: call.stack)
    return 1
  }

  static let time = LuaFunction(
    "time",
    LuaDoc(
      "Parses ISO-8601 text (a date, or a datetime with optional fraction and Z or ±HH:MM offset; no offset means UTC) into integer nanoseconds since the Unix epoch.",
      parameters: [.init("text", "string")], returns: [.init("integer")],
      example: "data.time(\"2024-01-02T09:30:00Z\")  --> 1704187800000000000")
  ) { call in
    let argument = call.argument(1, "text")
    guard let time = UTCTime.parse(try argument.string()) else {
      throw argument.error(expected: "ISO-8601 date or datetime")
    }
    call.stack.push(time)
    return 1
  }

  static let iso = LuaFunction(
    "iso",
    LuaDoc(
      "Formats integer nanoseconds since the Unix epoch as ISO-8601 UTC text.",
      parameters: [.init("ns", "integer")], returns: [.init("string")],
      example: "data.iso(bars.time[1])  --> \"2024-01-01T00:00:00Z\"")
  ) { call in
    call.stack.push(UTCTime.iso(Int64(try call.argument(1, "ns").integer())))
    return 1
  }
}

extension SyntheticBars.Problem: LuaRaisable {
  public var luaErrorKind: LuaError.Kind { .runtime }
}
