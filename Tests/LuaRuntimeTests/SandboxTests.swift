import Testing

@testable import LuaRuntime

@Suite struct SandboxTests {
  private func sandboxed() throws -> LuaState {
    let state = try makeTestState()
    try state.enterSandbox(keeping: ["test"])
    return state
  }

  @Test(arguments: [
    "io", "os.execute", "os.getenv", "os.remove", "os.exit", "package.loadlib", "package.cpath",
    "debug", "dofile", "loadfile", "require and package.searchers",
  ])
  func unsafeGlobalsAreAbsent(expression: String) throws {
    let state = try sandboxed()
    #expect(try state.value("\(expression) == nil") == "true")
  }

  @Test func safeLibrariesRemain() throws {
    let state = try sandboxed()
    #expect(try state.value("string.format('%d', math.floor(2.5)) .. table.concat({1, 2}, ',')") == "21,2")
    #expect(try state.value("type(os.clock()) == 'number' and type(os.time()) == 'number'") == "true")
    #expect(try state.value("tostring(test.counter(2))") == "Counter(2)")
  }

  @Test func bytecodeCannotBeLoaded() throws {
    let state = try sandboxed()
    let error = try #require(throws: LuaError.self) {
      try state.value("assert(load(string.dump(function() return 1 end)))")
    }
    #expect(error.message.contains("attempt to load a binary chunk"))
    let explicit = try #require(throws: LuaError.self) {
      try state.value("load(string.dump(function() return 1 end), 'x', 'b')")
    }
    #expect(explicit.message.contains("text chunks only"))
    #expect(try state.value("load('return 40 + 2')()") == "42")
  }

  @Test func requireLoadsLuaSourceOnly() throws {
    let state = try sandboxed()
    let error = try #require(throws: LuaError.self) { try state.value("require('socket.core')") }
    #expect(error.message.contains("module 'socket.core' not found"))
    let path = try writeScript("return { answer = 42, io_visible = io ~= nil }", name: "helper.lua")
    let directory = String(path.dropLast("helper.lua".count))
    #expect(try state.value("(function() package.path = '\(directory)?.lua'; local m = require('helper'); return m.answer end)()") == "42")
    #expect(try state.value("require('helper').io_visible") == "false")
  }

  @Test func stringMetatableIsHidden() throws {
    let state = try sandboxed()
    #expect(try state.value("getmetatable('')") == "false")
    #expect(try state.value("('abc'):upper()") == "ABC")
  }
}
