import Analytics
import LuaRuntime
import MarketData
import Simulator

/// Reading the options `bt.sweep` and `bt.walkforward` share, and loading their strategy.
struct BTSweepOptions {
  static let keys = ["grid", "metric", "min_trades", "jobs", "random", "seed", "params", "cash"]

  var plan: SweepPlan
  var metric = "sharpe"
  var minTrades = 0
  var jobs = SweepRunner.defaultJobs
  var options = RunOptions()
  var overrides: [(name: String, value: ParamValue)] = []

  /// Reads `opts` (argument 3) with `extra` keys allowed; `read(extra)` reads those.
  static func read(_ call: LuaCall, extra: [String] = []) throws -> BTSweepOptions {
    let opts = call.argument(3, "opts")
    _ = try opts.table()
    try call.checkKeys(of: opts, known: keys + extra)
    let stack = call.stack
    let axes: [SweepAxis] = try call.field("grid", of: opts) { grid in
      _ = try grid.table()
      var axes: [SweepAxis] = []
      for name in stack.stringKeys(ofTableAt: grid.index).sorted() {
        stack.rawGet(tableAt: grid.index, key: name)
        defer { stack.pop() }
        let position = "field 'grid.\(name)' of argument #3 'opts'"
        switch stack.type(at: -1) {
        case .string:
          axes.append(try SweepAxis.parse(name + "=" + (stack.string(at: -1) ?? "")))
        case .table:
          let count = stack.rawLength(at: stack.top)
          guard count > 0 else { throw LuaArgumentError(position: position, expected: "a non-empty list of values", got: "an empty table") }
          var values: [SweepValue] = []
          for i in 1...count {
            stack.rawGet(tableAt: stack.top, index: i)
            defer { stack.pop() }
            guard let value = ParamValue.read(stack, at: stack.top) else {
              throw LuaArgumentError(position: "element [\(i)] of \(position)", expected: "number, string or boolean", got: stack.typeName(at: -1))
            }
            values.append(value)
          }
          axes.append(SweepAxis(name: name, values: values))
        default:
          throw LuaArgumentError(position: position, expected: "a list of values or a range text \"a:b:step\"", got: stack.typeName(at: -1))
        }
      }
      return axes
    }
    guard !axes.isEmpty else { throw LuaMessageError("opts.grid needs at least one parameter, e.g. grid = {fast = {5, 10}}") }
    let grid = try SweepGrid(axes: axes)
    let random = try call.field("random", of: opts) { $0.isNil ? nil : try $0.integer() }
    let seed = try call.field("seed", of: opts) { try $0.integer(default: 1) }
    var result = BTSweepOptions(
      plan: try random.map { try SweepPlan(grid: grid, samples: $0, seed: UInt64(bitPattern: Int64(seed))) } ?? SweepPlan(grid: grid))
    result.metric = try call.field("metric", of: opts) { try $0.string(default: "sharpe") }
    try SweepTable.validate(metric: result.metric)
    result.minTrades = try call.field("min_trades", of: opts) { try $0.integer(default: 0) }
    result.jobs = try call.field("jobs", of: opts) { try $0.integer(default: SweepRunner.defaultJobs) }
    guard result.jobs >= 1 else { throw LuaMessageError("opts.jobs must be at least 1, got \(result.jobs)") }
    result.options.cash = try call.field("cash", of: opts) { $0.isNil ? nil : try $0.number() }
    result.overrides = try call.field("params", of: opts) { try ParamValue.readOverrides($0, argument: "#3 'opts'") }
    // Fixed params travel as texts typed like the defaults, as `--param` does.
    result.options.paramTexts = result.overrides.map { "\($0.name)=\($0.value)" }
    return result
  }

  /// The strategy argument: a file path (loaded into this state for validation; workers load
  /// it again) or a table. Returns the path (nil for a table), the slot and the name.
  static func strategy(_ call: LuaCall) throws -> (path: String?, slot: Int32, name: String) {
    let argument = call.argument(1, "strategy")
    if argument.type == .string {
      try call.requireFileAccess()
      let file = try argument.string()
      try StrategyFile.load(file, in: call.state)
      return (file, call.stack.top, StrategyFile.baseName(file))
    }
    guard argument.type == .table else { throw argument.error(expected: "strategy table or file path") }
    return (nil, 1, "strategy")
  }

  /// Checks the grid against the strategy, as errors a script can act on.
  func validate(_ call: LuaCall, strategy: Int32) throws {
    do {
      try SweepRunner.validate(state: call.state, strategy: strategy, plan: plan, options: options)
    } catch let error as SweepNameError {
      throw LuaMessageError(error.message.replacingOccurrences(of: "--grid: ", with: "opts.grid: ")
        .replacingOccurrences(of: "--param ", with: "opts.params."))
    }
  }

  /// The grid values of a row as a `{name = value}` table.
  static func pushParams(_ names: [String], _ values: [SweepValue], on stack: LuaStack) {
    stack.newTable(recordCount: names.count)
    for (name, value) in zip(names, values) {
      value.push(on: stack)
      stack.rawSet(tableAt: -2, key: name)
    }
  }
}
