import LuaRuntime
import MarketData

/// The `bt` module: backtests from Lua.
enum BTModule {
  static let module = LuaModule(
    name: "bt",
    summary: "Backtests: run a strategy table or file on bars and get a Result (stats, trades, equity, report).",
    functions: [
      run, BTScan.scan, BTSweep.sweep, BTWalkForward.walkforward, BTMonteCarlo.montecarlo, BTStability.stability,
    ]
  )

  static let runOptions = ["cash", "params", "from", "to"]

  static let run = LuaFunction(
    "run",
    LuaDoc(
      """
      Backtests a strategy (a table, or the path of a file returning one) on one Bars or a list
      of Bars (a portfolio sharing one account). Signals are read at each bar's close; market
      orders fill at the next bar's open (fill="next_open", default) or at that close
      (fill="close"). `opts.params` overrides the strategy's params; `from`/`to` (ISO-8601 or
      ns) select bars with from <= time < to; `cash` sets the starting cash (default 10000).
      """,
      parameters: [
        .init("strategy", "table|string", "a strategy table or a strategy file path"),
        .init("bars", "Bars|Bars[]"),
        .init("opts", "{cash?: number, params?: table, from?: string|integer, to?: string|integer}?"),
      ],
      returns: [.init("Result")],
      example: """
        local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
        local r = bt.run("strategies/sma_cross.lua", bars, {params = {fast = 20, slow = 50}})
        print(r.stats.sharpe, #r.trades)
        print(r:summary())
        """)
  ) { call in
    let stack = call.stack
    let bars = try readBars(call.argument(2, "bars"))
    var options = RunOptions()
    var overrides: [(name: String, value: ParamValue)] = []
    let opts = call.argument(3, "opts")
    if !opts.isNil {
      _ = try opts.table()
      try call.checkKeys(of: opts, known: runOptions)
      options.cash = try call.field("cash", of: opts) { $0.isNil ? nil : try $0.number() }
      options.from = try call.field("from", of: opts) { try time($0) }
      options.to = try call.field("to", of: opts) { try time($0) }
      overrides = try call.field("params", of: opts) { try ParamValue.readOverrides($0, argument: "#3 'opts'") }
    }
    // Load a strategy file last: it pushes the table above the arguments.
    let strategyArgument = call.argument(1, "strategy")
    var name = "strategy"
    var path: String?
    let strategy: Int32
    if strategyArgument.type == .string {
      try call.requireFileAccess()
      let file = try strategyArgument.string()
      path = file
      try StrategyFile.load(file, in: call.state)
      strategy = stack.top
      name = StrategyFile.baseName(file)
    } else if strategyArgument.type == .table {
      strategy = 1
    } else {
      throw strategyArgument.error(expected: "strategy table or file path")
    }
    let result: BacktestRun
    do {
      result = try StrategyRunner.run(
        state: call.state, strategy: strategy, name: name, bars: bars, options: options, overrides: overrides)
    } catch let error as StrategyError {
      // Name the file whose table is wrong.
      guard let path else { throw error }
      throw StrategyError("\(path): \(error)")
    }
    call.state.push(userdata: result, on: stack)
    return 1
  }

  /// One Bars or a non-empty list of Bars.
  static func readBars(_ argument: LuaValueReader) throws -> [Bars] {
    if let bars = argument.userdataIfPresent(Bars.self) { return [bars] }
    guard argument.type == .table else { throw argument.error(expected: "Bars or a list of Bars") }
    let stack = argument.stack
    let count = stack.rawLength(at: argument.index)
    guard count > 0 else { throw argument.error(expected: "Bars or a non-empty list of Bars") }
    var list: [Bars] = []
    for i in 1...count {
      stack.rawGet(tableAt: argument.index, index: i)
      defer { stack.pop() }
      guard let bars = stack.userdata(Bars.self, at: stack.top) else {
        throw LuaArgumentError(
          position: "element [\(i)] of \(argument.position)", expected: "Bars", got: stack.typeName(at: -1))
      }
      list.append(bars)
    }
    return list
  }

  /// An ISO-8601 time or integer nanoseconds; nil when absent.
  static func time(_ field: LuaValueReader) throws -> Int64? {
    if field.isNil { return nil }
    if field.type == .number { return Int64(try field.integer()) }
    guard let value = UTCTime.parse(try field.string()) else { throw field.error(expected: "ISO-8601 time or ns") }
    return value
  }
}
