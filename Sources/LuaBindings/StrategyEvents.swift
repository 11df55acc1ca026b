import LuaRuntime
import MarketData
import Simulator

/// What `ctx:buy`, `ctx:sell` and `ctx:close` asked for during one `on_bar` call.
enum EventIntent {
  case enter(Side, OrderIntent)
  case close(tag: String?)
}

/// The Lua side of an event-form run's context: one userdata per run, reused for every bar.
/// `context` is set only while `on_bar` runs; intents are collected here and handed to the
/// simulator (after the strategy's `risk` review, when it has one) when `on_bar` returns.
final class ContextHandle {
  /// The simulator's context (one object for the whole run).
  @exclusivity(unchecked) var context: StrategyContext?
  /// True only while `on_bar` runs.
  @exclusivity(unchecked) var active = false
  @exclusivity(unchecked) var intents: [EventIntent] = []

  func current(_ name: String) throws(LuaMessageError) -> StrategyContext {
    guard active, let context else {
      throw LuaMessageError("ctx:\(name) called outside on_bar (the context is valid only during the call)")
    }
    return context
  }
}

/// `crescent.Context`: the `ctx` an event-form strategy's `on_bar(ctx, bar)` receives.
enum ContextClass {
  static let intentKeys = ["qty", "stop", "target", "tag"]

  static let spec = LuaClass<ContextHandle>(
    name: "Context",
    summary: """
      The event form's per-bar context. Orders are intents: a buy or sell signalled at this close
      fills like a vectorized entry (next bar's open with fill="next_open", this close with
      fill="close"); buy while short (sell while long) reverses.
      """,
    methods: [buy, sell, close],
    fields: [
      .init("position", "number", "Signed open quantity of this symbol (positive long, negative short, 0 flat)."),
      .init("equity", "number", "Account equity at this close (cash plus open trades at their last prices)."),
      .init("cash", "number", "Realized cash of the account."),
      .init("index", "integer", "1-based index of the bar."), .init("time", "integer", "Bar time, ns since the epoch (UTC)."),
      .init("symbol", "string"),
    ],
    indexer: { call in
      let handle = try call.argument(1, "self").userdata(ContextHandle.self)
      let key = call.stack.string(at: 2) ?? ""
      guard handle.active, let context = handle.context else {
        throw LuaMessageError("ctx.\(key) read outside on_bar (the context is valid only during the call)")
      }
      switch key {
      case "position": call.stack.push(context.position)
      case "equity": call.stack.push(context.equity)
      case "cash": call.stack.push(context.cash)
      case "index": call.stack.push(context.bar + 1)
      case "time": call.stack.push(context.time)
      case "symbol": call.stack.push(context.symbol)
      default: call.stack.pushNil()
      }
      return 1
    }
  )

  static func intent(_ call: LuaCall) throws -> OrderIntent {
    let argument = call.argument(2, "intent")
    if argument.isNil { return OrderIntent() }
    let table = try argument.table()
    try call.checkKeys(of: table, known: intentKeys)
    return OrderIntent(
      quantity: try call.field("qty", of: table) { $0.isNil ? nil : try $0.number() },
      stop: try call.field("stop", of: table) { $0.isNil ? nil : try $0.number() },
      target: try call.field("target", of: table) { $0.isNil ? nil : try $0.number() },
      tag: try call.field("tag", of: table) { $0.isNil ? nil : try $0.string() })
  }

  static let intentDoc = LuaDoc.Parameter(
    "intent", "{qty?: number, stop?: number, target?: number, tag?: string}?",
    "qty (default: the strategy's sizing), absolute stop and target prices (override exits), tag (one open trade per tag)")

  static let buy = LuaFunction(
    "buy",
    LuaDoc(
      "Opens (or adds to, up to pyramiding) a long position; closes shorts first.",
      parameters: [intentDoc], example: "ctx:buy{stop = bar.close * 0.98, tag = \"dip\"}")
  ) { call in
    let handle = try call.argument(1, "self").userdata(ContextHandle.self)
    _ = try handle.current("buy")
    handle.intents.append(.enter(.long, try intent(call)))
    return 0
  }

  static let sell = LuaFunction(
    "sell",
    LuaDoc(
      "Opens (or adds to, up to pyramiding) a short position; closes longs first.",
      parameters: [intentDoc], example: "ctx:sell{qty = 1}")
  ) { call in
    let handle = try call.argument(1, "self").userdata(ContextHandle.self)
    _ = try handle.current("sell")
    handle.intents.append(.enter(.short, try intent(call)))
    return 0
  }

  static let close = LuaFunction(
    "close",
    LuaDoc(
      "Closes this symbol's open trades (all, or those opened with `tag`) at the fill of the next market order.",
      parameters: [.init("tag", "string?")], example: "if ctx.position > 0 then ctx:close() end")
  ) { call in
    let handle = try call.argument(1, "self").userdata(ContextHandle.self)
    _ = try handle.current("close")
    let tag = call.argument(2, "tag")
    handle.intents.append(.close(tag: tag.isNil ? nil : try tag.string()))
    return 0
  }
}
