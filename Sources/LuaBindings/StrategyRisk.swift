import LuaRuntime
import MarketData
import Simulator

/// A strategy's `risk = function(intent, account)`, as the simulator's entry review: the
/// same for the vectorized (`signals`) and the event (`on_bar`) form.
///
/// The simulator calls it at the fill of every entry it is about to open (and of every
/// addition to a position), after a reversal closed the opposite trades and after
/// de-duplication and pyramiding let the entry through, before the cash check — always on
/// the Lua state's thread. It receives
/// - `intent`: `side` ("buy" or "sell"), `qty` (the units the entry will trade: the
///   intent's or the sizing's), `price` (the fill price, slippage included), `stop` and
///   `target` (the trade's levels, absent when none), `tag` (absent when none), `symbol`;
/// - `account`: `equity`, `cash`, `available` (the funds the cash check uses), `position`
///   (signed units of the symbol held before this entry), `time` (ns, UTC) and `index`
///   (1-based bar of the fill).
///
/// It answers with the intent (approved; changed `qty`, `stop` or `target` are used as
/// returned — a key left out keeps its value, nothing is re-sized or re-derived), `true`
/// (approved as is), or `nil`/`false` plus a reason (rejected: a rejection with reason
/// "risk: <reason>"). It fails closed: an error raised inside it, an answer of another type,
/// a bad field or a change of `side`, `tag`, `symbol` or `price` rejects the entry with reason
/// "risk function failed: <message>" and the backtest runs on. Only the budgets (timeout,
/// instruction limit, memory cap, Ctrl-C) stop the run.
final class StrategyRiskReview {
  let state: LuaState
  /// Stack slot of the `risk` function for the duration of the run.
  let function: Int32

  static let intentKeys = ["side", "qty", "stop", "target", "tag", "price", "symbol"]

  /// Pushes `risk` of the strategy table at `strategy`; the caller restores the stack top
  /// after the run.
  init(state: LuaState, strategy: Int32) {
    self.state = state
    let stack = state.stack
    stack.rawGet(tableAt: strategy, key: "risk")
    function = stack.top
  }

  /// The `EntryReview` the simulator calls.
  func review(_ request: EntryRequest) throws -> EntryVerdict {
    let stack = state.stack
    let base = stack.top
    defer { stack.top = base }
    stack.pushValue(at: function)
    pushIntent(request, on: stack)
    pushAccount(request, on: stack)
    do {
      try state.call(arguments: 2, results: 2)
    } catch {
      switch error.kind {
      case .memory, .timeout, .instructionLimit, .interrupted: throw error
      case .syntax, .runtime, .file, .data: return .reject("risk function failed: \(error.message)")
      }
    }
    do {
      return try verdict(at: stack.top - 1, request: request, on: stack)
    } catch {
      return .reject("risk function failed: \(error.description)")
    }
  }

  private func pushIntent(_ request: EntryRequest, on stack: LuaStack) {
    stack.newTable(recordCount: 7)
    stack.push(Self.side(request.side))
    stack.rawSet(tableAt: -2, key: "side")
    stack.push(request.quantity)
    stack.rawSet(tableAt: -2, key: "qty")
    stack.push(request.price)
    stack.rawSet(tableAt: -2, key: "price")
    if let stop = request.stop {
      stack.push(stop)
      stack.rawSet(tableAt: -2, key: "stop")
    }
    if let target = request.target {
      stack.push(target)
      stack.rawSet(tableAt: -2, key: "target")
    }
    if let tag = request.tag {
      stack.push(tag)
      stack.rawSet(tableAt: -2, key: "tag")
    }
    stack.push(request.symbol)
    stack.rawSet(tableAt: -2, key: "symbol")
  }

  private func pushAccount(_ request: EntryRequest, on stack: LuaStack) {
    stack.newTable(recordCount: 6)
    for (key, value) in [
      ("equity", request.equity), ("cash", request.cash), ("available", request.available), ("position", request.position),
    ] {
      stack.push(value)
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.push(request.time)
    stack.rawSet(tableAt: -2, key: "time")
    stack.push(request.bar + 1)
    stack.rawSet(tableAt: -2, key: "index")
  }

  static func side(_ side: Side) -> String { side == .long ? "buy" : "sell" }

  /// Reads `risk`'s two results (the verdict at `index`, the reason above it).
  private func verdict(at index: Int32, request: EntryRequest, on stack: LuaStack) throws(StrategyError) -> EntryVerdict {
    switch stack.type(at: index) {
    case .nil, .boolean:
      if stack.boolean(at: index) { return .approve }
      let reason = stack.type(at: index + 1) == .nil ? nil : stack.string(at: index + 1)
      return .reject("risk: " + (reason ?? "no reason given"))
    case .table:
      let fields = StrategyFields(stack: stack, index: index, path: "risk(...) result")
      try fields.check(known: Self.intentKeys)
      try unchanged(fields.string("side"), Self.side(request.side), "side")
      try unchanged(fields.string("tag"), request.tag, "tag")
      try unchanged(fields.string("symbol"), request.symbol, "symbol")
      try unchanged(fields.number("price"), request.price, "price")
      let quantity = try fields.number("qty") ?? request.quantity
      let stop = try fields.number("stop") ?? request.stop
      let target = try fields.number("target") ?? request.target
      if quantity == request.quantity && stop == request.stop && target == request.target { return .approve }
      return .amend(quantity: quantity, stop: stop, target: target)
    default:
      throw StrategyError(
        field: "risk(intent, account)", expected: "to return the intent table (approved) or nil, reason (rejected)",
        got: StrategyFields.describe(stack, at: index))
    }
  }

  /// Refuses a changed read-only field of the returned intent (absent is unchanged).
  private func unchanged<T: Equatable>(_ returned: T?, _ original: T?, _ key: String) throws(StrategyError) {
    guard let returned, returned != original else { return }
    throw StrategyError(
      "risk may resize an intent or change its stop and target, not its \(key) (\(original.map { "\($0)" } ?? "none") became \(returned))")
  }
}
