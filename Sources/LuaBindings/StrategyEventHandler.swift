import LuaRuntime
import MarketData
import Simulator

/// Drives an event-form strategy: calls `on_bar(ctx, bar, p)` at every bar close (`p` is
/// the params table) and passes the collected intents to the simulator (which has the
/// strategy's `risk` review each entry at its fill, as for the vectorized form:
/// `StrategyRiskReview`).
///
/// One `ctx` userdata and one `bar` table serve the whole run; the bar table's fields are
/// overwritten in place each bar (`open high low close volume time index symbol`), so a
/// strategy must copy values it wants to keep, not the table. The Lua values live at fixed
/// stack slots of the caller's frame for the duration of the run.
final class StrategyEventHandler {
  let state: LuaState
  let stack: LuaStack
  let bars: [Bars]
  /// Copies of the bar columns, one per symbol, read per bar without reference counting.
  let columns: UnsafeMutablePointer<BarColumns>
  let symbolCount: Int
  let onBar: Int32
  let context: Int32
  let barTable: Int32
  let params: Int32
  /// Stack slot of the first of `barKeys` (the others follow).
  let keys: Int32
  static let barKeys = ["open", "high", "low", "close", "volume", "time", "index"]
  let handle: ContextHandle
  @exclusivity(unchecked) private var lastSymbol = -1

  deinit {
    // SAFETY: the columns were initialized in init, one per symbol, and are freed once here.
    for n in 0..<symbolCount { columns[n].free() }
    columns.deinitialize(count: symbolCount)
    columns.deallocate()
  }

  /// Pushes `on_bar`, the ctx userdata and the bar table of the strategy table at
  /// `strategy`; the caller restores the stack top after the run.
  init(state: LuaState, strategy: Int32, params: Int32, bars: [Bars]) {
    self.state = state
    self.bars = bars
    self.params = params
    let stack = state.stack
    self.stack = stack
    symbolCount = bars.count
    columns = .allocate(capacity: max(bars.count, 1))
    for (n, symbolBars) in bars.enumerated() { (columns + n).initialize(to: BarColumns(symbolBars)) }
    stack.rawGet(tableAt: strategy, key: "on_bar")
    onBar = stack.top
    handle = ContextHandle()
    state.push(userdata: handle, on: stack)
    context = stack.top
    stack.newTable(recordCount: 8)
    barTable = stack.top
    // The field names, pushed once; each bar sets the fields from these slots.
    for key in Self.barKeys { stack.push(key) }
    keys = stack.top - Int32(Self.barKeys.count) + 1
  }

  /// The `BarHandler` the simulator calls.
  func handle(_ ctx: StrategyContext) throws {
    let stack = self.stack
    let i = ctx.bar
    let c = columns[ctx.symbolIndex]
    let t = barTable
    let k = keys
    stack.rawSet(tableAt: t, keyAt: k, c.open[i])
    stack.rawSet(tableAt: t, keyAt: k + 1, c.high[i])
    stack.rawSet(tableAt: t, keyAt: k + 2, c.low[i])
    stack.rawSet(tableAt: t, keyAt: k + 3, c.close[i])
    stack.rawSet(tableAt: t, keyAt: k + 4, c.volume[i])
    stack.rawSet(tableAt: t, keyAt: k + 5, c.time[i])
    stack.rawSet(tableAt: t, keyAt: k + 6, Int64(i + 1))
    if ctx.symbolIndex != lastSymbol {
      lastSymbol = ctx.symbolIndex
      stack.push(ctx.symbol)
      stack.rawSet(tableAt: t, key: "symbol")
    }
    if handle.context == nil { handle.context = ctx }
    handle.active = true
    stack.pushValue(at: onBar)
    stack.pushValue(at: context)
    stack.pushValue(at: t)
    stack.pushValue(at: params)
    do {
      try state.call(arguments: 3, results: 0)
    } catch {
      handle.active = false
      handle.intents.removeAll(keepingCapacity: true)
      throw error
    }
    handle.active = false
    if handle.intents.isEmpty { return }
    defer { handle.intents.removeAll(keepingCapacity: true) }
    for intent in handle.intents {
      switch intent {
      case let .close(tag): ctx.close(tag: tag)
      case let .enter(side, order): if side == .long { ctx.buy(order) } else { ctx.sell(order) }
      }
    }
  }
}

/// One symbol's bar columns copied into buffers the event handler owns: per-bar reads in
/// the event loop are plain loads (array reads through a class would retain and release).
struct BarColumns {
  let open: UnsafeMutablePointer<Double>
  let high: UnsafeMutablePointer<Double>
  let low: UnsafeMutablePointer<Double>
  let close: UnsafeMutablePointer<Double>
  let volume: UnsafeMutablePointer<Double>
  let time: UnsafeMutablePointer<Int64>
  let count: Int

  /// Copies the columns; `free()` releases them.
  init(_ bars: Bars) {
    // SAFETY: each buffer holds exactly `count` initialized elements (at least one slot is
    // allocated so an empty column still has a valid pointer); reads stay in 0..<count
    // (bar indices of this symbol) and `free` runs once, in the handler's deinit.
    func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
      let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
      values.withUnsafeBufferPointer { source in
        if let base = source.baseAddress { pointer.initialize(from: base, count: source.count) }
      }
      return pointer
    }
    count = bars.count
    open = copy(bars.open)
    high = copy(bars.high)
    low = copy(bars.low)
    close = copy(bars.close)
    volume = copy(bars.volume)
    time = copy(bars.time)
  }

  func free() {
    open.deallocate()
    high.deallocate()
    low.deallocate()
    close.deallocate()
    volume.deallocate()
    time.deallocate()
  }
}
