import LuaRuntime
import MarketData

/// `crescent.Mask`: a boolean column for signals.
///
/// `a & b`, `a | b`, `~a` (element-wise; lengths must agree), `#m`, `m[i]` (1-based
/// boolean), `m:count()` (number of true), `m:indices()` (1-based positions of true),
/// `tostring(m)`.
enum MaskClass {
  static let spec = LuaClass<Mask>(
    name: "Mask",
    summary: "A boolean column for signals: & | ~ combine masks element-wise.",
    methods: [
      LuaFunction("count", LuaDoc("Number of true elements.", returns: [.init("integer")])) { call in
        call.stack.push(try call.argument(1, "self").userdata(Mask.self).trueCount())
        return 1
      },
      LuaFunction("indices", LuaDoc("1-based positions of the true elements, ascending.", returns: [.init("integer[]")])) { call in
        let indices = try call.argument(1, "self").userdata(Mask.self).indices()
        call.stack.newTable(arrayCount: indices.count)
        for (i, index) in indices.enumerated() {
          call.stack.push(index + 1)
          call.stack.rawSet(tableAt: -2, index: i + 1)
        }
        return 1
      },
    ],
    metamethods: [
      LuaFunction("__len", LuaDoc("Number of elements.", returns: [.init("integer")])) { call in
        call.stack.push(try call.argument(1, "self").userdata(Mask.self).count)
        return 1
      },
      binary("__band", "a & b: true where both are.") { try $0.and($1) },
      binary("__bor", "a | b: true where either is.") { try $0.or($1) },
      LuaFunction("__bnot", LuaDoc("~a: true where a is false.", returns: [.init("Mask")])) { call in
        call.state.push(userdata: try call.argument(1, "self").userdata(Mask.self).not(), on: call.stack)
        return 1
      },
      LuaFunction("__tostring", LuaDoc("A short preview.", returns: [.init("string")])) { call in
        let mask = try call.argument(1, "self").userdata(Mask.self)
        let shown = mask.values.count <= 12
          ? mask.values.map { $0 ? "1" : "0" }.joined()
          : mask.values.prefix(6).map { $0 ? "1" : "0" }.joined() + "…" + mask.values.suffix(5).map { $0 ? "1" : "0" }.joined()
        call.stack.push("Mask(n=\(mask.count), true=\(mask.trueCount())) [\(shown)]")
        return 1
      },
    ],
    fields: [.init("[integer]", "boolean", "The i-th element, 1-based.")],
    indexer: { call in
      let mask = try call.argument(1, "self").userdata(Mask.self)
      if call.stack.type(at: 2) == .number, let index = call.stack.integer(at: 2), index >= 1 && index <= mask.count {
        call.stack.push(mask[index - 1])
      } else {
        call.stack.pushNil()
      }
      return 1
    },
    externalBytes: { $0.count }
  )

  private static func binary(_ name: String, _ summary: String, _ body: @escaping @Sendable (Mask, Mask) throws -> Mask)
    -> LuaFunction
  {
    LuaFunction(name, LuaDoc(summary, parameters: [.init("b", "Mask")], returns: [.init("Mask")])) { call in
      let a = try call.argument(1, "a").userdata(Mask.self)
      let b = try call.argument(2, "b").userdata(Mask.self)
      call.state.push(userdata: try body(a, b), on: call.stack)
      return 1
    }
  }
}
