import Testing

@testable import LuaRuntime

/// Every kind of Lua error reaches the host as `file:line: message` plus a traceback, and
/// leaves the state usable.
@Suite struct ErrorPropagationTests {
  @Test func scriptErrorCarriesFileLineAndTraceback() throws {
    let state = try makeTestState()
    let path = try writeScript("local x = 1\n\nerror('boom')\n")
    let error = try #require(throws: LuaError.self) { try state.runFile(path) }
    #expect(error.kind == .runtime)
    #expect(error.message == "\(path):3: boom")
    #expect(error.traceback?.hasPrefix("stack traceback:") == true)
    #expect(error.traceback?.contains("\(path):3: in main chunk") == true)
    #expect(try state.value("1 + 1") == "2")
  }

  @Test func bindingArgumentErrorNamesCallerAndArgument() throws {
    let state = try makeTestState()
    let path = try writeScript("-- line 1\nlocal p = test.period(0)\n")
    let error = try #require(throws: LuaError.self) { try state.runFile(path) }
    #expect(error.message == "\(path):2: test.period: bad argument #1 'period' (integer >= 2 expected, got 0)")
    #expect(error.traceback?.contains("in field 'period'") == true || error.traceback?.contains("period") == true)
    let wrongType = try #require(throws: LuaError.self) { try state.value("test.period('x')") }
    #expect(wrongType.message == "test:1: test.period: bad argument #1 'period' (integer expected, got string)")
    #expect(try state.value("test.period(5)") == "5")
  }

  @Test func metamethodErrorIsReportedAtTheOperator() throws {
    let state = try makeTestState()
    let path = try writeScript("local c = test.counter(1)\nlocal d = c + 2\nlocal e = d + -1\n")
    let error = try #require(throws: LuaError.self) { try state.runFile(path) }
    #expect(error.message == "\(path):3: Counter.__add: cannot add a negative amount (-1)")
    #expect(error.traceback?.contains("metamethod 'add'") == true)
    #expect(try state.value("tostring(test.counter(3) + 4)") == "Counter(7)")
  }

  @Test func errorInLuaCallbackCalledFromSwift() throws {
    let state = try makeTestState()
    let path = try writeScript("local function cb(x)\n  return x.field\nend\nreturn test.apply(cb, 5)\n")
    let error = try #require(throws: LuaError.self) { try state.runFile(path) }
    #expect(error.kind == .runtime)
    #expect(error.message.hasPrefix("\(path):4: \(path):2: attempt to index a number value (local 'x')"))
    #expect(try state.value("test.apply(function(x) return x * 2 end, 21)") == "42")
  }

  @Test func pcallInsideScriptCatchesBindingErrors() throws {
    let state = try makeTestState()
    let message = try state.value("select(2, pcall(test.period, 1))")
    #expect(message == "test.period: bad argument #1 'period' (integer >= 2 expected, got 1)")
  }

  @Test func syntaxErrorsAreSyntaxKind() throws {
    let state = try makeTestState()
    let path = try writeScript("local x = = 1\n")
    let error = try #require(throws: LuaError.self) { try state.load(file: path) }
    #expect(error.kind == .syntax)
    #expect(error.message.hasPrefix("\(path):1:"))
  }

  @Test func missingFileIsFileKind() throws {
    let state = try makeTestState()
    let error = try #require(throws: LuaError.self) { try state.load(file: "/nonexistent/x.lua") }
    #expect(error.kind == .file)
    #expect(error.message.contains("cannot open /nonexistent/x.lua"))
  }

  @Test func dataErrorsKeepTheirKindAcrossLuaFrames() throws {
    let state = try makeTestState()
    let path = try writeScript("local function load() return test.bad_data() end\nload()\n")
    let error = try #require(throws: LuaError.self) { try state.runFile(path) }
    #expect(error.kind == .data)
    #expect(error.exitCode == 3)
    #expect(error.message.hasSuffix("prices.csv:7: column 'close': expected a number, got 'abc'"))
    // A script that catches the data error and raises its own is a script error.
    let other = try #require(throws: LuaError.self) {
      try state.value("(function() pcall(test.bad_data); error('mine') end)()")
    }
    #expect(other.kind == .runtime)
  }

  @Test func nonStringErrorObjectsAreDescribed() throws {
    let state = try makeTestState()
    let error = try #require(throws: LuaError.self) { try state.value("error({})") }
    #expect(error.message == "(error object is a table value)")
    let custom = try #require(throws: LuaError.self) {
      try state.value("error(setmetatable({}, {__tostring = function() return 'custom' end}))")
    }
    #expect(custom.message == "custom")
  }

  @Test func bytecodeIsRejected() throws {
    let state = try makeTestState()
    let error = try #require(throws: LuaError.self) {
      try state.load(source: "\u{1B}Lua garbage", name: "=bytes")
    }
    #expect(error.kind == .syntax)
    #expect(error.message.contains("attempt to load a binary chunk"))
  }
}
