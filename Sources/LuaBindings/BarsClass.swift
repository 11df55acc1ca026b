import LuaRuntime
import MarketData

/// `crescent.Bars`: OHLCV bars of one symbol.
///
/// `#bars`; `bars.open/high/low/close/volume` (Series sharing the bars' storage);
/// `bars.time` (a TimeColumn of exact integer nanoseconds); `bars.symbol`, `bars.timeframe`.
enum BarsClass {
  static let spec = LuaClass<Bars>(
    name: "Bars",
    summary: "OHLCV bars of one symbol; time in integer nanoseconds since the Unix epoch, UTC.",
    methods: BarsMethods.all,
    metamethods: [
      LuaFunction("__len", LuaDoc("Number of bars.", returns: [.init("integer")])) { call in
        call.stack.push(try call.argument(1, "self").userdata(Bars.self).count)
        return 1
      },
      LuaFunction("__tostring", LuaDoc("A one-line description.", returns: [.init("string")])) { call in
        call.stack.push(describe(try call.argument(1, "self").userdata(Bars.self)))
        return 1
      },
    ],
    fields: [
      .init("open", "Series"), .init("high", "Series"), .init("low", "Series"),
      .init("close", "Series"), .init("volume", "Series"),
      .init("time", "TimeColumn", "Bar open times, integer nanoseconds since the Unix epoch (UTC)."),
      .init("symbol", "string"), .init("timeframe", "string?", "e.g. \"1m\"; nil when unknown."),
    ],
    indexer: { call in
      let bars = try call.argument(1, "self").userdata(Bars.self)
      guard call.stack.type(at: 2) == .string, let key = call.stack.string(at: 2) else {
        call.stack.pushNil()
        return 1
      }
      if let column = PriceColumn(rawValue: key) {
        call.state.push(userdata: bars.column(column), on: call.stack)
      } else if key == "time" {
        call.state.push(userdata: TimeColumn(values: bars.time), on: call.stack)
      } else if key == "symbol" {
        call.stack.push(bars.symbol)
      } else if key == "timeframe", let timeframe = bars.timeframe {
        call.stack.push(timeframe.description)
      } else {
        call.stack.pushNil()
      }
      return 1
    },
    externalBytes: { $0.count * (MemoryLayout<Int64>.stride + 5 * MemoryLayout<Double>.stride) }
  )

  /// `Bars(SYNTH 1m, 1000 bars, 2024-01-01T00:00:00Z … 2024-01-01T16:39:00Z)`
  static func describe(_ bars: Bars) -> String {
    var parts = [bars.symbol.isEmpty ? "?" : bars.symbol]
    if let timeframe = bars.timeframe { parts[0] += " \(timeframe)" }
    parts.append("\(bars.count) bars")
    if let first = bars.time.first, let last = bars.time.last {
      parts.append("\(UTCTime.iso(first)) … \(UTCTime.iso(last))")
    }
    return "Bars(" + parts.joined(separator: ", ") + ")"
  }
}

/// The time column of Bars: exact Int64 nanoseconds, read as Lua integers.
struct TimeColumn {
  let values: [Int64]
}

enum TimeColumnClass {
  static let spec = LuaClass<TimeColumn>(
    name: "TimeColumn",
    summary: "Bar times as integer nanoseconds since the Unix epoch (UTC); data.iso(t[i]) formats one.",
    metamethods: [
      LuaFunction("__len", LuaDoc("Number of times.", returns: [.init("integer")])) { call in
        call.stack.push(try call.argument(1, "self").userdata(TimeColumn.self).values.count)
        return 1
      },
      LuaFunction("__tostring", LuaDoc("A short preview.", returns: [.init("string")])) { call in
        let values = try call.argument(1, "self").userdata(TimeColumn.self).values
        var text = "TimeColumn(n=\(values.count))"
        if let first = values.first, let last = values.last {
          text += " [\(UTCTime.iso(first)) … \(UTCTime.iso(last))]"
        }
        call.stack.push(text)
        return 1
      },
    ],
    fields: [.init("[integer]", "integer", "The i-th time in nanoseconds, 1-based.")],
    indexer: { call in
      let column = try call.argument(1, "self").userdata(TimeColumn.self)
      if call.stack.type(at: 2) == .number, let index = call.stack.integer(at: 2),
        index >= 1 && index <= column.values.count
      {
        call.stack.push(column.values[index - 1])
      } else {
        call.stack.pushNil()
      }
      return 1
    },
    externalBytes: { $0.values.count * MemoryLayout<Int64>.stride }
  )
}
