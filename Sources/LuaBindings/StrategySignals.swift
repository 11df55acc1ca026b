import LuaRuntime
import MarketData
import Simulator

/// Calls a vectorized strategy's `signals(bars, p)` and reads what it returns.
///
/// The result is one table `{long_entry =, long_exit =, short_entry =, short_exit =,
/// stop =, target =, tag =}` or a list of such tables (one signal set per tag). Entries and
/// exits are Masks with one value per bar, read at the bar's close; `stop`/`target` are
/// Series of absolute price levels for an entry on that bar (NaN: none).
enum StrategySignals {
  static let keys = ["long_entry", "long_exit", "short_entry", "short_exit", "stop", "target", "tag"]

  /// Runs `signals` of the strategy table at `strategy` on `bars` with the params table at
  /// `params`; returns the signal sets.
  static func compute(
    state: LuaState, strategy: Int32, params: Int32, bars: Bars, field: String
  ) throws -> [SignalSet] {
    let stack = state.stack
    stack.rawGet(tableAt: strategy, key: "signals")
    state.push(userdata: bars, on: stack)
    stack.pushValue(at: params)
    try state.call(arguments: 2, results: 1)
    defer { stack.pop() }
    let top = stack.top
    guard stack.type(at: top) == .table else {
      throw StrategyError(field: field, expected: "a table of masks returned by signals(bars, p)", got: StrategyFields.describe(stack, at: top))
    }
    let count = stack.rawLength(at: top)
    if count == 0 { return [try read(stack: stack, at: top, field: field, bars: bars.count)] }
    var sets: [SignalSet] = []
    for i in 1...count {
      stack.rawGet(tableAt: top, index: i)
      defer { stack.pop() }
      guard stack.type(at: -1) == .table else {
        throw StrategyError(field: "\(field)[\(i)]", expected: "a table of masks", got: StrategyFields.describe(stack, at: -1))
      }
      sets.append(try read(stack: stack, at: stack.top, field: "\(field)[\(i)]", bars: bars.count))
    }
    return sets
  }

  static func read(stack: LuaStack, at index: Int32, field: String, bars: Int) throws(StrategyError) -> SignalSet {
    let table = StrategyFields(stack: stack, index: index, path: field)
    try table.check(known: keys)
    func mask(_ key: String) throws(StrategyError) -> [Bool] {
      try table.read(key) { top throws(StrategyError) -> [Bool] in
        guard let mask = stack.userdata(Mask.self, at: top) else {
          throw StrategyError(field: table.name(key), expected: "a Mask (from s:gt(x), ta.crossover, …)", got: StrategyFields.describe(stack, at: top))
        }
        guard mask.count == bars else {
          throw StrategyError(field: table.name(key), expected: "\(bars) values (one per bar)", got: "\(mask.count)")
        }
        return mask.values
      } ?? []
    }
    func levels(_ key: String) throws(StrategyError) -> [Double] {
      try table.read(key) { top throws(StrategyError) -> [Double] in
        guard let series = stack.userdata(Series.self, at: top) else {
          throw StrategyError(field: table.name(key), expected: "a Series of price levels", got: StrategyFields.describe(stack, at: top))
        }
        guard series.count == bars else {
          throw StrategyError(field: table.name(key), expected: "\(bars) values (one per bar)", got: "\(series.count)")
        }
        return series.values
      } ?? []
    }
    return SignalSet(
      longEntry: try mask("long_entry"), longExit: try mask("long_exit"), shortEntry: try mask("short_entry"),
      shortExit: try mask("short_exit"), stop: try levels("stop"), target: try levels("target"),
      tag: try table.string("tag") ?? "")
  }
}
