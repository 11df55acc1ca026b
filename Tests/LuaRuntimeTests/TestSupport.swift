import Foundation
import LuaRuntime

/// A state with a few Swift functions and a class to exercise the bridge.
func makeTestState(options: LuaState.Options = .init()) throws -> LuaState {
  let state = try LuaState(options: options)
  state.register(class: LuaClass<Counter>(
    name: "Counter", summary: "test class",
    methods: [
      LuaFunction("get", LuaDoc("value")) { call in
        call.stack.push(try call.argument(1, "self").userdata(Counter.self).value)
        return 1
      }
    ],
    metamethods: [
      LuaFunction("__add", LuaDoc("fails on purpose for negative numbers")) { call in
        let counter = try call.argument(1, "a").userdata(Counter.self)
        let amount = try call.argument(2, "b").integer()
        guard amount >= 0 else { throw LuaMessageError("cannot add a negative amount (\(amount))") }
        call.state.push(userdata: Counter(value: counter.value + amount), on: call.stack)
        return 1
      },
      LuaFunction("__tostring", LuaDoc("text")) { call in
        call.stack.push("Counter(\(try call.argument(1, "self").userdata(Counter.self).value))")
        return 1
      },
    ],
    externalBytes: { _ in 0 }))
  state.register(module: LuaModule(name: "test", summary: "test functions", functions: [
    LuaFunction("counter", LuaDoc("new counter")) { call in
      call.state.push(userdata: Counter(value: try call.argument(1, "start").integer(default: 0)), on: call.stack)
      return 1
    },
    LuaFunction("period", LuaDoc("checks a period")) { call in
      let period = try call.argument(1, "period").integer()
      guard period >= 2 else {
        throw LuaArgumentError(position: "argument #1 'period'", expected: "integer >= 2", got: "\(period)")
      }
      call.stack.push(period)
      return 1
    },
    LuaFunction("apply", LuaDoc("calls a Lua function from Swift")) { call in
      guard call.stack.type(at: 1) == .function else { throw call.argument(1, "f").error(expected: "function") }
      call.stack.pushValue(at: 1)
      call.stack.pushValue(at: 2)
      try call.state.call(arguments: 1, results: 1)
      return 1
    },
    LuaFunction("bad_data", LuaDoc("raises a data error")) { _ in
      throw LuaMessageError("prices.csv:7: column 'close': expected a number, got 'abc'", kind: .data)
    },
  ]))
  return state
}

struct Counter {
  let value: Int
}

/// Writes `source` to a temporary .lua file and returns its path.
func writeScript(_ source: String, name: String = "script.lua") throws -> String {
  // Short paths: Lua abbreviates chunk names longer than 60 characters in messages.
  let directory = URL(fileURLWithPath: "/tmp/crs-" + UUID().uuidString.prefix(8))
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let path = directory.appendingPathComponent(name).path
  try source.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

extension LuaState {
  /// Loads and runs a file, as `crescent run` does.
  func runFile(_ path: String, budget: LuaBudget = .init()) throws(LuaError) {
    try load(file: path)
    setBudget(budget)
    try call()
  }

  /// Runs a chunk and returns its first result as text.
  func value(_ source: String) throws(LuaError) -> String? {
    try load(source: "return " + source, name: "=test")
    try call(arguments: 0, results: 1)
    defer { stack.pop() }
    return stack.string(at: -1) ?? stack.describe(at: -1)
  }
}
