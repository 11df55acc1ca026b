import Analytics
import LuaRuntime
import MarketData
import Simulator

/// `bt.sweep`: a parameter sweep from Lua.
enum BTSweep {
  static let sweep = LuaFunction(
    "sweep",
    LuaDoc(
      """
      Backtests every combination of `opts.grid` (or `opts.random` distinct ones drawn with
      `opts.seed`) and ranks them by `opts.metric` (any numeric stats key, higher is
      better, ties to the earlier combination) among those with at least `opts.min_trades`
      trades. `grid` maps each parameter to a list of values or a range text "a:b:step"
      (inclusive); parameters are enumerated in name order, like nested loops with the last
      name fastest. A strategy file path runs on `opts.jobs` threads (default: all cores),
      each with its own Lua state; a strategy table runs in this state, one combination after
      another. Each row equals `bt.run` with the same params. Returns `rows` in enumeration
      order (each `{params =, stats =}`), `ranked` (the eligible rows, best first) and `best`
      (nil when none qualifies).
      """,
      parameters: [
        .init("strategy", "table|string", "a strategy table or a strategy file path"),
        .init("bars", "Bars|Bars[]"),
        .init(
          "opts",
          "{grid: table<string, any[]|string>, metric?: string, min_trades?: integer, jobs?: integer, random?: integer, seed?: integer, params?: table, cash?: number}"
        ),
      ],
      returns: [.init("table", "{rows: table[], ranked: table[], best: table?, metric: string}")],
      example: """
        local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
        local s = bt.sweep("strategies/sma_cross.lua", bars, {grid = {fast = {5, 10, 15}, slow = "20:60:10"}})
        print(#s.rows, s.best.params.fast, s.best.params.slow, s.best.stats.sharpe)
        """)
  ) { call in
    let bars = try BTModule.readBars(call.argument(2, "bars"))
    let settings = try BTSweepOptions.read(call)
    let (path, strategy, name) = try BTSweepOptions.strategy(call)
    try settings.validate(call, strategy: strategy)
    var request = SweepRequest(
      strategyPath: path ?? "", bars: bars, plan: settings.plan, options: settings.options, jobs: settings.jobs,
      stateOptions: call.state.options)
    request.memo = .shared
    let rows =
      path == nil
      ? try SweepRunner.run(request, in: call.state, strategy: strategy, name: name)
      : try SweepRunner.run(request)
    let table = SweepTable(paramNames: settings.plan.grid.names, rows: rows)
    push(table, metric: settings.metric, minTrades: settings.minTrades, on: call.stack)
    return 1
  }

  /// `{rows =, ranked =, best =, metric =}`; `ranked` and `best` hold the same row tables.
  static func push(_ table: SweepTable, metric: String, minTrades: Int, on stack: LuaStack) {
    stack.newTable(recordCount: 4)
    let result = stack.top
    stack.newTable(arrayCount: table.rows.count)
    let rows = stack.top
    for (i, row) in table.rows.enumerated() {
      stack.newTable(recordCount: 2)
      BTSweepOptions.pushParams(table.paramNames, row.params, on: stack)
      stack.rawSet(tableAt: -2, key: "params")
      pushStats(row.stats, on: stack)
      stack.rawSet(tableAt: -2, key: "stats")
      stack.rawSet(tableAt: rows, index: i + 1)
    }
    let ranked = table.ranked(by: metric, minTrades: minTrades)
    let slot = Dictionary(table.rows.enumerated().map { ($1.position, $0 + 1) }, uniquingKeysWith: { a, _ in a })
    stack.newTable(arrayCount: ranked.count)
    for (k, row) in ranked.enumerated() {
      _ = stack.rawGet(tableAt: rows, index: slot[row.position] ?? 0)
      stack.rawSet(tableAt: -2, index: k + 1)
    }
    stack.rawSet(tableAt: result, key: "ranked")
    if let best = ranked.first {
      _ = stack.rawGet(tableAt: rows, index: slot[best.position] ?? 0)
      stack.rawSet(tableAt: result, key: "best")
    }
    stack.rawSet(tableAt: result, key: "rows")
    stack.push(metric)
    stack.rawSet(tableAt: result, key: "metric")
  }

  static func pushStats(_ stats: [(key: String, value: PerformanceStats.Value)], on stack: LuaStack) {
    stack.newTable(recordCount: stats.count)
    for (key, value) in stats {
      switch value {
      case let .text(text): stack.push(text)
      case let .integer(n): stack.push(n)
      case let .number(x): stack.push(x)
      }
      stack.rawSet(tableAt: -2, key: key)
    }
  }
}
