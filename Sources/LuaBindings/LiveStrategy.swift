import Execution
import LuaRuntime
import MarketData
import Simulator

/// A strategy table run by the dry-run and live engines: Execution's `Strategy` built from
/// the same table (`exits`, `sizing`, `costs`, `fill`, …) `bt.run` backtests.
///
/// At each closed candle:
/// - Vectorized form: `signals(bars, p)` runs on the rolling window of closed candles (the
///   last bar is the candle that closed; `window` candles, default 1000) and only the signal
///   values of that last bar are read, in the simulator's order: per signal set, `long_exit`
///   closes the set's trades while the position is long, `short_exit` while it is short,
///   then `long_entry` buys and `short_entry` sells (both set: neither), with the set's
///   `stop`/`target` levels of that bar and its tag (one open trade per tag).
///   Indicators with a finite lookback (SMA, WMA, crossovers of them) equal the full-history
///   values once the window exceeds the lookback; recursive ones (EMA, RSI, ATR) depend on
///   their seed, which a window of several hundred candles makes immaterial.
/// - Event form: `on_bar(ctx, bar, p)` once per closed candle, `bar` with the candle's
///   `open high low close volume time index symbol` (`index` counts candles from 1 since the
///   start of the run), `ctx:buy/sell/close` as in a backtest.
///
/// The strategy's `risk(intent, account)` becomes the engine's review function (`review`),
/// run after the built-in guards on each entry: `true` or the intent table unchanged
/// approves; a table with another `qty` resizes; `nil, reason` or `false, reason` rejects;
/// an error in `risk`, a result of another type, or a table that moves the stop or target
/// (not expressible as an engine verdict) rejects the intent (fail closed) with the reason
/// recorded, and the engine runs on.
///
/// The Lua values live at fixed stack slots of the frame that called `bind(strategyAt:)`;
/// `decide` and the review must run while that frame is live.
public final class LiveStrategy: Strategy {
  /// Candles `signals` sees when no window is given.
  public static let defaultWindow = 1_000

  public let spec: StrategySpec
  /// Candles the strategy sees at each decision (the engine's rolling window).
  public let window: Int
  let state: LuaState
  /// Seconds each call into the strategy may take; nil for no limit.
  let timeout: Double?
  let context = LiveContextHandle()
  var slots: Slots?

  struct Slots {
    let strategy: Int32
    let params: Int32
    let onBar: Int32
    let context: Int32
    let bar: Int32
    let risk: Int32
  }

  /// Reads and validates the strategy table at `index` (parameter overrides, starting cash)
  /// and binds it to the current stack frame.
  public init(
    state: LuaState, strategyAt index: Int32, name: String, paramTexts: [String] = [],
    overrides: [(name: String, value: ParamValue)] = [], cash: Double? = nil, window: Int? = nil,
    timeout: Double? = nil
  ) throws {
    let stack = state.stack
    let strategy = stack.absoluteIndex(index)
    spec = try StrategySpec.read(
      stack: stack, index: strategy, fallbackName: name, overrides: overrides, overrideTexts: paramTexts,
      cash: cash)
    if let window, window < 2 {
      throw StrategyError(field: "window", expected: "at least 2 candles", got: "\(window)")
    }
    self.window = window ?? Self.defaultWindow
    self.state = state
    self.timeout = timeout
    try bind(strategyAt: strategy)
  }

  /// Pushes the working values (params table, `on_bar`, `ctx`, the bar table, `risk`) for
  /// the strategy table at `index`; they must stay on the stack while the engine runs.
  public func bind(strategyAt index: Int32) throws {
    let stack = state.stack
    guard stack.reserve(24) else { throw LuaMessageError("stack overflow: no room to run a strategy") }
    let strategy = stack.absoluteIndex(index)
    spec.params.push(on: stack)
    let params = stack.top
    stack.rawGet(tableAt: strategy, key: "on_bar")
    let onBar = stack.top
    state.push(userdata: context, on: stack)
    let contextSlot = stack.top
    stack.newTable(recordCount: 8)
    let bar = stack.top
    stack.rawGet(tableAt: strategy, key: "risk")
    slots = Slots(
      strategy: strategy, params: params, onBar: onBar, context: contextSlot, bar: bar, risk: stack.top)
  }

  /// Forgets the stack slots (the caller pops them).
  public func unbind() { slots = nil }

  func bound() throws -> Slots {
    guard let slots else { throw LuaMessageError("the strategy is not bound to a running Lua call") }
    return slots
  }

  public func decide(_ input: StrategyInput) throws -> [Intent] {
    let slots = try bound()
    if let timeout { state.setBudget(LuaBudget(timeout: timeout)) }
    context.input = input
    let stack = state.stack
    let base = stack.top
    defer { stack.top = base }
    switch spec.form {
    case .signals:
      let bars = input.bars
      let sets = try StrategySignals.compute(
        state: state, strategy: slots.strategy, params: slots.params, bars: bars, field: "signals(bars, p)")
      return Self.intents(sets, at: bars.count - 1, position: input.position)
    case .onBar:
      return try callOnBar(input, slots)
    }
  }

  /// The intents of the signal sets' values at bar `i` (see the type's documentation).
  static func intents(_ sets: [SignalSet], at i: Int, position: Double) -> [Intent] {
    var out: [Intent] = []
    func at(_ column: [Bool]) -> Bool { column.count > i && i >= 0 && column[i] }
    func level(_ column: [Double]) -> Double? { column.count > i && i >= 0 && !column[i].isNaN ? column[i] : nil }
    for set in sets {
      if at(set.longExit) && position > 0 { out.append(.close(tag: set.tag)) }
      if at(set.shortExit) && position < 0 { out.append(.close(tag: set.tag)) }
      let long = at(set.longEntry)
      let short = at(set.shortEntry)
      guard long != short else { continue }
      out.append(
        Intent(long ? .buy : .sell, stop: level(set.stop), target: level(set.target), tag: set.tag))
    }
    return out
  }

  func callOnBar(_ input: StrategyInput, _ slots: Slots) throws -> [Intent] {
    let stack = state.stack
    guard let candle = input.candles.last else { return [] }
    let t = slots.bar
    for (key, value) in [
      ("open", candle.open), ("high", candle.high), ("low", candle.low), ("close", candle.close),
      ("volume", candle.volume),
    ] {
      stack.push(value)
      stack.rawSet(tableAt: t, key: key)
    }
    stack.push(candle.time)
    stack.rawSet(tableAt: t, key: "time")
    stack.push(input.bar + 1)
    stack.rawSet(tableAt: t, key: "index")
    stack.push(input.symbol)
    stack.rawSet(tableAt: t, key: "symbol")
    context.active = true
    context.intents.removeAll(keepingCapacity: true)
    defer {
      context.active = false
      context.intents.removeAll(keepingCapacity: true)
    }
    stack.pushValue(at: slots.onBar)
    stack.pushValue(at: slots.context)
    stack.pushValue(at: t)
    stack.pushValue(at: slots.params)
    try state.call(arguments: 3, results: 0)
    return context.intents.map { intent in
      switch intent {
      case let .close(tag): return .close(tag: tag)
      case let .enter(side, order):
        return Intent(
          side == .long ? .buy : .sell, quantity: order.quantity, stop: order.stop, target: order.target,
          tag: order.tag)
      }
    }
  }
}
