import LuaRuntime
import MarketData
import Simulator

/// Drives an event-form strategy: calls `on_bar(ctx, bar, p)` at every bar close (`p` is
/// the params table) and passes
/// the collected intents (reviewed by `risk` when the strategy has one) to the simulator.
///
/// One `ctx` userdata and one `bar` table serve the whole run; the bar table's fields are
/// overwritten in place each bar (`open high low close volume time index symbol`), so a
/// strategy must copy values it wants to keep, not the table. The Lua values live at fixed
/// stack slots of the caller's frame for the duration of the run.
final class StrategyEventHandler {
  let state: LuaState
  let bars: [Bars]
  let onBar: Int32
  let context: Int32
  let barTable: Int32
  let params: Int32
  /// Stack slot of the `risk` function, or nil.
  let risk: Int32?
  let handle: ContextHandle
  private(set) var rejections: [Rejection] = []
  private var lastSymbol = -1

  /// Pushes `on_bar`, the ctx userdata, the bar table and `risk` of the strategy table at
  /// `strategy`; the caller restores the stack top after the run.
  init(state: LuaState, strategy: Int32, params: Int32, bars: [Bars], hasRisk: Bool) {
    self.state = state
    self.bars = bars
    self.params = params
    let stack = state.stack
    stack.rawGet(tableAt: strategy, key: "on_bar")
    onBar = stack.top
    handle = ContextHandle()
    state.push(userdata: handle, on: stack)
    context = stack.top
    stack.newTable(recordCount: 8)
    barTable = stack.top
    if hasRisk {
      stack.rawGet(tableAt: strategy, key: "risk")
      risk = stack.top
    } else {
      risk = nil
    }
  }

  /// The `BarHandler` the simulator calls.
  func handle(_ ctx: StrategyContext) throws {
    let stack = state.stack
    let i = ctx.bar
    let symbolBars = bars[ctx.symbolIndex]
    let t = barTable
    stack.push(symbolBars.open[i])
    stack.rawSet(tableAt: t, key: "open")
    stack.push(symbolBars.high[i])
    stack.rawSet(tableAt: t, key: "high")
    stack.push(symbolBars.low[i])
    stack.rawSet(tableAt: t, key: "low")
    stack.push(symbolBars.close[i])
    stack.rawSet(tableAt: t, key: "close")
    stack.push(symbolBars.volume[i])
    stack.rawSet(tableAt: t, key: "volume")
    stack.push(symbolBars.time[i])
    stack.rawSet(tableAt: t, key: "time")
    stack.push(i + 1)
    stack.rawSet(tableAt: t, key: "index")
    if ctx.symbolIndex != lastSymbol {
      lastSymbol = ctx.symbolIndex
      stack.push(ctx.symbol)
      stack.rawSet(tableAt: t, key: "symbol")
    }
    handle.context = ctx
    defer {
      handle.context = nil
      handle.intents.removeAll(keepingCapacity: true)
    }
    stack.pushValue(at: onBar)
    stack.pushValue(at: context)
    stack.pushValue(at: t)
    stack.pushValue(at: params)
    try state.call(arguments: 3, results: 0)
    for intent in handle.intents {
      switch intent {
      case let .close(tag): ctx.close(tag: tag)
      case let .enter(side, order):
        guard let approved = try review(side, order, ctx) else { continue }
        if side == .long { ctx.buy(approved) } else { ctx.sell(approved) }
      }
    }
  }

  /// Calls `risk(intent, account)`: true approves as is, a table approves (possibly resized or with other
  /// levels), nil or false rejects with the second result as the reason. Anything else, or
  /// an error in `risk`, fails the run (fail closed).
  private func review(_ side: Side, _ order: OrderIntent, _ ctx: StrategyContext) throws -> OrderIntent? {
    guard let risk else { return order }
    let stack = state.stack
    let base = stack.top
    defer { stack.top = base }
    let price = bars[ctx.symbolIndex].close[ctx.bar]
    stack.pushValue(at: risk)
    stack.newTable(recordCount: 6)
    stack.push(side == .long ? "buy" : "sell")
    stack.rawSet(tableAt: -2, key: "side")
    if let quantity = order.quantity { stack.push(quantity); stack.rawSet(tableAt: -2, key: "qty") }
    if let stop = order.stop { stack.push(stop); stack.rawSet(tableAt: -2, key: "stop") }
    if let target = order.target { stack.push(target); stack.rawSet(tableAt: -2, key: "target") }
    if let tag = order.tag { stack.push(tag); stack.rawSet(tableAt: -2, key: "tag") }
    stack.push(price)
    stack.rawSet(tableAt: -2, key: "price")
    stack.push(ctx.symbol)
    stack.rawSet(tableAt: -2, key: "symbol")
    stack.newTable(recordCount: 5)
    for (key, value) in [("equity", ctx.equity), ("cash", ctx.cash), ("position", ctx.position)] {
      stack.push(value)
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.push(ctx.time)
    stack.rawSet(tableAt: -2, key: "time")
    stack.push(ctx.bar + 1)
    stack.rawSet(tableAt: -2, key: "index")
    try state.call(arguments: 2, results: 2)
    let verdict = stack.top - 1
    switch stack.type(at: verdict) {
    case .nil, .boolean:
      if stack.boolean(at: verdict) { return order }
      let reason = stack.string(at: -1) ?? "no reason given"
      rejections.append(
        Rejection(
          symbol: ctx.symbol, side: side, tag: order.tag ?? "", bar: ctx.bar, time: ctx.time,
          quantity: order.quantity ?? .nan, price: price, reason: "risk: " + reason))
      return nil
    case .table:
      let fields = StrategyFields(stack: stack, index: verdict, path: "risk(...) result")
      try fields.check(known: ["side", "qty", "stop", "target", "tag", "price", "symbol"])
      if let returned = try fields.string("side"), returned != (side == .long ? "buy" : "sell") {
        throw StrategyError("risk may resize or reject an intent but not change its side (\(side == .long ? "buy" : "sell") became \(returned))")
      }
      return OrderIntent(
        quantity: try fields.number("qty"), stop: try fields.number("stop"), target: try fields.number("target"),
        tag: try fields.string("tag"))
    default:
      throw StrategyError(
        field: "risk(intent, account)", expected: "to return the intent table (approved) or nil, reason (rejected)",
        got: StrategyFields.describe(stack, at: verdict))
    }
  }
}
