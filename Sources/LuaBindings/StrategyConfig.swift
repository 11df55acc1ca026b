import LuaRuntime
import Simulator

/// Reads the strategy table's `exits`, `sizing`, `costs`, `fill`, `intrabar`, `pyramiding`
/// and `cash` into a `SimulationConfig`, then lets the simulator validate the ranges.
///
/// Keys and units (fractions, not percent: `stop_pct = 0.02` is 2%):
/// - `exits`: `stop_pct`, `stop_atr = {period, multiple}`, `target_pct`, `target_r`,
///   `break_even_r`, `trail_atr = {period, multiple}`, `trail_pct`,
///   `partials = {{r =, fraction =}, ...}`, `max_bars`.
/// - `sizing`: `mode = "equity" | "units" | "cash" | "risk" | "volatility"` (default
///   "equity", or the mode whose amount key is the only one given) with `fraction` (equity,
///   default 1), `units`, `cash`, `risk`, `vol_target` + `vol_period` (default 20);
///   `whole_units`.
/// - `costs`: `commission` (fraction of value), `commission_per_unit`, `commission_fixed`,
///   `commission_min`, `commission_max`, `commission_max_pct`; one of `slippage_bps`,
///   `slippage_ticks` (+ `tick_size`), `slippage_atr` (+ `slippage_atr_period`, default 14).
enum StrategyConfig {
  static let exitKeys = [
    "stop_pct", "stop_atr", "target_pct", "target_r", "break_even_r", "trail_atr", "trail_pct", "partials", "max_bars",
  ]
  static let sizingKeys = ["mode", "fraction", "units", "cash", "risk", "vol_target", "vol_period", "whole_units"]
  static let costKeys = [
    "commission", "commission_per_unit", "commission_fixed", "commission_min", "commission_max",
    "commission_max_pct", "slippage_bps", "slippage_ticks", "tick_size", "slippage_atr", "slippage_atr_period",
  ]

  /// The configuration the strategy table at `table` describes; `cash` (when given) wins
  /// over the table's `cash`.
  static func read(_ table: StrategyFields, cash: Double?) throws(StrategyError) -> SimulationConfig {
    var config = SimulationConfig()
    config.exits = try table.table("exits", exits) ?? ExitRules()
    config.sizing = try table.table("sizing", sizing) ?? Sizing()
    config.costs = try table.table("costs", costs) ?? Costs()
    if let text = try table.string("fill") { config.fill = try simulator { () throws(SimulationError) in try FillTiming.parse(text) } }
    if let text = try table.string("intrabar") {
      config.intrabar = try simulator { () throws(SimulationError) in try IntrabarPolicy.parse(text) }
    }
    config.pyramiding = try table.integer("pyramiding") ?? 1
    let tableCash = try table.number("cash")
    if let value = cash ?? tableCash { config.cash = value }
    try simulator { () throws(SimulationError) in try config.validate() }
    return config
  }

  /// Runs a simulator check, naming its failure as a strategy error.
  static func simulator<T>(_ body: () throws(SimulationError) -> T) throws(StrategyError) -> T {
    do { return try body() } catch { throw StrategyError(error) }
  }

  static func exits(_ t: StrategyFields) throws(StrategyError) -> ExitRules {
    try t.check(known: exitKeys)
    var rules = ExitRules()
    rules.stopPercent = try t.number("stop_pct")
    rules.stopATR = try t.atrMultiple("stop_atr")
    rules.targetPercent = try t.number("target_pct")
    rules.targetR = try t.number("target_r")
    rules.breakEvenR = try t.number("break_even_r")
    rules.trailATR = try t.atrMultiple("trail_atr")
    rules.trailPercent = try t.number("trail_pct")
    rules.maxBars = try t.integer("max_bars")
    rules.partials = try t.table("partials") { list throws(StrategyError) in
      let stack = list.stack
      let count = stack.rawLength(at: list.index)
      if let key = stack.stringKeys(ofTableAt: list.index).first {
        throw StrategyError(field: list.path, expected: "a list of {r =, fraction =} tables", got: "key '\(key)'")
      }
      var partials: [PartialExit] = []
      for i in 0..<count {
        stack.rawGet(tableAt: list.index, index: i + 1)
        defer { stack.pop() }
        let path = "\(list.path)[\(i + 1)]"
        guard stack.type(at: -1) == .table else {
          throw StrategyError(field: path, expected: "a table {r =, fraction =}", got: StrategyFields.describe(stack, at: -1))
        }
        let item = StrategyFields(stack: stack, index: -1, path: path)
        try item.check(known: ["r", "fraction"])
        guard let r = try item.number("r") else { throw StrategyError(field: path + ".r", expected: "a number", got: "nil") }
        guard let fraction = try item.number("fraction") else {
          throw StrategyError(field: path + ".fraction", expected: "a number", got: "nil")
        }
        partials.append(PartialExit(r: r, fraction: fraction))
      }
      return partials
    } ?? []
    return rules
  }

  static func sizing(_ t: StrategyFields) throws(StrategyError) -> Sizing {
    try t.check(known: sizingKeys)
    let amounts = ["units": "units", "cash": "cash", "risk": "risk", "vol_target": "volatility", "fraction": "equity"]
    let given = amounts.keys.filter { t.type($0) != .nil }.sorted()
    let mode = try t.string("mode") ?? (given.count == 1 ? amounts[given[0]] ?? "equity" : "equity")
    for key in given where amounts[key] != mode {
      throw StrategyError(field: t.name(key), expected: "absent when sizing.mode is \"\(mode)\"", got: "a value")
    }
    func required(_ key: String) throws(StrategyError) -> Double {
      guard let value = try t.number(key) else {
        throw StrategyError(field: t.name(key), expected: "a number (sizing.mode is \"\(mode)\")", got: "nil")
      }
      return value
    }
    var sizing = Sizing()
    switch mode {
    case "equity": sizing.mode = .equity(fraction: try t.number("fraction") ?? 1)
    case "units": sizing.mode = .units(try required("units"))
    case "cash": sizing.mode = .cash(try required("cash"))
    case "risk": sizing.mode = .risk(fraction: try required("risk"))
    case "volatility":
      sizing.mode = .volatility(target: try required("vol_target"), period: try t.integer("vol_period") ?? 20)
    default:
      throw StrategyError(
        field: t.name("mode"), expected: "\"equity\", \"units\", \"cash\", \"risk\" or \"volatility\"",
        got: "\"\(mode)\"")
    }
    if mode != "volatility", t.type("vol_period") != .nil {
      throw StrategyError(field: t.name("vol_period"), expected: "absent unless sizing.mode is \"volatility\"", got: "a value")
    }
    sizing.wholeUnits = try t.boolean("whole_units") ?? false
    return sizing
  }

  static func costs(_ t: StrategyFields) throws(StrategyError) -> Costs {
    try t.check(known: costKeys)
    var commission = Commission()
    commission.percent = try t.number("commission") ?? 0
    commission.perUnit = try t.number("commission_per_unit") ?? 0
    commission.fixed = try t.number("commission_fixed") ?? 0
    commission.minimum = try t.number("commission_min") ?? 0
    commission.maximum = try t.number("commission_max")
    commission.maximumPercent = try t.number("commission_max_pct")
    let kinds = ["slippage_bps", "slippage_ticks", "slippage_atr"].filter { t.type($0) != .nil }
    if kinds.count > 1 {
      throw StrategyError(field: t.name(kinds[1]), expected: "absent when \(t.name(kinds[0])) is set", got: "both")
    }
    var slippage = Slippage.none
    if let bps = try t.number("slippage_bps") { slippage = .bps(bps) }
    if let ticks = try t.number("slippage_ticks") {
      guard let size = try t.number("tick_size") else {
        throw StrategyError(field: t.name("tick_size"), expected: "a number (costs.slippage_ticks is set)", got: "nil")
      }
      slippage = .ticks(count: ticks, size: size)
    } else if t.type("tick_size") != .nil {
      throw StrategyError(field: t.name("tick_size"), expected: "absent unless costs.slippage_ticks is set", got: "a value")
    }
    if let fraction = try t.number("slippage_atr") {
      slippage = .atr(fraction: fraction, period: try t.integer("slippage_atr_period") ?? 14)
    } else if t.type("slippage_atr_period") != .nil {
      throw StrategyError(
        field: t.name("slippage_atr_period"), expected: "absent unless costs.slippage_atr is set", got: "a value")
    }
    return Costs(commission: commission, slippage: slippage)
  }
}
