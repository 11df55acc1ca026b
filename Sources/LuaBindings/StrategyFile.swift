import LuaRuntime
import Simulator

/// A strategy table, read and validated: its name, parameters, form and configuration.
///
/// A strategy file returns a table (see README "Backtesting"): `name`, `description`,
/// `params`, exactly one of `signals = function(bars, p)` (vectorized) or
/// `on_bar = function(ctx, bar, p)` (event form), and optionally `exits`, `sizing`, `costs`,
/// `fill`, `intrabar`, `pyramiding`, `cash`, `risk = function(intent, account)` (either
/// form: it reviews every entry at its fill, see `StrategyRiskReview`). The functions stay
/// in the Lua table; this holds what was read from it.
public struct StrategySpec: Sendable, Equatable {
  public enum Form: String, Sendable {
    case signals
    case onBar = "on_bar"
  }

  public static let keys = [
    "name", "description", "params", "signals", "on_bar", "exits", "sizing", "costs", "fill", "intrabar",
    "pyramiding", "cash", "risk",
  ]

  public var name: String
  public var params: StrategyParams
  public var form: Form
  public var config: SimulationConfig
  /// Whether the strategy has a `risk` function reviewing its entries (in either form).
  public var hasRisk: Bool

  /// Reads the strategy table at `index`, with parameter overrides (`params` from
  /// `bt.run`'s options or `--param` texts) and the run's `cash` when given.
  static func read(
    stack: LuaStack, index: Int32, fallbackName: String, overrides: [(name: String, value: ParamValue)] = [],
    overrideTexts: [String] = [], cash: Double? = nil
  ) throws(StrategyError) -> StrategySpec {
    guard stack.type(at: index) == .table else {
      throw StrategyError("a strategy must be a table (a file returning one), got \(StrategyFields.describe(stack, at: index))")
    }
    let table = StrategyFields(stack: stack, index: index, path: "")
    try table.check(known: keys)
    let name = try table.string("name") ?? fallbackName
    _ = try table.string("description")
    var params = try StrategyParams.read(table)
    try params.apply(overrides)
    try params.apply(texts: overrideTexts)
    let hasSignals = try table.function("signals")
    let hasOnBar = try table.function("on_bar")
    let hasRisk = try table.function("risk")
    let form: Form
    switch (hasSignals, hasOnBar) {
    case (true, false): form = .signals
    case (false, true): form = .onBar
    case (true, true): throw StrategyError("a strategy has either 'signals' or 'on_bar', not both")
    case (false, false):
      throw StrategyError("a strategy needs 'signals = function(bars, p)' or 'on_bar = function(ctx, bar, p)'")
    }
    let config = try StrategyConfig.read(table, cash: cash)
    return StrategySpec(name: name, params: params, form: form, config: config, hasRisk: hasRisk)
  }
}

/// Loading strategy files.
public enum StrategyFile {
  /// Loads `path` and calls it, leaving the table it returns on top of the stack.
  public static func load(_ path: String, in state: LuaState) throws(LuaError) {
    try state.load(file: path)
    try state.call(arguments: 0, results: 1)
    if state.stack.type(at: -1) != .table {
      let got = StrategyFields.describe(state.stack, at: -1)
      state.stack.pop()
      throw LuaError(kind: .runtime, message: "\(path): a strategy file must return a table, got \(got)")
    }
  }

  /// The file's base name without `.lua`: the default strategy name.
  public static func baseName(_ path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file.hasSuffix(".lua") ? String(file.dropLast(4)) : file
  }
}
