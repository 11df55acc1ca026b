import Analytics
import Foundation
import LuaRuntime
import MarketData
import Plotting

/// A finished Monte Carlo study of one backtest, with its files.
public final class MonteCarloRun: Sendable {
  /// The strategy's name (chart titles).
  public let name: String
  public let result: MonteCarloResult

  public init(name: String, result: MonteCarloResult) {
    self.name = name
    self.result = result
  }

  /// The fan of equity paths over drawdown and return histograms.
  public var chart: MonteCarloChart {
    let bands = Dictionary(uniqueKeysWithValues: result.bands.map { ($0.percentile, $0.values) })
    func band(_ p: Double) -> [Double] { bands[p] ?? [] }
    return MonteCarloChart(
      steps: result.bandSteps, outer: (band(5), band(95)), inner: (band(25), band(75)), median: band(50),
      paths: result.keptPaths, original: result.original, maxDrawdownPercent: result.maxDrawdownPercent,
      returnPercent: result.returnPercent, title: "\(name): Monte Carlo (\(result.options.method.rawValue))")
  }

  /// Writes the chart as a PNG; a study of no trades has no chart (`PlotError`).
  public func plot(to path: String) throws {
    try chart.save(to: path, size: ChartSize(width: 1200, height: 800))
  }

  /// Writes montecarlo.csv, montecarlo.json and (with at least one trade) montecarlo.png.
  public func write(to directory: URL) throws {
    try result.write(to: directory)
    if result.trades > 0 { try plot(to: directory.appendingPathComponent("montecarlo.png").path) }
  }
}

/// `crescent.MonteCarlo`: what `bt.montecarlo` returns.
enum MonteCarloClass {
  static let spec = LuaClass<MonteCarloRun>(
    name: "MonteCarlo",
    summary: "A Monte Carlo study of a backtest's trades: per-run values, percentiles, chart and files.",
    methods: [plot, save],
    metamethods: [
      LuaFunction("__tostring", LuaDoc("A one-line description.", returns: [.init("string")])) { call in
        let run = try call.argument(1, "self").userdata(MonteCarloRun.self)
        let r = run.result
        let median = r.percentiles(.returnPercent).first { $0.percentile == 50 }?.value ?? .nan
        call.stack.push(
          "MonteCarlo(\(run.name): \(r.options.method.rawValue), \(r.options.runs) runs of \(r.trades) trades, "
            + "median return \(NumberFormatting.compact(median))%)")
        return 1
      }
    ],
    fields: [
      .init(
        "percentiles", "table<string, table<number, number>>",
        "Per metric (return_pct, max_drawdown_pct, final_equity), the value at each percentile: mc.percentiles.max_drawdown_pct[5]."),
      .init("mean", "table<string, number>", "Mean of each metric over the runs."),
      .init("original", "table<string, number>", "Each metric for the trades in their original order."),
      .init("return_pct", "Series", "Total return of each run, percent."),
      .init("max_drawdown_pct", "Series", "Maximum drawdown of each run, percent (<= 0)."),
      .init("final_equity", "Series", "Final equity of each run."),
      .init("ruin_probability", "number?", "Share of runs reaching `ruin` x initial cash (nil without `ruin`)."),
      .init("runs", "integer", "Number of runs."),
      .init("trades", "integer", "Closed trades drawn from."),
      .init("ambiguous_exits", "integer", "Ambiguous bars in the result's ledger."),
      .init("method", "string", "\"shuffle\", \"bootstrap\" or \"intrabar\"."),
      .init("seed", "integer", "The seed."),
    ],
    indexer: { call in
      let run = try call.argument(1, "self").userdata(MonteCarloRun.self)
      let r = run.result
      let stack = call.stack
      let key = stack.type(at: 2) == .string ? stack.string(at: 2) ?? "" : ""
      if let metric = MonteCarloMetric(rawValue: key) {
        call.state.push(userdata: Series(r.values(metric)), on: stack)
        return 1
      }
      switch key {
      case "percentiles": pushPercentiles(r, on: stack)
      case "mean": pushMetrics(on: stack) { r.mean($0) }
      case "original": pushMetrics(on: stack) { r.originalValue($0) }
      case "ruin_probability": if let p = r.ruinProbability { stack.push(p) } else { stack.pushNil() }
      case "runs": stack.push(r.options.runs)
      case "trades": stack.push(r.trades)
      case "ambiguous_exits": stack.push(r.ambiguousExits)
      case "method": stack.push(r.options.method.rawValue)
      case "seed": stack.push(Int64(bitPattern: r.options.seed))
      default: stack.pushNil()
      }
      return 1
    },
    externalBytes: { $0.result.finalEquity.count * 16 + $0.result.keptPaths.count * $0.result.bandSteps.count * 8 }
  )

  static func pushPercentiles(_ r: MonteCarloResult, on stack: LuaStack) {
    stack.newTable(recordCount: MonteCarloMetric.allCases.count)
    for metric in MonteCarloMetric.allCases {
      let table = r.percentiles(metric)
      stack.newTable(recordCount: table.count)
      let t = stack.top
      for (p, value) in table {
        stack.push(p)
        stack.rawSet(tableAt: t, keyAt: -1, value)
        stack.pop()
      }
      stack.rawSet(tableAt: -2, key: metric.rawValue)
    }
  }

  static func pushMetrics(on stack: LuaStack, _ value: (MonteCarloMetric) -> Double) {
    stack.newTable(recordCount: MonteCarloMetric.allCases.count)
    for metric in MonteCarloMetric.allCases {
      stack.push(value(metric))
      stack.rawSet(tableAt: -2, key: metric.rawValue)
    }
  }

  static let plot = LuaFunction(
    "plot",
    LuaDoc(
      """
      Writes the study's chart as PNG: equity paths over the trade number (a sample of runs,
      the 5–95 and 25–75 percentile bands, the median and the original order on top) above
      histograms of the runs' maximum drawdowns and total returns. Returns the path.
      """,
      parameters: [.init("path", "string")], returns: [.init("string")], example: "mc:plot(\"montecarlo.png\")")
  ) { call in
    try call.requireFileAccess()
    let run = try call.argument(1, "self").userdata(MonteCarloRun.self)
    let path = try call.argument(2, "path").string()
    guard run.result.trades > 0 else { throw LuaMessageError("the backtest has no closed trades to chart") }
    do {
      try run.plot(to: path)
    } catch {
      throw LuaMessageError("cannot write \(path): \(error)")
    }
    call.stack.push(path)
    return 1
  }

  static let save = LuaFunction(
    "save",
    LuaDoc(
      """
      Writes montecarlo.csv (run, final_equity, return_pct, max_drawdown_pct), montecarlo.json
      (settings, original values, means, percentiles, ruin probability) and montecarlo.png into
      `dir` (created if needed).
      """,
      parameters: [.init("dir", "string")], example: "mc:save(\"runs/mc1\")")
  ) { call in
    try call.requireFileAccess()
    let run = try call.argument(1, "self").userdata(MonteCarloRun.self)
    let dir = try call.argument(2, "dir").string()
    do {
      try run.write(to: URL(fileURLWithPath: dir))
    } catch {
      throw LuaMessageError("cannot write \(dir): \(error.localizedDescription)")
    }
    return 0
  }
}
