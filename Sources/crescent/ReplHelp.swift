import LuaRuntime

/// The texts of `:help`.
enum ReplHelp {
  static func overview(state: LuaState) -> String {
    var lines = [
      "Type Lua: expressions print their values (1+1 prints 2). Unfinished chunks continue on",
      "the next line. Tab completes names (ta.s<TAB>, s:me<TAB>). Ctrl-C interrupts a running",
      "chunk; Ctrl-D exits.",
      "",
      ":help NAME   documentation of a function, module or class (:help data.synthetic)",
      ":quit        leave (or Ctrl-D)",
      "",
      "Modules:",
    ]
    let width = state.moduleDocs.map(\.name.count).max() ?? 0
    for module in state.moduleDocs {
      lines.append("  " + module.name.padding(width) + "  " + module.summary)
    }
    lines.append("")
    lines.append("Classes:")
    for item in state.classDocs {
      lines.append("  " + item.name.padding(width) + "  " + item.summary)
    }
    return lines.joined(separator: "\n")
  }

  static func topic(_ name: String, state: LuaState) -> String {
    let key = name.replacingColon()
    if let doc = state.documentation[name] ?? state.documentation[key] {
      return doc.helpText(name: name)
    }
    if let module = state.moduleDocs.first(where: { $0.name == name }) {
      let names = state.documentation.keys.filter { $0.hasPrefix(name + ".") }.sorted()
      return ([module.summary, ""] + names.map { "  " + (state.documentation[$0]?.signature(name: $0) ?? $0) })
        .joined(separator: "\n")
    }
    if let item = state.classDocs.first(where: { $0.name == name }) {
      var lines = [item.name + ": " + item.summary, ""]
      for field in item.fields { lines.append("  .\(field.name): \(field.type)  \(field.summary)") }
      for method in item.methods { lines.append("  " + method.doc.signature(name: "\(item.name):\(method.name)")) }
      for metamethod in item.metamethods { lines.append("  \(metamethod.name)  \(metamethod.doc.summary)") }
      return lines.joined(separator: "\n")
    }
    let suggestion = LuaSpelling.nearest(to: name, in: Array(state.documentation.keys)).map { " (did you mean \($0)?)" } ?? ""
    return "no help for '\(name)'\(suggestion)"
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - count))
  }

  /// `Series.mean` → `Series:mean`, so either spelling finds a method.
  fileprivate func replacingColon() -> String {
    guard let dot = firstIndex(of: "."), self[..<dot].first?.isUppercase == true else { return self }
    return self[..<dot] + ":" + self[index(after: dot)...]
  }
}
