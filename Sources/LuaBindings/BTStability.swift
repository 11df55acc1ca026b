import Analytics
import LuaRuntime
import MarketData

/// `bt.stability`: one parameter set over sub-periods, and the spread of each statistic.
enum BTStability {
  static let options = ["periods", "by", "params", "cash"]

  static let stability = LuaFunction(
    "stability",
    LuaDoc(
      """
      Backtests the strategy once per sub-period — `periods` consecutive slices of equal bar
      counts (default 5), or `by = "year"` for UTC calendar years — each run starting afresh
      with the same cash and parameters (`params` overrides the strategy's), and returns each
      period's stats (stats.json's keys) and the dispersion of every numeric one over the
      periods: count, mean, std (sample), min, max and cv = std / |mean| (only when all values
      share one sign; NaN values are left out).
      """,
      parameters: [
        .init("strategy", "table|string", "a strategy table or a strategy file path"),
        .init("bars", "Bars|Bars[]"),
        .init("opts", "{periods?: integer, by?: \"year\", params?: table, cash?: number}?"),
      ],
      returns: [
        .init(
          "table",
          "{periods = {{label=, from=, to=, bars_in_period=, stats=}...}, dispersion = {key = {count=, mean=, std=, min=, max=, cv=}}, keys = string[]}"
        )
      ],
      example: """
        local bars = data.load("examples/data/synthetic_BTCUSD_1h.csv")
        local s = bt.stability("strategies/sma_cross.lua", bars, {periods = 4})
        for _, p in ipairs(s.periods) do print(p.label, p.stats.sharpe) end
        print(s.dispersion.sharpe.mean, s.dispersion.sharpe.std)
        """)
  ) { call in
    let stack = call.stack
    let bars = try BTModule.readBars(call.argument(2, "bars"))
    var split = StabilitySplit.periods(5)
    var options = RunOptions()
    var overrides: [(name: String, value: ParamValue)] = []
    let opts = call.argument(3, "opts")
    if !opts.isNil {
      _ = try opts.table()
      try call.checkKeys(of: opts, known: Self.options)
      let periods = try call.field("periods", of: opts) { $0.isNil ? nil : try $0.integer() }
      let by = try call.field("by", of: opts) { field -> String? in
        if field.isNil { return nil }
        let text = try field.string()
        guard text == "year" else { throw field.error(expected: "\"year\"") }
        return text
      }
      if periods != nil && by != nil { throw LuaMessageError("give 'periods' or 'by' in argument #3 'opts', not both") }
      if let periods { split = .periods(periods) }
      if by != nil { split = .years }
      options.cash = try call.field("cash", of: opts) { $0.isNil ? nil : try $0.number() }
      overrides = try call.field("params", of: opts) { try ParamValue.readOverrides($0, argument: "#3 'opts'") }
    }
    let (strategy, name) = try loadStrategy(call)
    let periods = try Stability.periods(times: Stability.mergedTimes(bars.map(\.time)), split: split)
    var stats: [PerformanceStats] = []
    for period in periods {
      options.from = period.from
      options.to = period.to
      let run = try StrategyRunner.run(
        state: call.state, strategy: strategy, name: name, bars: bars, options: options, overrides: overrides)
      stats.append(run.stats)
    }
    push(StabilityReport(periods: periods, stats: stats), on: stack)
    return 1
  }

  /// The strategy argument's stack slot and name: a table at argument 1, or a file loaded
  /// onto the top of the stack.
  static func loadStrategy(_ call: LuaCall) throws -> (slot: Int32, name: String) {
    let argument = call.argument(1, "strategy")
    if argument.type == .table { return (1, "strategy") }
    guard argument.type == .string else { throw argument.error(expected: "strategy table or file path") }
    try call.requireFileAccess()
    let file = try argument.string()
    try StrategyFile.load(file, in: call.state)
    return (call.stack.top, StrategyFile.baseName(file))
  }

  static func push(_ report: StabilityReport, on stack: LuaStack) {
    stack.newTable(recordCount: 3)
    stack.newTable(arrayCount: report.periods.count)
    for (i, (period, stats)) in zip(report.periods, report.stats).enumerated() {
      stack.newTable(recordCount: 5)
      stack.push(period.label)
      stack.rawSet(tableAt: -2, key: "label")
      stack.push(UTCTime.iso(period.from))
      stack.rawSet(tableAt: -2, key: "from")
      if let to = period.to {
        stack.push(UTCTime.iso(to))
        stack.rawSet(tableAt: -2, key: "to")
      }
      stack.push(period.bars)
      stack.rawSet(tableAt: -2, key: "bars_in_period")
      ResultClass.pushStats(stats, on: stack)
      stack.rawSet(tableAt: -2, key: "stats")
      stack.rawSet(tableAt: -2, index: i + 1)
    }
    stack.rawSet(tableAt: -2, key: "periods")
    let spread = report.dispersion
    stack.newTable(recordCount: spread.count)
    for (key, d) in spread {
      stack.newTable(recordCount: 6)
      stack.push(d.count)
      stack.rawSet(tableAt: -2, key: "count")
      for (name, value) in [("mean", d.mean), ("std", d.std), ("min", d.min), ("max", d.max), ("cv", d.cv)] {
        stack.push(value)
        stack.rawSet(tableAt: -2, key: name)
      }
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.rawSet(tableAt: -2, key: "dispersion")
    stack.push(array: StabilityReport.numericKeys)
    stack.rawSet(tableAt: -2, key: "keys")
  }
}
