import LuaRuntime
import MarketData

/// The methods of `crescent.Series` (`s:mean()`, `s:gt(x)`, `s:rolling_mean(20)`, …).
///
/// Reductions skip NaN as pandas does (`sum` of nothing is 0; `mean/min/max` of nothing NaN;
/// `std` is the sample standard deviation). Transforms return a new Series of the same
/// length; comparisons return a Mask, false where either side is NaN.
enum SeriesMethods {
  static let all: [LuaFunction] = [
    values, last,
    reduction("sum", "Sum of the non-NaN values; 0 when there are none.") { $0.sum() },
    reduction("mean", "Mean of the non-NaN values; NaN when there are none.") { $0.mean() },
    reduction("std", "Sample standard deviation (ddof 1) of the non-NaN values.") { $0.std() },
    reduction("min", "Smallest non-NaN value; NaN when there are none.") { $0.min() },
    reduction("max", "Largest non-NaN value; NaN when there are none.") { $0.max() },
    comparison("gt", .gt, ">"), comparison("ge", .ge, ">="), comparison("lt", .lt, "<"),
    comparison("le", .le, "<="), comparison("eq", .eq, "=="),
    shift,
    counted("diff", "s[i] - s[i-n] (n defaults to 1); NaN for the first n.") { $0.diff($1) },
    counted("pct_change", "s[i] / s[i-n] - 1 (n defaults to 1); NaN for the first n.") { $0.pctChange($1) },
    windowed("rolling_mean", "Mean of the last n values; NaN until n values, and while a NaN is in the window.") {
      try $0.rollingMean($1)
    },
    windowed("rolling_std", "Sample standard deviation of the last n values (ddof 1).") { try $0.rollingStd($1) },
    windowed("rolling_max", "Largest of the last n values.") { try $0.rollingMax($1) },
    windowed("rolling_min", "Smallest of the last n values.") { try $0.rollingMin($1) },
    fillna,
    transform("ffill", "NaN replaced by the last non-NaN value before it (leading NaN stay).") { $0.ffill() },
    transform("cumsum", "Running sum; NaN are skipped and stay NaN in the output.") { $0.cumsum() },
  ]

  static let values = LuaFunction(
    "values", LuaDoc("The values as a Lua table (NaN stays NaN).", returns: [.init("number[]")])
  ) { call in
    call.stack.push(array: try call.argument(1, "self").userdata(Series.self).values)
    return 1
  }

  static let last = LuaFunction(
    "last", LuaDoc("The last value (NaN when empty or when the last value is NaN).", returns: [.init("number")])
  ) { call in
    call.stack.push(try call.argument(1, "self").userdata(Series.self).last)
    return 1
  }

  static let shift = LuaFunction(
    "shift",
    LuaDoc(
      "The series moved n places later (negative: earlier); vacated places are NaN. s:shift(1)[i] is s[i-1].",
      parameters: [.init("n", "integer")], returns: [.init("Series")])
  ) { call in
    let series = try call.argument(1, "self").userdata(Series.self)
    call.state.push(userdata: series.shift(try call.argument(2, "n").integer()), on: call.stack)
    return 1
  }

  static let fillna = LuaFunction(
    "fillna",
    LuaDoc("NaN replaced by v.", parameters: [.init("v", "number")], returns: [.init("Series")])
  ) { call in
    let series = try call.argument(1, "self").userdata(Series.self)
    call.state.push(userdata: series.fillna(try call.argument(2, "v").number()), on: call.stack)
    return 1
  }

  private static func reduction(_ name: String, _ summary: String, _ body: @escaping @Sendable (Series) -> Double)
    -> LuaFunction
  {
    LuaFunction(name, LuaDoc(summary, returns: [.init("number")])) { call in
      call.stack.push(body(try call.argument(1, "self").userdata(Series.self)))
      return 1
    }
  }

  private static func comparison(_ name: String, _ comparison: Series.Comparison, _ symbol: String) -> LuaFunction {
    LuaFunction(
      name,
      LuaDoc(
        "s \(symbol) x element-wise, x a Series or a number; false where either side is NaN.",
        parameters: [.init("x", "Series|number")], returns: [.init("Mask")])
    ) { call in
      let series = try call.argument(1, "self").userdata(Series.self)
      let other = call.argument(2, "x")
      let mask: Mask
      if let rhs = other.userdataIfPresent(Series.self) {
        mask = try series.compared(comparison, rhs)
      } else {
        guard other.type == .number else { throw other.error(expected: "Series or number") }
        mask = series.compared(comparison, scalar: try other.number())
      }
      call.state.push(userdata: mask, on: call.stack)
      return 1
    }
  }

  private static func counted(_ name: String, _ summary: String, _ body: @escaping @Sendable (Series, Int) -> Series)
    -> LuaFunction
  {
    LuaFunction(name, LuaDoc(summary, parameters: [.init("n", "integer?")], returns: [.init("Series")])) { call in
      let series = try call.argument(1, "self").userdata(Series.self)
      let n = try call.argument(2, "n").integer(default: 1)
      call.state.push(userdata: body(series, n), on: call.stack)
      return 1
    }
  }

  private static func windowed(
    _ name: String, _ summary: String, _ body: @escaping @Sendable (Series, Int) throws -> Series
  ) -> LuaFunction {
    LuaFunction(name, LuaDoc(summary, parameters: [.init("n", "integer")], returns: [.init("Series")])) { call in
      let series = try call.argument(1, "self").userdata(Series.self)
      let n = try call.argument(2, "n").integer()
      call.state.push(userdata: try body(series, n), on: call.stack)
      return 1
    }
  }

  private static func transform(_ name: String, _ summary: String, _ body: @escaping @Sendable (Series) -> Series)
    -> LuaFunction
  {
    LuaFunction(name, LuaDoc(summary, returns: [.init("Series")])) { call in
      call.state.push(userdata: body(try call.argument(1, "self").userdata(Series.self)), on: call.stack)
      return 1
    }
  }
}
