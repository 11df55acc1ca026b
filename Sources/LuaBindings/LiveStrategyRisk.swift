import Execution
import LuaRuntime
import Simulator

/// The strategy's Lua `risk(intent, account)` as the engine's review function.
extension LiveStrategy {
  /// The review the engine runs after its guards; nil when the strategy has no `risk`.
  ///
  /// `intent`: `side` ("buy"/"sell"), `qty` (only when the strategy asked for a quantity),
  /// `units` (what the entry would trade: the asked or sized quantity after the guards),
  /// `stop`, `target`, `tag`, `price` (the decision candle's close, as in a backtest) and
  /// `symbol`. `account`: `equity`, `cash`, `position`, `time` (the engine clock, ns) and
  /// `index` (the candle). See the type's documentation for the answers.
  public var review: RiskReview? {
    guard spec.hasRisk else { return nil }
    return { [unowned self] request in try self.reviewInLua(request) }
  }

  static let riskKeys = ["side", "qty", "units", "stop", "target", "tag", "price", "symbol"]

  func reviewInLua(_ request: RiskRequest) throws -> Verdict {
    let slots = try bound()
    let stack = state.stack
    let base = stack.top
    defer { stack.top = base }
    guard stack.reserve(12) else { throw LuaMessageError("stack overflow: no room to call risk") }
    let intent = request.intent
    let side = intent.action == .buy ? "buy" : "sell"
    let close = context.input?.candles.last?.close ?? request.price
    stack.pushValue(at: slots.risk)
    stack.newTable(recordCount: 8)
    func set(_ key: String, _ value: Double?) {
      guard let value else { return }
      stack.push(value)
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.push(side)
    stack.rawSet(tableAt: -2, key: "side")
    set("qty", intent.quantity)
    set("units", request.quantity)
    set("stop", intent.stop)
    set("target", intent.target)
    if let tag = intent.tag {
      stack.push(tag)
      stack.rawSet(tableAt: -2, key: "tag")
    }
    set("price", close)
    stack.push(request.symbol)
    stack.rawSet(tableAt: -2, key: "symbol")
    stack.newTable(recordCount: 5)
    set("equity", request.equity)
    set("cash", request.cash)
    set("position", request.position)
    stack.push(request.now)
    stack.rawSet(tableAt: -2, key: "time")
    stack.push((context.input?.bar ?? 0) + 1)
    stack.rawSet(tableAt: -2, key: "index")
    try state.call(arguments: 2, results: 2)
    let verdict = stack.top - 1
    switch stack.type(at: verdict) {
    case .nil, .boolean:
      if stack.boolean(at: verdict) { return .approve }
      return .reject("risk: " + (stack.string(at: -1) ?? "no reason given"))
    case .table:
      let fields = StrategyFields(stack: stack, index: verdict, path: "risk(...) result")
      try fields.check(known: Self.riskKeys)
      if let returned = try fields.string("side"), returned != side {
        throw StrategyError("risk may resize or reject an intent but not change its side (\(side) became \(returned))")
      }
      if try fields.number("stop") != intent.stop || fields.number("target") != intent.target {
        throw StrategyError(
          "risk in the dry-run and live engines may resize (qty) or reject an intent, not move its stop or target")
      }
      guard let quantity = try fields.number("qty"), quantity != intent.quantity else { return .approve }
      return .resize(quantity)
    default:
      throw StrategyError(
        field: "risk(intent, account)", expected: "to return the intent table (approved) or nil, reason (rejected)",
        got: StrategyFields.describe(stack, at: verdict))
    }
  }
}

/// What `ctx` reads and collects during one `on_bar` call of an engine run.
final class LiveContextHandle {
  var input: StrategyInput?
  var active = false
  var intents: [EventIntent] = []

  func current(_ name: String) throws(LuaMessageError) -> StrategyInput {
    guard active, let input else {
      throw LuaMessageError("ctx:\(name) called outside on_bar (the context is valid only during the call)")
    }
    return input
  }
}

/// `crescent.EngineContext`: the `ctx` of `on_bar(ctx, bar, p)` in the dry-run and live
/// engines; the same fields and methods as a backtest's `Context`.
enum LiveContextClass {
  static let spec = LuaClass<LiveContextHandle>(
    name: "EngineContext",
    summary: """
      The event form's per-candle context in the dry-run and live engines. Orders are intents
      the risk layer reviews; they fill at the next tick (fill="next_open") or at this close
      (fill="close").
      """,
    methods: [
      enter("buy", .long, "Opens (or adds to) a long position; closes shorts first.", "ctx:buy{stop = bar.close * 0.98}"),
      enter("sell", .short, "Opens (or adds to) a short position; closes longs first.", "ctx:sell{qty = 1}"),
      LuaFunction(
        "close",
        LuaDoc(
          "Closes this symbol's open trades (all, or those opened with `tag`).", parameters: [.init("tag", "string?")],
          example: "if ctx.position > 0 then ctx:close() end")
      ) { call in
        let handle = try call.argument(1, "self").userdata(LiveContextHandle.self)
        _ = try handle.current("close")
        let tag = call.argument(2, "tag")
        handle.intents.append(.close(tag: tag.isNil ? nil : try tag.string()))
        return 0
      },
    ],
    fields: [
      .init("position", "number", "Signed open quantity of this symbol (positive long, negative short, 0 flat)."),
      .init("equity", "number", "Account equity at this close (cash plus open trades at their last prices)."),
      .init("cash", "number", "Cash of the account."),
      .init("index", "integer", "1-based index of the candle since the start of the run."),
      .init("time", "integer", "Candle time, ns since the epoch (UTC)."), .init("symbol", "string"),
    ],
    indexer: { call in
      let handle = try call.argument(1, "self").userdata(LiveContextHandle.self)
      let key = call.stack.string(at: 2) ?? ""
      guard handle.active, let input = handle.input else {
        throw LuaMessageError("ctx.\(key) read outside on_bar (the context is valid only during the call)")
      }
      switch key {
      case "position": call.stack.push(input.position)
      case "equity": call.stack.push(input.equity)
      case "cash": call.stack.push(input.cash)
      case "index": call.stack.push(input.bar + 1)
      case "time": call.stack.push(input.candles.last?.time ?? input.time)
      case "symbol": call.stack.push(input.symbol)
      default: call.stack.pushNil()
      }
      return 1
    }
  )

  static func enter(_ name: String, _ side: Side, _ summary: String, _ example: String) -> LuaFunction {
    LuaFunction(name, LuaDoc(summary, parameters: [ContextClass.intentDoc], example: example)) { call in
      let handle = try call.argument(1, "self").userdata(LiveContextHandle.self)
      _ = try handle.current(name)
      handle.intents.append(.enter(side, try ContextClass.intent(call)))
      return 0
    }
  }
}
