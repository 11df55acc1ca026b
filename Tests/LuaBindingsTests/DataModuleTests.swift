import LuaBindings
import LuaRuntime
import MarketData
import Testing

@Suite struct DataModuleTests {
  private func value(_ state: LuaState, _ expression: String) throws -> String? {
    guard case .values(let values) = state.evaluate("return " + expression) else {
      if case .failure(let error) = state.evaluate("return " + expression) { throw error }
      return nil
    }
    return values.first
  }

  @Test func syntheticMatchesTheDomainGenerator() throws {
    let state = try CrescentLibrary.makeState()
    let bars = try SyntheticBars(count: 50, seed: 9, timeframe: Timeframe("1h")!).generate()
    _ = state.evaluate("b = data.synthetic{bars = 50, seed = 9, timeframe = '1h'}")
    #expect(try value(state, "#b") == "50")
    #expect(try value(state, "b.close[50] == \(bars.close[49])") == "true")
    #expect(try value(state, "b.high[1] >= b.open[1]") == "true")
    #expect(try value(state, "b.time[2] - b.time[1]") == "3600000000000")
    #expect(try value(state, "math.type(b.time[1])") == "\"integer\"")
    #expect(try value(state, "data.iso(b.time[1])") == "\"2024-01-01T00:00:00Z\"")
    #expect(try value(state, "b.symbol .. ' ' .. b.timeframe") == "\"SYNTH 1h\"")
    #expect(try value(state, "tostring(b)") == "\"Bars(SYNTH 1h, 50 bars, 2024-01-01T00:00:00Z … 2024-01-03T01:00:00Z)\"")
    #expect(try value(state, "b.close[0] == nil and b.close[51] == nil") == "true")
  }

  @Test func syntheticOptionsAreChecked() throws {
    let state = try CrescentLibrary.makeState()
    let cases: [(String, String)] = [
      ("data.synthetic{bars = 'x'}", "bad field 'bars' of argument #1 'opts' (integer expected, got string)"),
      ("data.synthetic{bars = 1.5}", "bad field 'bars' of argument #1 'opts' (integer expected, got 1.5)"),
      ("data.synthetic{seeds = 1}", "unknown option 'seeds' in argument #1 'opts' (did you mean 'seed'?)"),
      ("data.synthetic{timeframe = '7x'}", "bad field 'timeframe' of argument #1 'opts' (timeframe such as \"1m\", \"1h\" or \"1d\" expected, got string)"),
      ("data.synthetic{start = 'yesterday'}", "bad field 'start' of argument #1 'opts' (ISO-8601 time expected, got string)"),
      ("data.synthetic{vol = -1}", "'vol' must be a finite number >= 0, got -1.0"),
      ("data.synthetic(5)", "bad argument #1 'opts' (table expected, got 5)"),
    ]
    for (chunk, expected) in cases {
      guard case .failure(let error) = state.evaluate(chunk) else {
        Issue.record("\(chunk) should fail")
        continue
      }
      #expect(error.message == "stdin:1: data.synthetic: " + expected)
    }
  }

  @Test func seriesArithmeticAndPreview() throws {
    let state = try CrescentLibrary.makeState()
    _ = state.evaluate("s = data.series{1, 2, 3, 4}")
    #expect(try value(state, "tostring(s + 1)") == "\"Series(n=4) [2, 3, 4, 5]\"")
    #expect(try value(state, "tostring(10 - s)") == "\"Series(n=4) [9, 8, 7, 6]\"")
    #expect(try value(state, "tostring(s * s / 2)") == "\"Series(n=4) [0.5, 2, 4.5, 8]\"")
    #expect(try value(state, "tostring(-s)") == "\"Series(n=4) [-1, -2, -3, -4]\"")
    #expect(try value(state, "(s / 0)[1]") == "inf")
    #expect(try value(state, "#s, s:last()") == "4")
    #expect(try value(state, "tostring(data.series{0.1, 1/3, 12345.678, 0, 5, 6, 7, 8, 9})")
      == "\"Series(n=9) [0.1, 0.333333, 12345.7, 0, …, 7, 8, 9]\"")
    guard case .failure(let error) = state.evaluate("s + data.series{1}") else {
      Issue.record("length mismatch should fail")
      return
    }
    #expect(error.message == "stdin:1: Series.__add: series lengths differ (4 vs 1)")
    guard case .failure(let typeError) = state.evaluate("s + 'x'") else {
      Issue.record("string operand should fail")
      return
    }
    #expect(typeError.message == "stdin:1: Series.__add: bad argument #2 'b' (Series or number expected, got string)")
    guard case .failure(let elementError) = state.evaluate("data.series{1, 'x'}") else {
      Issue.record("non-number element should fail")
      return
    }
    #expect(elementError.message == "stdin:1: data.series: bad element [2] of argument #1 'values' (number expected, got string)")
  }

  @Test func timeConversions() throws {
    let state = try CrescentLibrary.makeState()
    #expect(try value(state, "data.time('2024-01-02T09:30:00Z')") == "1704187800000000000")
    #expect(try value(state, "data.iso(1704187800123000000)") == "\"2024-01-02T09:30:00.123Z\"")
    guard case .failure(let error) = state.evaluate("data.time('2024-13-01')") else {
      Issue.record("bad date should fail")
      return
    }
    #expect(error.message == "stdin:1: data.time: bad argument #1 'text' (ISO-8601 date or datetime expected, got string)")
  }

  @Test func crescentTableHoldsModulesVersionAndClock() throws {
    let state = try CrescentLibrary.makeState()
    #expect(try value(state, "crescent.version") == "\"\(CrescentLibrary.version)\"")
    #expect(try value(state, "crescent.data == data") == "true")
    #expect(try value(state, "(function() local a = crescent.clock(); local b = crescent.clock(); return b >= a and math.type(a) == 'float' end)()") == "true")
  }

  @Test func sandboxKeepsCrescentModules() throws {
    let state = try CrescentLibrary.makeState(options: .init(sandbox: true))
    #expect(try value(state, "#data.synthetic{bars = 3}") == "3")
    #expect(try value(state, "io == nil and crescent.version ~= nil") == "true")
  }
}
