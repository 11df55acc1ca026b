import LuaRuntime
import MarketData
import Testing

@testable import LuaBindings

@Suite struct IndicatorMemoTests {
  func evaluate(_ state: LuaState, _ source: String) throws -> [String] {
    switch state.evaluate(source) {
    case let .values(values): return values
    case let .failure(error): throw error
    default: return []
    }
  }

  @Test func memoisesIndicatorsOfTheBarsColumnsOnly() throws {
    let bars = try SyntheticBars(count: 500, seed: 4, timeframe: Timeframe("1h")!).generate()
    let state = try CrescentLibrary.makeState()
    let memo = IndicatorMemo(bars: [bars])
    try memo.install(in: state)
    state.push(userdata: bars, on: state.stack)
    state.setGlobal("b")
    _ = try evaluate(state, "a1 = ta.sma(b.close, 10); a2 = ta.sma(b.close, 10)")
    #expect(memo.count == 1)
    _ = try evaluate(state, "c = ta.sma(b.close, 12); u, m, l = ta.bbands(b.close, 20, 2, 2); atr = ta.atr(b, 14)")
    #expect(memo.count == 4)
    // Derived series and table arguments are not memoised (their storage is not the bars').
    _ = try evaluate(state, "d = ta.sma(b.close + 1, 10); e = ta.sma(b.close, {5, 6}); f = ta.rsi(a1, 14)")
    #expect(memo.count == 4)
    let fresh = try CrescentLibrary.makeState()
    fresh.push(userdata: bars, on: fresh.stack)
    fresh.setGlobal("b")
    let memoised = try evaluate(state, "u2, m2, l2 = ta.bbands(b.close, 20, 2, 2); return a2[50], u2[60], l2[60], ta.atr(b, 14)[99], #a2")
    let plain = try evaluate(fresh, "local u, m, l = ta.bbands(b.close, 20, 2, 2); return ta.sma(b.close, 10)[50], u[60], l[60], ta.atr(b, 14)[99], #ta.sma(b.close, 10)")
    #expect(memoised == plain)
    #expect(memo.count == 4)
    // Errors read as without the memo: the caller's line, the function's message.
    for call in ["ta.sma(b.close, 0)", "ta.sma(b.close + 1, 0)"] {
      guard case .failure(let memoised) = state.evaluate("local x = 1\nlocal y = " + call + "\nreturn y"),
        case .failure(let plain) = fresh.evaluate("local x = 1\nlocal y = " + call + "\nreturn y")
      else {
        Issue.record("expected errors from \(call)")
        continue
      }
      #expect(memoised.message == plain.message)
      #expect(memoised.message.contains("stdin:2:"), "\(memoised.message)")
    }
  }
}
