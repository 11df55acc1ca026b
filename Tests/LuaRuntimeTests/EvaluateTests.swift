import Testing

@testable import LuaRuntime

@Suite struct EvaluateTests {
  private func values(_ state: LuaState, _ chunk: String) -> [String]? {
    if case .values(let values) = state.evaluate(chunk) { return values }
    return nil
  }

  @Test func expressionsPrintWithoutReturn() throws {
    let state = try makeTestState()
    #expect(values(state, "1 + 1") == ["2"])
    #expect(values(state, "x = 20") == [])
    #expect(values(state, "x + 22, 'a'") == ["42", "\"a\""])
    #expect(values(state, "return 7") == ["7"])
  }

  @Test func incompleteChunksAreDetected() throws {
    let state = try makeTestState()
    for chunk in ["function f(x)", "if true then", "t = {", "s = 'abc", "x = [[", "for i = 1, 2 do", "local a ="] {
      guard case .incomplete = state.evaluate(chunk) else {
        Issue.record("\(chunk) should be incomplete")
        continue
      }
    }
    #expect(values(state, "function f(x)\n  return x * 3\nend") == [])
    #expect(values(state, "f(14)") == ["42"])
    guard case .failure(let error) = state.evaluate("x = = 1") else {
      Issue.record("syntax error expected")
      return
    }
    #expect(error.kind == .syntax)
  }

  @Test func tablesArePrettyPrinted() throws {
    let state = try makeTestState()
    #expect(values(state, "{b = 2, a = 1, 10, 20}") == ["{ 10, 20, a = 1, b = 2 }"])
    #expect(values(state, "{x = {y = {z = 'deep'}}, ['key with space'] = true, [3.5] = 0}")
      == ["{ [3.5] = 0, [\"key with space\"] = true, x = { y = { z = \"deep\" } } }"])
    _ = state.evaluate("cyc = {name = 'c'}; cyc.self = cyc")
    #expect(values(state, "cyc") == ["{ name = \"c\", self = <cycle> }"])
    let long = values(state, "(function() local t = {} for i = 1, 100 do t[i] = i end return t end)()")?.first ?? ""
    #expect(long.contains("... (60 more)"))
    #expect(long.contains("\n"))
    #expect(values(state, "test.counter(5)") == ["Counter(5)"])
    #expect(values(state, "'line\\nbreak'") == ["\"line\\nbreak\""])
  }

  @Test func completesGlobalsFieldsAndMethods() throws {
    let state = try makeTestState()
    #expect(state.completions(for: "test.co") == ["test.counter"])
    #expect(state.completions(for: "tes") == ["test"])
    #expect(state.completions(for: "string.fo") == ["string.format"])
    _ = state.evaluate("c = test.counter(1)")
    #expect(state.completions(for: "c:g") == ["c:get"])
    #expect(state.completions(for: "nothing.he") == [])
    #expect(state.completions(for: "wh") == ["while"])
  }

  @Test func renderingErrorsDoNotEscape() throws {
    let state = try makeTestState()
    let rendered = values(state, "setmetatable({}, {__tostring = function() error('nope') end})")
    #expect(rendered?.first?.contains("cannot display") == true)
  }
}
