import Analytics
import LuaRuntime
import MarketData
import Simulator

/// `bt.walkforward`: walk-forward analysis from Lua.
enum BTWalkForward {
  static let extraKeys = ["train", "test", "anchored"]

  static let walkforward = LuaFunction(
    "walkforward",
    LuaDoc(
      """
      Walk-forward analysis: sweeps `opts.grid` on each training window, picks the best
      combination by `opts.metric` (at least `opts.min_trades` trades), and backtests it on
      the following test window. `train`/`test` are bar counts (integers) or durations
      ("90d", "12w", "36h"); windows roll by one test length, or with `anchored = true`
      every training window starts at the first bar. A test window never overlaps its
      training window and is backtested on its own bars (indicators warm up inside it); it
      starts with the previous window's final equity, so `equity` is one compounding
      out-of-sample curve. `efficiency` = mean out-of-sample ÷ mean in-sample metric
      (return_pct compared as cagr_pct; NaN when the in-sample mean is not positive).
      Other options as in `bt.sweep`. Times are integer nanoseconds (first and last bar).
      """,
      parameters: [
        .init("strategy", "table|string", "a strategy table or a strategy file path"),
        .init("bars", "Bars|Bars[]"),
        .init(
          "opts",
          "{grid: table<string, any[]|string>, train: integer|string, test: integer|string, anchored?: boolean, metric?: string, min_trades?: integer, jobs?: integer, random?: integer, seed?: integer, params?: table, cash?: number}"
        ),
      ],
      returns: [
        .init(
          "table",
          "{windows: table[], equity: Series, time: integer[], efficiency: number, efficiency_metric: string, return_pct: number}"
        )
      ],
      example: """
        local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
        local wf = bt.walkforward("strategies/sma_cross.lua", bars,
          {grid = {fast = "5:20:5", slow = {30, 50}}, train = 1000, test = 500})
        for _, w in ipairs(wf.windows) do print(w.number, w.params.fast, w.in_sample, w.out_of_sample) end
        print(wf.efficiency, wf.equity:last())
        """)
  ) { call in
    let bars = try BTModule.readBars(call.argument(2, "bars"))
    let settings = try BTSweepOptions.read(call, extra: extraKeys)
    let opts = call.argument(3, "opts")
    let train = try call.field("train", of: opts) { try length($0, option: "train") }
    let test = try call.field("test", of: opts) { try length($0, option: "test") }
    let anchored = try call.field("anchored", of: opts) { try $0.boolean(default: false) }
    let (path, strategy, name) = try BTSweepOptions.strategy(call)
    try settings.validate(call, strategy: strategy)
    let sweep = SweepRequest(
      strategyPath: path ?? "", bars: bars, plan: settings.plan, options: settings.options, jobs: settings.jobs,
      stateOptions: call.state.options)
    let request = WalkForwardRequest(
      sweep: sweep, train: train, test: test, anchored: anchored, metric: settings.metric, minTrades: settings.minTrades)
    let report = try WalkForwardRunner.run(request, host: path == nil ? (call.state, strategy, name) : nil)
    push(report, names: settings.plan.grid.names, call: call)
    return 1
  }

  static func length(_ field: LuaValueReader, option: String) throws -> WindowLength {
    if field.type == .number { return try WindowLength.parse(String(try field.integer()), option: option) }
    guard field.type == .string else { throw field.error(expected: "a number of bars or a duration such as \"90d\"") }
    return try WindowLength.parse(try field.string(), option: option)
  }

  static func push(_ report: WalkForwardReport, names: [String], call: LuaCall) {
    let stack = call.stack
    stack.newTable(recordCount: 6)
    stack.newTable(arrayCount: report.steps.count)
    for (k, step) in report.steps.enumerated() {
      stack.newTable(recordCount: 8)
      let fields: [(String, Int64)] = [
        ("train_start", step.trainStart), ("train_end", step.trainEnd), ("test_start", step.testStart),
        ("test_end", step.testEnd),
      ]
      for (key, value) in fields {
        stack.push(value)
        stack.rawSet(tableAt: -2, key: key)
      }
      stack.push(step.window.number)
      stack.rawSet(tableAt: -2, key: "number")
      if let params = step.params {
        BTSweepOptions.pushParams(names, params, on: stack)
        stack.rawSet(tableAt: -2, key: "params")
      }
      stack.push(step.inSample)
      stack.rawSet(tableAt: -2, key: "in_sample")
      stack.push(step.outOfSample)
      stack.rawSet(tableAt: -2, key: "out_of_sample")
      stack.rawSet(tableAt: -2, index: k + 1)
    }
    stack.rawSet(tableAt: -2, key: "windows")
    call.state.push(userdata: Series(report.equity), on: stack)
    stack.rawSet(tableAt: -2, key: "equity")
    stack.newTable(arrayCount: report.time.count)
    for (i, t) in report.time.enumerated() {
      stack.push(t)
      stack.rawSet(tableAt: -2, index: i + 1)
    }
    stack.rawSet(tableAt: -2, key: "time")
    stack.push(report.efficiency)
    stack.rawSet(tableAt: -2, key: "efficiency")
    stack.push(report.efficiencyMetric)
    stack.rawSet(tableAt: -2, key: "efficiency_metric")
    stack.push(report.returnPercent)
    stack.rawSet(tableAt: -2, key: "return_pct")
  }
}
