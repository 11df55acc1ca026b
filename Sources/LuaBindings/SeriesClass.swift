import LuaRuntime
import MarketData

/// `crescent.Series`: a column of Float64 values (NaN for missing).
///
/// `#s`, `s[i]` (1-based; nil outside 1..#s), `+ - * /` with series or numbers (element-wise,
/// NaN propagates, lengths must agree), unary minus, `tostring(s)` (a short preview).
enum SeriesClass {
  static let spec = LuaClass<Series>(
    name: "Series",
    summary: "A column of Float64 values, NaN for missing. Arithmetic is element-wise.",
    methods: SeriesMethods.all,
    metamethods: [
      LuaFunction("__len", LuaDoc("Number of values.", returns: [.init("integer")])) { call in
        call.stack.push(try call.argument(1, "self").userdata(Series.self).count)
        return 1
      },
      arithmetic("__add", .add, "a + b"),
      arithmetic("__sub", .subtract, "a - b"),
      arithmetic("__mul", .multiply, "a * b"),
      arithmetic("__div", .divide, "a / b"),
      LuaFunction("__unm", LuaDoc("-s, element-wise.", returns: [.init("Series")])) { call in
        let series = try call.argument(1, "self").userdata(Series.self)
        call.state.push(userdata: series.negated(), on: call.stack)
        return 1
      },
      LuaFunction("__tostring", LuaDoc("A short preview.", returns: [.init("string")])) { call in
        call.stack.push(preview(try call.argument(1, "self").userdata(Series.self)))
        return 1
      },
    ],
    fields: [.init("[integer]", "number", "The i-th value, 1-based.")],
    indexer: { call in
      let series = try call.argument(1, "self").userdata(Series.self)
      if let index = call.stack.integer(at: 2), call.stack.type(at: 2) == .number {
        if index >= 1 && index <= series.count {
          call.stack.push(series[index - 1])
        } else {
          call.stack.pushNil()
        }
        return 1
      }
      call.stack.pushNil()
      return 1
    },
    externalBytes: { $0.count * MemoryLayout<Double>.stride }
  )

  /// `a op b` where either side may be a number and at least one is a Series.
  private static func arithmetic(_ name: String, _ operation: Series.Operation, _ text: String) -> LuaFunction {
    LuaFunction(
      name,
      LuaDoc(
        "\(text), element-wise; either side may be a number.",
        parameters: [.init("b", "Series|number")], returns: [.init("Series")])
    ) { call in
      let lhs = call.argument(1, "a")
      let rhs = call.argument(2, "b")
      let result: Series
      if let a = lhs.userdataIfPresent(Series.self) {
        if let b = rhs.userdataIfPresent(Series.self) {
          result = try a.combined(operation, b)
        } else {
          guard rhs.type == .number else { throw rhs.error(expected: "Series or number") }
          result = a.combined(operation, scalar: try rhs.number())
        }
      } else {
        let b = try rhs.userdata(Series.self)
        guard lhs.type == .number else { throw lhs.error(expected: "Series or number") }
        result = b.combined(operation, scalar: try lhs.number(), scalarFirst: true)
      }
      call.state.push(userdata: result, on: call.stack)
      return 1
    }
  }

  /// `Series(n=1000) [100.2, 100.4, 99.8, …, 101.3, 101.1]`
  static func preview(_ series: Series) -> String {
    let values = series.values
    let shown: [String]
    if values.count <= 8 {
      shown = values.map(NumberFormatting.compact)
    } else {
      shown = values.prefix(4).map(NumberFormatting.compact) + ["…"]
        + values.suffix(3).map(NumberFormatting.compact)
    }
    return "Series(n=\(values.count)) [" + shown.joined(separator: ", ") + "]"
  }
}
