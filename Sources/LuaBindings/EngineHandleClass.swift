import Execution
import LuaRuntime

/// An open engine session and the anchor of its strategy table. The strategy stays
/// anchored until the run finishes or `h:stop()`; a handle dropped before either keeps its
/// strategy table alive for the life of the Lua state.
final class EngineHandle {
  let session: EngineSession
  /// Key of the strategy table in `StrategyAnchors`; nil once released.
  var anchor: Int?

  init(session: EngineSession, anchor: Int) {
    self.session = session
    self.anchor = anchor
  }

  /// Runs `body` with the strategy bound to the current frame; on a finished run writes the
  /// reports and releases the strategy.
  @discardableResult
  func withStrategy<T>(_ call: LuaCall, _ body: () throws -> T) throws -> T {
    guard let anchor else {
      throw LuaMessageError("the engine was stopped; open a new one with engine.dryrun{...} (it resumes the state)")
    }
    let stack = call.stack
    let base = stack.top
    defer { stack.top = base }
    let slot = try StrategyAnchors.push(anchor, stack)
    try session.strategy.bind(strategyAt: slot)
    defer { session.strategy.unbind() }
    let value = try body()
    if session.finished {
      try session.writeReports()
      StrategyAnchors.release(anchor, stack)
      self.anchor = nil
    }
    return value
  }
}

/// `crescent.Engine`: the handle `engine.dryrun{}` and `engine.live{}` return.
enum EngineHandleClass {
  static let spec = LuaClass<EngineHandle>(
    name: "Engine",
    summary: """
      A dry-run or live session: h:run() to the end of the feed, h:step(n) for n feed events,
      h:status() and h:trades() to look, h:stop() to end it. Every event is committed to the state
      directory before the next; reports are written when the run finishes or stops.
      """,
    methods: [run, step, status, trades, stop],
    metamethods: [
      LuaFunction("__tostring", LuaDoc("A one-line description.", returns: [.init("string")])) { call in
        let handle = try call.argument(1, "self").userdata(EngineHandle.self)
        let s = handle.session
        call.stack.push(
          "Engine(\(s.strategy.spec.name), \(s.options.feed.description), state \(s.options.directory), \(s.finished ? "finished" : "\(s.remaining) events left"))"
        )
        return 1
      }
    ]
  )

  static let run = LuaFunction(
    "run",
    LuaDoc(
      "Feeds the rest of the feed through the engine, finishes the run and writes trades.csv, stats.json and equity.csv into the state directory; returns h:status().",
      returns: [.init("table")], example: "local status = h:run()")
  ) { call in
    let handle = try call.argument(1, "self").userdata(EngineHandle.self)
    if !handle.session.finished { try handle.withStrategy(call) { try handle.session.step(nil) } }
    pushStatus(try handle.session.status(), on: call.stack)
    return 1
  }

  static let step = LuaFunction(
    "step",
    LuaDoc(
      "Feeds up to n events (ticks and candle closes; a replayed bar is five); returns how many ran and whether the run finished.",
      parameters: [.init("n", "integer", "events, at least 1")], returns: [.init("integer"), .init("boolean")],
      example: "local ran, finished = h:step(500)")
  ) { call in
    let handle = try call.argument(1, "self").userdata(EngineHandle.self)
    let n = try call.argument(2, "n").integer()
    guard n >= 1 else { throw call.argument(2, "n").error(expected: "integer >= 1") }
    var ran = 0
    if !handle.session.finished { ran = try handle.withStrategy(call) { try handle.session.step(n) } }
    call.stack.push(ran)
    call.stack.push(handle.session.finished)
    return 2
  }

  static let status = LuaFunction(
    "status",
    LuaDoc(
      """
      The committed state, as `crescent status --json`: finished, events, cash, equity,
      realized_pnl, unrealized_pnl, commissions, trades, orders, fills, positions (list),
      open_orders (list), decisions (the last 10: time, symbol, index, action, verdict, reason, …).
      """,
      returns: [.init("table")], example: "print(h:status().equity)")
  ) { call in
    let handle = try call.argument(1, "self").userdata(EngineHandle.self)
    pushStatus(try handle.session.status(), on: call.stack)
    return 1
  }

  static let trades = LuaFunction(
    "trades",
    LuaDoc(
      "Closed trades (and parts) so far, as Result.trades: symbol, side, tag, entry_time, entry_price, exit_time, exit_price, qty, pnl, return_pct, exit_reason, bars_held, mae_pct, mfe_pct.",
      returns: [.init("table[]")], example: "for _, t in ipairs(h:trades()) do print(t.exit_reason, t.pnl) end")
  ) { call in
    let handle = try call.argument(1, "self").userdata(EngineHandle.self)
    ResultClass.pushTrades(handle.session.engine.trades, on: call.stack)
    return 1
  }

  static let stop = LuaFunction(
    "stop",
    LuaDoc(
      "Stops the session: writes the reports of the run so far and releases the strategy (a new engine.dryrun{} on the same state resumes). Returns h:status().",
      returns: [.init("table")], example: "h:stop()")
  ) { call in
    let handle = try call.argument(1, "self").userdata(EngineHandle.self)
    if let anchor = handle.anchor {
      try handle.session.writeReports()
      StrategyAnchors.release(anchor, call.stack)
      handle.anchor = nil
    }
    pushStatus(try handle.session.status(), on: call.stack)
    return 1
  }

  /// Pushes a `RunStatus` as a table with `crescent status --json`'s keys.
  static func pushStatus(_ s: RunStatus, on stack: LuaStack) {
    func set(_ key: String, _ value: Double?) {
      guard let value else { return }
      stack.push(value)
      stack.rawSet(tableAt: -2, key: key)
    }
    func set(_ key: String, _ value: String?) {
      guard let value else { return }
      stack.push(value)
      stack.rawSet(tableAt: -2, key: key)
    }
    func set(_ key: String, integer value: Int) {
      stack.push(value)
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.newTable(recordCount: 16)
    stack.push(s.finished)
    stack.rawSet(tableAt: -2, key: "finished")
    set("directory", s.directory)
    set("last_tick", s.lastTick)
    set("cash", s.cash)
    set("equity", s.equity)
    set("realized_pnl", s.realizedPnl)
    set("unrealized_pnl", s.unrealizedPnl)
    set("commissions", s.commissions)
    set("events", integer: s.events)
    set("trades", integer: s.trades)
    set("orders", integer: s.orders)
    set("fills", integer: s.fills)
    set("rejections", integer: s.rejections)
    stack.newTable(arrayCount: s.positions.count)
    for (i, p) in s.positions.enumerated() {
      stack.newTable(recordCount: 11)
      for (key, text) in [("symbol", p.symbol), ("side", p.side), ("tag", p.tag), ("entry_time", p.entryTime), ("entry_order", p.entryOrder)] {
        set(key, text)
      }
      for (key, value) in [("qty", p.quantity), ("entry_price", p.entryPrice), ("stop", p.stop), ("target", p.target), ("last_price", p.lastPrice), ("unrealized_pnl", p.unrealizedPnl)] {
        set(key, value)
      }
      stack.rawSet(tableAt: -2, index: i + 1)
    }
    stack.rawSet(tableAt: -2, key: "positions")
    stack.newTable(arrayCount: s.openOrders.count)
    for (i, o) in s.openOrders.enumerated() {
      stack.newTable(recordCount: 8)
      for (key, text) in [("client_id", o.clientId), ("symbol", o.symbol), ("side", o.side), ("kind", o.kind), ("time", o.time), ("purpose", o.purpose)] {
        set(key, text)
      }
      set("qty", o.quantity)
      set("price", o.price)
      stack.rawSet(tableAt: -2, index: i + 1)
    }
    stack.rawSet(tableAt: -2, key: "open_orders")
    stack.newTable(arrayCount: s.decisions.count)
    for (i, d) in s.decisions.enumerated() {
      stack.newTable(recordCount: 9)
      for (key, text) in [("time", d.time), ("symbol", d.symbol), ("action", d.action), ("tag", d.tag), ("verdict", d.verdict), ("reason", d.reason), ("client_id", d.clientId)] {
        set(key, text)
      }
      set("index", integer: d.index)
      set("qty", d.quantity)
      stack.rawSet(tableAt: -2, index: i + 1)
    }
    stack.rawSet(tableAt: -2, key: "decisions")
  }
}
