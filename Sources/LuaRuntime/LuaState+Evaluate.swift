import CLua
import CLuaBridge

/// The outcome of evaluating one REPL chunk.
public enum LuaEvaluation {
  /// The chunk is not complete yet (an open `function`, string or table): read more lines.
  case incomplete
  /// The chunk ran; its results rendered for display (empty when it returned nothing).
  case values([String])
  case failure(LuaError)
}

extension LuaState {
  /// Compiles and runs one REPL chunk as lua(1) does: first as `return <chunk>` so that
  /// expressions print their values, then as a statement. A syntax error at `<eof>` means
  /// the chunk is incomplete.
  public func evaluate(_ source: String, chunkName: String = "=stdin") -> LuaEvaluation {
    let base = stack.top
    defer { stack.top = base }
    do {
      try load(source: "return " + source, name: chunkName)
    } catch {
      do {
        try load(source: source, name: chunkName)
      } catch {
        if error.kind == .syntax && error.message.hasSuffix("<eof>") { return .incomplete }
        return .failure(error)
      }
    }
    do {
      try call(arguments: 0, results: nil)
    } catch {
      return .failure(error)
    }
    let count = stack.top - base
    var rendered: [String] = []
    for i in 0..<count {
      rendered.append(render(valueAt: base + 1 + i))
    }
    return .values(rendered)
  }

  /// A readable rendering of a value: tables pretty-printed (nested, sorted keys, cycles
  /// marked, long ones truncated), strings quoted, userdata through `__tostring`.
  public func render(valueAt index: Int32) -> String {
    let value = stack.absoluteIndex(index)
    guard pushInspector("render") else { return stack.describe(at: value) ?? "?" }
    stack.pushValue(at: value)
    do {
      try call(arguments: 1, results: 1)
    } catch {
      return "<cannot display: \(error.message)>"
    }
    defer { stack.pop() }
    return stack.string(at: -1) ?? "?"
  }

  /// Completions for the word before the cursor: globals (`pri` → `print`), fields
  /// (`ta.s` → `ta.sma`, …) and methods (`s:me` → `s:mean`), sorted.
  public func completions(for word: String) -> [String] {
    let base = stack.top
    defer { stack.top = base }
    guard pushInspector("complete") else { return [] }
    stack.push(word)
    crs_lua_pushglobaltable(L)
    do {
      try call(arguments: 2, results: 1)
    } catch {
      return []
    }
    var words: [String] = []
    for i in 0..<stack.rawLength(at: -1) {
      stack.rawGet(tableAt: -1, index: i + 1)
      if let word = stack.string(at: -1) { words.append(word) }
      stack.pop()
    }
    return words
  }

  /// Pushes one function of the inspector chunk, compiling it on first use.
  private func pushInspector(_ name: String) -> Bool {
    if inspectorRef == nil {
      do {
        try load(source: LuaInspector.source, name: "=inspector")
        pushFunction(named: "methods") { call in
          call.stack.push(array: call.state.methodNames(ofValueAt: 1, stack: call.stack))
          return 1
        }
        try call(arguments: 1, results: 1)
      } catch {
        return false
      }
      inspectorRef = luaL_ref(L, crs_lua_registryindex())
    }
    guard let ref = inspectorRef else { return false }
    stack.rawGet(tableAt: crs_lua_registryindex(), index: Int(ref))
    stack.rawGet(tableAt: -1, key: name)
    crs_lua_remove(L, -2)
    return stack.type(at: -1) == .function
  }
}
