import LuaRuntime
import MarketData

/// The methods of `crescent.Bars`: slicing, resampling, alignment and Renko bricks.
enum BarsMethods {
  static let all: [LuaFunction] = [slice, head, tail, resample, align, renko]

  static let slice = LuaFunction(
    "slice",
    LuaDoc(
      """
      Bars a..b. Integers are 1-based positions, inclusive, negative counting from the end (as
      string.sub). Strings are ISO-8601 times: from a (inclusive) to b (inclusive; a date-only b
      includes that whole day). nil leaves a side open.
      """,
      parameters: [.init("a", "integer|string|nil"), .init("b", "integer|string|nil")], returns: [.init("Bars")],
      example: "bars:slice(-100)                        -- the last 100 bars\nbars:slice(\"2024-01-01\", \"2024-03-31\")  -- the first quarter")
  ) { call in
    let bars = try call.argument(1, "self").userdata(Bars.self)
    let a = call.argument(2, "a")
    let b = call.argument(3, "b")
    let result: Bars
    if a.type == .string || b.type == .string {
      let from = try a.isNil ? nil : time(a, inclusiveEnd: false)
      let to = try b.isNil ? nil : time(b, inclusiveEnd: true)
      result = bars.slice(from: from, to: to)
    } else {
      let n = bars.count
      func position(_ value: Int) -> Int { value < 0 ? n + value + 1 : value }
      let first = Swift.max(1, position(try a.integer(default: 1)))
      let last = Swift.min(n, position(try b.integer(default: n)))
      result = bars.slice((first - 1)..<Swift.max(first - 1, last))
    }
    call.state.push(userdata: result, on: call.stack)
    return 1
  }

  /// Nanoseconds of a time argument; an inclusive end moves past the named instant (the whole
  /// day for a date).
  private static func time(_ reader: LuaValueReader, inclusiveEnd: Bool) throws -> Int64 {
    let text = try reader.string()
    guard let time = UTCTime.parse(text) else { throw reader.error(expected: "ISO-8601 time") }
    guard inclusiveEnd else { return time }
    return time + (text.count == 10 ? UTCTime.nanosecondsPerDay : 1)
  }

  static let head = LuaFunction(
    "head", LuaDoc("The first n bars.", parameters: [.init("n", "integer")], returns: [.init("Bars")])
  ) { call in
    let bars = try call.argument(1, "self").userdata(Bars.self)
    call.state.push(userdata: bars.head(try call.argument(2, "n").integer()), on: call.stack)
    return 1
  }

  static let tail = LuaFunction(
    "tail", LuaDoc("The last n bars.", parameters: [.init("n", "integer")], returns: [.init("Bars")])
  ) { call in
    let bars = try call.argument(1, "self").userdata(Bars.self)
    call.state.push(userdata: bars.tail(try call.argument(2, "n").integer()), on: call.stack)
    return 1
  }

  static let resample = LuaFunction(
    "resample",
    LuaDoc(
      """
      Bars of a higher timeframe: open first, high max, low min, close last, volume sum, each
      labelled with its period's start; empty periods dropped. Periods are anchored at UTC
      midnight (weeks on Monday, months on the 1st), or at a session's open in its time zone;
      bars outside the session are dropped.
      """,
      parameters: [
        .init("timeframe", "string", "\"5m\", \"1h\", \"1d\", \"1w\", \"1M\", …"),
        .init("opts", "{session?: string, tz?: string}?", "session = \"09:30-16:00\", tz = \"America/New_York\""),
      ],
      returns: [.init("Bars")],
      example: "local daily = bars:resample(\"1d\", {session = \"09:30-16:00\", tz = \"America/New_York\"})")
  ) { call in
    let bars = try call.argument(1, "self").userdata(Bars.self)
    let timeframe = try DataOptions.timeframe(call.argument(2, "timeframe"))
    let session = try DataOptions.session(call, call.argument(3, "opts"))
    call.state.push(userdata: try bars.resample(to: timeframe, session: session), on: call.stack)
    return 1
  }

  static let align = LuaFunction(
    "align",
    LuaDoc(
      """
      These (higher-timeframe) bars spread over `lower`'s bars without look-ahead: row i holds
      the last bar that was complete when lower's bar i closed (NaN before the first), with
      lower's times. An unfinished higher bar is never exposed.
      """,
      parameters: [.init("lower", "Bars")], returns: [.init("Bars")],
      example: "local daily = bars:resample(\"1d\")\nlocal trend = daily:align(bars).close  -- yesterday's close on every hourly bar")
  ) { call in
    let higher = try call.argument(1, "self").userdata(Bars.self)
    let lower = try call.argument(2, "lower").userdata(Bars.self)
    call.state.push(userdata: try higher.align(to: lower), on: call.stack)
    return 1
  }

  static let renko = LuaFunction(
    "renko",
    LuaDoc(
      """
      Renko bricks from the closes, as Bars: a fixed brick size, or {atr = n} for the size of
      the n-bar ATR known at bar n (bricks start there, so none uses later data).
      """,
      parameters: [.init("size", "number|{atr: integer}")], returns: [.init("Bars")],
      example: "local bricks = bars:renko(0.5)\nlocal adaptive = bars:renko{atr = 14}")
  ) { call in
    let bars = try call.argument(1, "self").userdata(Bars.self)
    let argument = call.argument(2, "size")
    let size: RenkoSize
    if argument.type == .table {
      try call.checkKeys(of: argument, known: ["atr"])
      size = .atr(period: try call.field("atr", of: argument) { try $0.integer() })
    } else {
      size = .fixed(try argument.number())
    }
    call.state.push(userdata: try bars.renko(size), on: call.stack)
    return 1
  }
}
