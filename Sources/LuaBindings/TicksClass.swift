import LuaRuntime
import MarketData

/// `crescent.Ticks`: trades or quotes of one symbol, aggregated to bars by its methods.
enum TicksClass {
  static let spec = LuaClass<Ticks>(
    name: "Ticks",
    summary: "Trades or quotes of one symbol; time_bars, tick_bars and volume_bars aggregate them.",
    methods: [
      LuaFunction(
        "time_bars",
        LuaDoc(
          "Bars of a timeframe (open first price, high max, low min, close last, volume sum of sizes), labelled with their period's start; periods without ticks are left out.",
          parameters: [.init("timeframe", "string"), .init("opts", "{session?: string, tz?: string}?")],
          returns: [.init("Bars")])
      ) { call in
        let ticks = try call.argument(1, "self").userdata(Ticks.self)
        let timeframe = try DataOptions.timeframe(call.argument(2, "timeframe"))
        let session = try DataOptions.session(call, call.argument(3, "opts"))
        call.state.push(userdata: ticks.timeBars(timeframe, session: session), on: call.stack)
        return 1
      },
      LuaFunction(
        "tick_bars",
        LuaDoc(
          "A bar every n ticks, labelled with its first tick's time; a last partial bar is left out.",
          parameters: [.init("n", "integer")], returns: [.init("Bars")])
      ) { call in
        let ticks = try call.argument(1, "self").userdata(Ticks.self)
        call.state.push(userdata: try ticks.tickBars(try call.argument(2, "n").integer()), on: call.stack)
        return 1
      },
      LuaFunction(
        "volume_bars",
        LuaDoc(
          "A bar closes with the tick that brings its summed size to v or more; a last partial bar is left out.",
          parameters: [.init("v", "number")], returns: [.init("Bars")])
      ) { call in
        let ticks = try call.argument(1, "self").userdata(Ticks.self)
        call.state.push(userdata: try ticks.volumeBars(try call.argument(2, "v").number()), on: call.stack)
        return 1
      },
    ],
    metamethods: [
      LuaFunction("__len", LuaDoc("Number of ticks.", returns: [.init("integer")])) { call in
        call.stack.push(try call.argument(1, "self").userdata(Ticks.self).count)
        return 1
      },
      LuaFunction("__tostring", LuaDoc("A one-line description.", returns: [.init("string")])) { call in
        let ticks = try call.argument(1, "self").userdata(Ticks.self)
        var text = "Ticks(\(ticks.symbol), \(ticks.count) ticks"
        if let first = ticks.time.first, let last = ticks.time.last {
          text += ", \(UTCTime.iso(first)) … \(UTCTime.iso(last))"
        }
        call.stack.push(text + ")")
        return 1
      },
    ],
    fields: [
      .init("price", "Series"), .init("size", "Series"), .init("time", "TimeColumn"), .init("symbol", "string"),
    ],
    indexer: { call in
      let ticks = try call.argument(1, "self").userdata(Ticks.self)
      switch call.stack.type(at: 2) == .string ? call.stack.string(at: 2) : nil {
      case "price": call.state.push(userdata: Series(ticks.price), on: call.stack)
      case "size": call.state.push(userdata: Series(ticks.size), on: call.stack)
      case "time": call.state.push(userdata: TimeColumn(values: ticks.time), on: call.stack)
      case "symbol": call.stack.push(ticks.symbol)
      default: call.stack.pushNil()
      }
      return 1
    },
    externalBytes: { $0.count * 24 }
  )
}
