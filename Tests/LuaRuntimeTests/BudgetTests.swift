import Foundation
import Testing

@testable import LuaRuntime

/// Budgets enforced from C: a script cannot swallow them with pcall, and the host survives.
@Suite struct BudgetTests {
  private func elapsed(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
  }

  @Test(arguments: [
    "while true do end",
    "while true do pcall(function() while true do end end) end",
    "local function spin() while true do end end\nwhile true do local ok, e = pcall(spin); local ok2 = xpcall(spin, function() return 1 end) end",
    "local co = coroutine.wrap(function() while true do end end)\nwhile true do pcall(co) end",
  ])
  func timeoutStopsRunawayScripts(source: String) throws {
    let state = try makeTestState()
    try state.load(source: source, name: "=runaway")
    state.setBudget(LuaBudget(timeout: 0.3))
    var caught: LuaError?
    let seconds = elapsed {
      do { try state.call() } catch { caught = error as? LuaError }
    }
    let error = try #require(caught)
    #expect(error.kind == .timeout)
    #expect(error.message.contains("timeout"))
    #expect(seconds < 1.0)
    state.setBudget(LuaBudget())
    #expect(try state.value("1 + 1") == "2")
  }

  @Test func instructionBudget() throws {
    let state = try makeTestState()
    try state.load(source: "local n = 0 while true do n = n + 1 end", name: "=count")
    state.setBudget(LuaBudget(instructions: 1_000_000))
    let error = try #require(throws: LuaError.self) { try state.call() }
    #expect(error.kind == .instructionLimit)
    state.setBudget(LuaBudget(instructions: 1_000_000))
    #expect(try state.value("10 * 10") == "100")
  }

  @Test func interruptStopsTheScript() throws {
    let state = try makeTestState()
    try state.load(source: "while true do pcall(function() end) end", name: "=spin")
    state.setBudget(LuaBudget(interruptible: true))
    state.interrupt()
    let error = try #require(throws: LuaError.self) { try state.call() }
    #expect(error.kind == .interrupted)
    #expect(!state.isInterruptPending)
  }

  @Test(arguments: [
    "local t = {} while true do t[#t + 1] = string.rep('x', 100000) .. #t end",
    "local t = {} while true do pcall(function() for i = 1, 1e9 do t[#t + 1] = {i} end end) end",
    "local s = 'x' while true do s = s .. s end",
  ])
  func memoryCapFailsCleanly(source: String) throws {
    let state = try makeTestState(options: .init(memoryLimit: 32 << 20))
    try state.load(source: source, name: "=hog")
    state.setBudget(LuaBudget(timeout: 20))
    let error = try #require(throws: LuaError.self) { try state.call() }
    #expect(error.kind == .memory)
    #expect(error.message.contains("memory limit of 32 MiB"))
    state.collectGarbage()
    #expect(state.memoryUsed < 32 << 20)
    #expect(try state.value("'still ' .. 'alive'") == "still alive")
  }

  @Test func hostAllocationsAreNotCapped() throws {
    let state = try makeTestState(options: .init(memoryLimit: 4 << 20))
    // Pushing from Swift beyond the cap must not fail (a failure there would longjmp
    // through Swift frames).
    let big = String(repeating: "y", count: 8 << 20)
    state.stack.push(big)
    #expect(state.stack.rawLength(at: -1) == 8 << 20)
    state.stack.pop()
  }
}
