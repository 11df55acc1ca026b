import Analytics
import LuaRuntime

/// `bt.montecarlo`: Monte Carlo over a backtest's trades.
enum BTMonteCarlo {
  static let options = ["runs", "seed", "method", "percentiles", "compound", "ruin", "stop_first", "paths"]

  static let montecarlo = LuaFunction(
    "montecarlo",
    LuaDoc(
      """
      Reruns a backtest's closed trades `runs` times: "shuffle" (the same trades in a random
      order), "bootstrap" (as many trades drawn with replacement) or "intrabar" (the original
      order, each ambiguous bar of the ambiguity ledger resolved stop-first with probability
      `stop_first`, default 0.5, else target-first). Each run's path has one point per trade;
      with `compound` (default true) each trade's P&L counts as a fraction of the closed-trade
      equity before it in the original run, so a shuffle keeps the final equity; without it,
      P&L adds in currency. Percentiles (5, 25, 50, 75, 95 and `percentiles`) interpolate
      linearly between ranks. `ruin` (a fraction of the initial cash) adds the share of runs
      whose equity fell to that level. Same `seed` (default 1), same numbers on any machine.
      """,
      parameters: [
        .init("result", "Result", "what bt.run returned"),
        .init(
          "opts",
          "{runs?: integer, seed?: integer, method?: \"shuffle\"|\"bootstrap\"|\"intrabar\", percentiles?: number[], compound?: boolean, ruin?: number, stop_first?: number, paths?: integer}?",
          "runs (1000), seed (1), method (\"shuffle\"), paths (runs kept whole for the chart, 100)"),
      ],
      returns: [.init("MonteCarlo")],
      example: """
        local r = bt.run("strategies/sma_cross.lua", data.load("examples/data/synthetic_BTCUSD_1h.csv"))
        local mc = bt.montecarlo(r, {runs = 2000, seed = 7, method = "bootstrap", percentiles = {1, 99}})
        print(mc.percentiles.max_drawdown_pct[5], mc.percentiles.return_pct[50])
        mc:plot("montecarlo.png")
        """)
  ) { call in
    let run = try call.argument(1, "result").userdata(BacktestRun.self)
    var settings = MonteCarloOptions()
    let opts = call.argument(2, "opts")
    if !opts.isNil {
      _ = try opts.table()
      try call.checkKeys(of: opts, known: options)
      settings.runs = try call.field("runs", of: opts) { try $0.integer(default: 1000) }
      settings.seed = UInt64(bitPattern: Int64(try call.field("seed", of: opts) { try $0.integer(default: 1) }))
      let method = try call.field("method", of: opts) { field -> MonteCarloMethod in
        let text = try field.string(default: "shuffle")
        guard let method = MonteCarloMethod(rawValue: text) else {
          throw field.error(expected: "\"shuffle\", \"bootstrap\" or \"intrabar\"")
        }
        return method
      }
      settings.method = method
      settings.percentiles = try call.field("percentiles", of: opts) { field in
        if field.isNil { return [] }
        _ = try field.table()
        let stack = field.stack
        return try (0..<stack.rawLength(at: field.index)).map { i in
          stack.rawGet(tableAt: field.index, index: i + 1)
          defer { stack.pop() }
          return try LuaValueReader(stack: stack, index: stack.top, position: "element [\(i + 1)] of \(field.position)").number()
        }
      }
      settings.compound = try call.field("compound", of: opts) { try $0.boolean(default: true) }
      settings.ruin = try call.field("ruin", of: opts) { $0.isNil ? nil : try $0.number() }
      settings.stopFirstProbability = try call.field("stop_first", of: opts) { try $0.number(default: 0.5) }
      settings.keptPaths = try call.field("paths", of: opts) { try $0.integer(default: 100) }
    }
    // StudyError names the option ("'runs' must be …"); the wrapper prefixes bt.montecarlo.
    let result = try MonteCarlo.run(run.result, options: settings)
    call.state.push(userdata: MonteCarloRun(name: run.strategy.name, result: result), on: call.stack)
    return 1
  }
}
