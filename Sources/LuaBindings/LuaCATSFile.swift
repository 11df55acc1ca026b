import LuaRuntime

/// Renders the `---@meta` file (LuaCATS annotations) that lets lua-language-server complete
/// and type-check crescent scripts. Generated from the same declarations that register the
/// functions, so it cannot drift from them; `meta/crescent.lua` is a committed copy that a
/// test keeps current.
public enum LuaCATSFile {
  static let operators = [
    "__add": "add", "__sub": "sub", "__mul": "mul", "__div": "div", "__mod": "mod", "__pow": "pow",
    "__idiv": "idiv", "__unm": "unm", "__len": "len", "__concat": "concat", "__band": "band",
    "__bor": "bor", "__bxor": "bxor", "__bnot": "bnot", "__shl": "shl", "__shr": "shr",
  ]

  public static func render(_ state: LuaState) -> String {
    var out = [
      "---@meta crescent",
      "-- crescent's Lua API for lua-language-server. Generated from the bindings; do not edit.",
      "",
    ]
    for item in state.classDocs {
      out += comment(item.summary)
      out.append("---@class \(item.name)")
      for field in item.fields {
        out.append("---@field \(field.name) \(field.type)" + (field.summary.isEmpty ? "" : " " + field.summary))
      }
      for (name, doc) in item.metamethods {
        guard let op = operators[name] else { continue }
        let result = doc.returns.first?.type ?? "any"
        if let operand = doc.parameters.first {
          out.append("---@operator \(op)(\(operand.type)): \(result)")
        } else {
          out.append("---@operator \(op): \(result)")
        }
      }
      out.append("local \(item.name) = {}")
      out.append("")
      for (name, doc) in item.methods {
        out += function(doc, declaration: "\(item.name):\(name)")
      }
    }
    for module in state.moduleDocs {
      out += comment(module.summary)
      if module.name == "crescent" {
        out.append("---@class crescent")
        for other in state.moduleDocs where other.name != "crescent" {
          out.append("---@field \(other.name) crescent.\(other.name)")
        }
      } else {
        out.append("---@class crescent.\(module.name)")
      }
      out.append("\(module.name) = {}")
      out.append("")
      let prefix = module.name + "."
      for name in state.documentation.keys.filter({ $0.hasPrefix(prefix) }).sorted() {
        guard let doc = state.documentation[name] else { continue }
        if doc.parameters.isEmpty, doc.returns.count == 1, doc.returns[0].type == "string",
          !isFunction(name, state)
        {
          out += comment(doc.summary)
          out.append("---@type string")
          out.append("\(name) = \"\"")
          out.append("")
        } else {
          out += function(doc, declaration: name)
        }
      }
    }
    return out.joined(separator: "\n")
  }

  private static func isFunction(_ name: String, _ state: LuaState) -> Bool {
    state.getGlobal(String(name.prefix { $0 != "." }))
    defer { state.stack.pop() }
    guard state.stack.type(at: -1) == .table else { return false }
    let field = String(name.drop { $0 != "." }.dropFirst())
    defer { state.stack.pop() }
    return state.stack.rawGet(tableAt: -1, key: field) == .function
  }

  private static func comment(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "---" + $0 }
  }

  private static func function(_ doc: LuaDoc, declaration: String) -> [String] {
    var lines = comment(doc.summary)
    if let example = doc.example {
      lines.append("---")
      lines.append("---```lua")
      lines += comment(example)
      lines.append("---```")
    }
    for parameter in doc.parameters {
      lines.append("---@param \(parameter.name) \(parameter.type)" + (parameter.summary.isEmpty ? "" : " " + parameter.summary))
    }
    for value in doc.returns {
      lines.append("---@return \(value.type)" + (value.summary.isEmpty ? "" : " # " + value.summary))
    }
    lines.append("function \(declaration)(\(doc.parameters.map(\.name).joined(separator: ", "))) end")
    lines.append("")
    return lines
  }
}
