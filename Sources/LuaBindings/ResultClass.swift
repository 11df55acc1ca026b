import Analytics
import Foundation
import LuaRuntime
import MarketData
import Simulator

/// `crescent.Result`: what `bt.run` returns.
///
/// `r.stats` (a table with stats.json's keys; NaN where a stat is undefined), `r.trades` (a
/// list of tables with trades.csv's fields), `r.equity` (Series, one point per bar time),
/// `r.rejections`, `r.name`; `r:summary()` (the console report) and `r:save(dir)` (the run
/// folder files). Tables are built afresh on each read: keep a local copy in loops.
enum ResultClass {
  static let spec = LuaClass<BacktestRun>(
    name: "Result",
    summary: "A finished backtest: stats, trades, equity curve, report.",
    methods: [summary, save, plot],
    metamethods: [
      LuaFunction("__tostring", LuaDoc("A one-line description.", returns: [.init("string")])) { call in
        let run = try call.argument(1, "self").userdata(BacktestRun.self)
        call.stack.push(
          "Result(\(run.strategy.name): \(run.stats.trades) trades, return \(NumberFormatting.compact(run.stats.returnPercent))%)")
        return 1
      }
    ],
    fields: [
      .init("stats", "table<string, number|string>", "stats.json's keys: return_pct, sharpe, max_drawdown_pct, …"),
      .init(
        "trades", "table[]",
        "One table per closed trade or part: symbol, side, tag, entry_time, entry_price, exit_time, exit_price, qty, pnl, return_pct, exit_reason, bars_held, mae_pct, mfe_pct (times in ns)."
      ),
      .init("equity", "Series", "Equity at each bar time's close."),
      .init("rejections", "table[]", "Refused entries: symbol, side, tag, index, time, qty, price, reason."),
      .init("name", "string", "The strategy's name."),
    ],
    indexer: { call in
      let run = try call.argument(1, "self").userdata(BacktestRun.self)
      let stack = call.stack
      switch stack.type(at: 2) == .string ? stack.string(at: 2) ?? "" : "" {
      case "stats": pushStats(run.stats, on: stack)
      case "trades": pushTrades(run.result.trades, on: stack)
      case "equity": call.state.push(userdata: Series(run.result.equity), on: stack)
      case "rejections": pushRejections(run.result.rejections, on: stack)
      case "name": stack.push(run.strategy.name)
      default: stack.pushNil()
      }
      return 1
    },
    externalBytes: { $0.result.equity.count * 17 + $0.result.trades.count * 128 }
  )

  static let summary = LuaFunction(
    "summary",
    LuaDoc(
      "The console report: stats aligned, per-symbol and per-tag tables, rejections, ambiguous exits.",
      returns: [.init("string")], example: "print(r:summary())")
  ) { call in
    call.stack.push(try call.argument(1, "self").userdata(BacktestRun.self).report(color: false))
    return 1
  }

  static let save = LuaFunction(
    "save",
    LuaDoc(
      "Writes stats.json, trades.csv, equity.csv, report.txt and the charts (equity.png, chart.png, monthly.png) into `dir` (created if needed).",
      parameters: [.init("dir", "string")], example: "r:save(\"runs/try1\")")
  ) { call in
    try call.requireFileAccess()
    let run = try call.argument(1, "self").userdata(BacktestRun.self)
    let dir = try call.argument(2, "dir").string()
    do {
      try RunFolder.write(run, to: URL(fileURLWithPath: dir))
    } catch {
      throw LuaMessageError("cannot write \(dir): \(error.localizedDescription)")
    }
    return 0
  }

  static let plot = LuaFunction(
    "plot",
    LuaDoc(
      """
      Writes one of the run's charts as PNG: "chart" (default: the first symbol's price with
      every trade coloured by outcome), "equity" (equity, buy-and-hold, drawdown) or "monthly".
      Returns the path.
      """,
      parameters: [.init("path", "string"), .init("which", "\"chart\"|\"equity\"|\"monthly\"?")],
      returns: [.init("string")], example: "r:plot(\"trades.png\")\nr:plot(\"equity.png\", \"equity\")")
  ) { call in
    try call.requireFileAccess()
    let run = try call.argument(1, "self").userdata(BacktestRun.self)
    let path = try call.argument(2, "path").string()
    let whichArgument = call.argument(3, "which")
    let which = try whichArgument.string(default: "chart")
    let writer: any RunArtefactWriter
    let name: String
    switch which {
    case "chart": (writer, name) = (RunCharts.PricePNG(), "chart.png")
    case "equity": (writer, name) = (RunCharts.EquityPNG(), "equity.png")
    case "monthly": (writer, name) = (RunCharts.MonthlyPNG(), "monthly.png")
    default: throw whichArgument.error(expected: "\"chart\", \"equity\" or \"monthly\"")
    }
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crescent-plot-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    try writer.write(run, to: scratch)
    let produced = scratch.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: produced.path) else {
      throw LuaMessageError("the run has too few bars for a \(which) chart")
    }
    if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    try FileManager.default.moveItem(atPath: produced.path, toPath: path)
    call.stack.push(path)
    return 1
  }

  static func pushStats(_ stats: PerformanceStats, on stack: LuaStack) {
    let values = stats.keyedValues
    stack.newTable(recordCount: values.count)
    for (key, value) in values {
      switch value {
      case let .text(text): stack.push(text)
      case let .integer(n): stack.push(n)
      case let .number(x): stack.push(x)
      }
      stack.rawSet(tableAt: -2, key: key)
    }
  }

  static func pushTrades(_ trades: [Trade], on stack: LuaStack) {
    stack.newTable(arrayCount: trades.count)
    for (i, t) in trades.enumerated() {
      stack.newTable(recordCount: 14)
      let texts = [("symbol", t.symbol), ("side", t.side.rawValue), ("tag", t.tag), ("exit_reason", t.exitReason.rawValue)]
      for (key, text) in texts {
        stack.push(text)
        stack.rawSet(tableAt: -2, key: key)
      }
      let numbers = [
        ("entry_price", t.entryPrice), ("exit_price", t.exitPrice), ("qty", t.quantity), ("pnl", t.pnl),
        ("return_pct", t.returnPercent), ("mae_pct", t.maePercent), ("mfe_pct", t.mfePercent),
        ("commission", t.commission),
      ]
      for (key, value) in numbers {
        stack.push(value)
        stack.rawSet(tableAt: -2, key: key)
      }
      for (key, value) in [("entry_time", t.entryTime), ("exit_time", t.exitTime)] {
        stack.push(value)
        stack.rawSet(tableAt: -2, key: key)
      }
      for (key, value) in [("bars_held", t.barsHeld), ("entry_index", t.entryBar + 1), ("exit_index", t.exitBar + 1)] {
        stack.push(value)
        stack.rawSet(tableAt: -2, key: key)
      }
      stack.rawSet(tableAt: -2, index: i + 1)
    }
  }

  static func pushRejections(_ rejections: [Rejection], on stack: LuaStack) {
    stack.newTable(arrayCount: rejections.count)
    for (i, r) in rejections.enumerated() {
      stack.newTable(recordCount: 8)
      for (key, text) in [("symbol", r.symbol), ("side", r.side.rawValue), ("tag", r.tag), ("reason", r.reason)] {
        stack.push(text)
        stack.rawSet(tableAt: -2, key: key)
      }
      stack.push(r.quantity)
      stack.rawSet(tableAt: -2, key: "qty")
      stack.push(r.price)
      stack.rawSet(tableAt: -2, key: "price")
      stack.push(r.time)
      stack.rawSet(tableAt: -2, key: "time")
      stack.push(r.bar + 1)
      stack.rawSet(tableAt: -2, key: "index")
      stack.rawSet(tableAt: -2, index: i + 1)
    }
  }
}
