import Execution
import Foundation
import LuaRuntime

/// The `engine` module: dry-run and live sessions from Lua scripts.
enum EngineModule {
  static let module = LuaModule(
    name: "engine",
    summary: "Dry-run and live engines: a strategy on a feed, through the risk layer, to a broker, with state in a directory.",
    functions: [dryrun, live]
  )

  static let commonKeys = ["strategy", "feed", "state", "params", "cash", "window", "kill_switch"]
  static let liveKeys = commonKeys + ["broker", "live", "keys"]

  static let optionsDoc = LuaDoc.Parameter(
    "opts",
    "{strategy: table|string, feed: string, state: string, params?: table, cash?: number, window?: integer, kill_switch?: string}",
    "strategy table or file; feed \"replay:FILE[@SPEED]\" or \"binance:SYMBOL[,SYMBOL]@INTERVAL\"; state directory; params overrides; starting cash; candles the strategy sees (default 1000); kill-switch file (default STATE/KILL)")

  static let dryrun = LuaFunction(
    "dryrun",
    LuaDoc(
      """
      Opens a paper-trading session (the paper broker, the backtest's fill model) with its state
      in `opts.state`, resuming the run saved there. Nothing runs until `h:run()` or `h:step(n)`.
      Replaying a bar file gives the backtest's trades.
      """,
      parameters: [optionsDoc], returns: [.init("Engine")],
      example: """
        local h = engine.dryrun{strategy = "strategies/sma_cross.lua", feed = "replay:examples/data/synthetic_BTCUSD_1h.csv", state = "runs/paper"}
        h:run()
        print(h:status().equity, #h:trades())
        """)
  ) { call in
    try open(call, keys: commonKeys, isLive: false)
  }

  static let live = LuaFunction(
    "live",
    LuaDoc(
      """
      Opens a session through a broker from the registry (`broker`: "paper" by default,
      "binance", "ib" or "trading212"). Real orders only with `live = true`; otherwise binance
      uses its testnet, trading212 its demo account and ib IB Gateway's paper port. binance and
      trading212 need API keys (CRESCENT_BINANCE_KEY/_SECRET, CRESCENT_TRADING212_KEY/_SECRET)
      in the environment or `keys` = a file readable by its owner only (mode 0600); ib needs
      none. A broker not in this build is an error, never a simulation.
      """,
      parameters: [
        .init(
          "opts",
          "{strategy: table|string, feed: string, state: string, broker?: string, live?: boolean, keys?: string, params?: table, cash?: number, window?: integer, kill_switch?: string}",
          "as engine.dryrun, plus broker name, live (real money) and a key file")
      ], returns: [.init("Engine")],
      example: """
        local h = engine.live{strategy = "strategies/sma_cross.lua", broker = "paper", feed = "replay:examples/data/synthetic_BTCUSD_1h.csv", state = "runs/live-paper"}
        h:step(100)
        """)
  ) { call in
    try open(call, keys: liveKeys, isLive: true)
  }

  /// Reads the options, loads the strategy, opens the session and pushes its handle.
  static func open(_ call: LuaCall, keys: [String], isLive: Bool) throws -> Int32 {
    try call.requireFileAccess()
    let stack = call.stack
    let opts = try call.argument(1, "opts").table()
    try call.checkKeys(of: opts, known: keys)
    let feedText = try call.field("feed", of: opts) { try $0.string() }
    let directory = try call.field("state", of: opts) { try $0.string() }
    let feed = try FeedSpec(parsing: feedText)
    var options = EngineSessionOptions(feed: feed, directory: directory)
    options.cash = try call.field("cash", of: opts) { $0.isNil ? nil : try $0.number() }
    options.window = try call.field("window", of: opts) { $0.isNil ? nil : try $0.integer() }
    options.killSwitch = try call.field("kill_switch", of: opts) { $0.isNil ? nil : try $0.string() }
    options.overrides = try call.field("params", of: opts) { try ParamValue.readOverrides($0, argument: "#1 'opts'") }
    if isLive {
      let broker = try call.field("broker", of: opts) { try $0.string(default: "paper") }
      let real = try call.field("live", of: opts) { try $0.boolean(default: false) }
      let keyFile = try call.field("keys", of: opts) { $0.isNil ? nil : try $0.string() }
      _ = try BrokerRegistry.factory(named: broker)
      let variables = BrokerRegistry.keyVariables(of: broker)
      if let variables {
        options.credentials = try BrokerKeys.load(
          file: keyFile, environment: ProcessInfo.processInfo.environment, required: real, variables: variables)
      }
      if real && broker == "paper" {
        throw LuaMessageError(
          "live = true trades real money and the paper broker has no exchange; use broker = \"binance\", \"ib\" or \"trading212\"")
      }
      if let variables, options.credentials == nil {
        throw LuaMessageError(
          "broker \"\(broker)\" needs API keys (its demo or test network's keys unless live = true): set \(variables.key) and \(variables.secret), or pass keys = FILE (mode 0600)"
        )
      }
      options.broker = broker
      options.mode = real ? .production : broker == "paper" ? .paper : .testnet
    }
    // On an error Lua discards what this call pushed.
    let base = stack.top
    var name = "strategy"
    let strategy = call.argument(1, "opts")
    stack.rawGet(tableAt: strategy.index, key: "strategy")
    switch stack.type(at: -1) {
    case .string:
      let path = stack.string(at: -1) ?? ""
      stack.pop()
      try StrategyFile.load(path, in: call.state)
      name = StrategyFile.baseName(path)
    case .table: break
    default:
      throw LuaArgumentError(
        position: "field 'strategy' of argument #1 'opts'", expected: "strategy table or file path",
        got: stack.typeName(at: -1))
    }
    let table = stack.top
    let session = try EngineSession(
      state: call.state, strategyAt: table, name: name, options: options, notify: { _ in })
    session.strategy.unbind()
    let handle = EngineHandle(session: session, anchor: try StrategyAnchors.store(valueAt: table, stack))
    stack.top = base
    call.state.push(userdata: handle, on: stack)
    return 1
  }
}

/// Keeps the strategy tables of open engine handles alive between calls, in a table at
/// `crescent.engine._strategies` keyed by integers (the handle's anchor). Functions that
/// push leave helper values below what they push: callers restore the stack top.
enum StrategyAnchors {
  /// Pushes `crescent`, `crescent.engine` and the anchor table (created on first use);
  /// returns the anchor table's slot.
  static func pushTable(_ stack: LuaStack) throws -> Int32 {
    guard stack.state.getGlobal("crescent") == .table else {
      throw LuaMessageError("the global 'crescent' table is gone; engine handles keep their strategies there")
    }
    guard stack.rawGet(tableAt: -1, key: "engine") == .table else {
      throw LuaMessageError("crescent.engine is gone; engine handles keep their strategies there")
    }
    if stack.rawGet(tableAt: -1, key: "_strategies") != .table {
      stack.pop()
      stack.newTable()
      stack.pushValue(at: -1)
      stack.rawSet(tableAt: -3, key: "_strategies")
    }
    return stack.top
  }

  /// Stores the value at `index` under a free integer key; returns the key.
  static func store(valueAt index: Int32, _ stack: LuaStack) throws -> Int {
    let value = stack.absoluteIndex(index)
    let base = stack.top
    defer { stack.top = base }
    let anchors = try pushTable(stack)
    // A border of the table: the next key is free.
    let key = stack.rawLength(at: anchors) + 1
    stack.pushValue(at: value)
    stack.rawSet(tableAt: anchors, index: key)
    return key
  }

  /// Pushes the table stored under `key` and returns its slot.
  static func push(_ key: Int, _ stack: LuaStack) throws -> Int32 {
    let anchors = try pushTable(stack)
    guard stack.rawGet(tableAt: anchors, index: key) == .table else {
      throw LuaMessageError("the engine handle was stopped; open a new one with engine.dryrun{...}")
    }
    return stack.top
  }

  static func release(_ key: Int, _ stack: LuaStack) {
    let base = stack.top
    defer { stack.top = base }
    guard let anchors = try? pushTable(stack) else { return }
    stack.pushNil()
    stack.rawSet(tableAt: anchors, index: key)
  }
}
