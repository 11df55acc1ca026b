import LuaRuntime
import Simulator

/// A problem with a strategy table, named by its field path (`sizing.risk`, `exits.stop_atr[1]`).
///
/// `description` reads `'sizing.risk' must be a number in (0, 1], got 5.0`; callers prefix
/// the file (`strat.lua: …`) or the function (`bt.run: …`).
public struct StrategyError: Error, CustomStringConvertible, LuaRaisable, Sendable, Equatable {
  public let description: String
  public var luaErrorKind: LuaError.Kind { .runtime }

  public init(_ message: String) { description = message }

  init(field: String, expected: String, got: String) {
    description = "'\(field)' must be \(expected), got \(got)"
  }

  init(_ error: SimulationError) { description = error.description }
}

/// Typed reads of one (sub)table of a strategy, by raw access: no metamethod runs, nothing
/// raises. Every error names the field's full path.
struct StrategyFields {
  let stack: LuaStack
  /// Absolute stack index of the table.
  let index: Int32
  /// Path of the table inside the strategy ("" for the strategy table itself).
  let path: String

  init(stack: LuaStack, index: Int32, path: String) {
    self.stack = stack
    self.index = stack.absoluteIndex(index)
    self.path = path
  }

  func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// Fails on a string key outside `known` (naming the nearest known key) and on any
  /// non-string key.
  func check(known: [String]) throws(StrategyError) {
    for key in stack.stringKeys(ofTableAt: index) where !known.contains(key) {
      let hint = LuaSpelling.nearest(to: key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
      let place = path.isEmpty ? "the strategy table" : "'\(path)'"
      throw StrategyError("unknown key '\(key)' in \(place)\(hint); valid keys: \(known.joined(separator: ", "))")
    }
  }

  func type(_ key: String) -> LuaType {
    let kind = stack.rawGet(tableAt: index, key: key)
    stack.pop()
    return kind
  }

  /// What came, for messages: `string "x"`, `table`, `5`.
  static func describe(_ stack: LuaStack, at index: Int32) -> String {
    switch stack.type(at: index) {
    case .number: return stack.string(at: index) ?? "number"
    case .string: return "\"\(stack.string(at: index) ?? "")\""
    default: return stack.typeName(at: index)
    }
  }

  /// Reads `key` with `body` while its value is on top of the stack; nil when absent.
  func read<T>(_ key: String, _ body: (Int32) throws(StrategyError) -> T) throws(StrategyError) -> T? {
    if stack.rawGet(tableAt: index, key: key) == .nil {
      stack.pop()
      return nil
    }
    defer { stack.pop() }
    return try body(stack.top)
  }

  func number(_ key: String) throws(StrategyError) -> Double? {
    try read(key) { top throws(StrategyError) in
      guard stack.type(at: top) == .number, let value = stack.number(at: top) else {
        throw StrategyError(field: name(key), expected: "a number", got: Self.describe(stack, at: top))
      }
      return value
    }
  }

  func integer(_ key: String) throws(StrategyError) -> Int? {
    try read(key) { top throws(StrategyError) in
      guard stack.type(at: top) == .number, let value = stack.integer(at: top) else {
        throw StrategyError(field: name(key), expected: "an integer", got: Self.describe(stack, at: top))
      }
      return value
    }
  }

  func string(_ key: String) throws(StrategyError) -> String? {
    try read(key) { top throws(StrategyError) in
      guard stack.type(at: top) == .string, let value = stack.string(at: top) else {
        throw StrategyError(field: name(key), expected: "a string", got: Self.describe(stack, at: top))
      }
      return value
    }
  }

  func boolean(_ key: String) throws(StrategyError) -> Bool? {
    try read(key) { top throws(StrategyError) in
      guard stack.type(at: top) == .boolean else {
        throw StrategyError(field: name(key), expected: "a boolean", got: Self.describe(stack, at: top))
      }
      return stack.boolean(at: top)
    }
  }

  /// Requires a function (or nothing) at `key`.
  func function(_ key: String) throws(StrategyError) -> Bool {
    try read(key) { top throws(StrategyError) in
      guard stack.type(at: top) == .function else {
        throw StrategyError(field: name(key), expected: "a function", got: Self.describe(stack, at: top))
      }
      return true
    } ?? false
  }

  /// Reads the subtable at `key` with `body`; nil when absent.
  func table<T>(_ key: String, _ body: (StrategyFields) throws(StrategyError) -> T) throws(StrategyError) -> T? {
    try read(key) { top throws(StrategyError) in
      guard stack.type(at: top) == .table else {
        throw StrategyError(field: name(key), expected: "a table", got: Self.describe(stack, at: top))
      }
      return try body(StrategyFields(stack: stack, index: top, path: name(key)))
    }
  }

  /// `{period, multiple}` as an ATR multiple (`exits.stop_atr = {14, 2}`).
  func atrMultiple(_ key: String) throws(StrategyError) -> ATRMultiple? {
    try table(key) { fields throws(StrategyError) in
      let count = stack.rawLength(at: fields.index)
      let extra = stack.stringKeys(ofTableAt: fields.index)
      guard count == 2, extra.isEmpty else {
        throw StrategyError(
          field: fields.path, expected: "{period, multiple} such as {14, 2}",
          got: "a table of \(count) values" + (extra.isEmpty ? "" : " and keys \(extra.joined(separator: ", "))"))
      }
      stack.rawGet(tableAt: fields.index, index: 1)
      let period = stack.type(at: -1) == .number ? stack.integer(at: -1) : nil
      let periodText = Self.describe(stack, at: -1)
      stack.pop()
      stack.rawGet(tableAt: fields.index, index: 2)
      let multiple = stack.type(at: -1) == .number ? stack.number(at: -1) : nil
      let multipleText = Self.describe(stack, at: -1)
      stack.pop()
      guard let period else { throw StrategyError(field: fields.path + "[1]", expected: "an integer period", got: periodText) }
      guard let multiple else { throw StrategyError(field: fields.path + "[2]", expected: "a number", got: multipleText) }
      return ATRMultiple(period: period, multiple: multiple)
    }
  }
}
