import CLua
import CLuaBridge

/// One call from Lua into a Swift function: its arguments, and the results it pushes.
///
/// Readers throw `LuaArgumentError` worded like Lua's own messages; the dispatcher turns
/// the error into a Lua error at the caller's position, prefixed with the function's name:
/// `x.lua:3: data.synthetic: bad field 'bars' of argument #1 (integer >= 0 expected, got -1)`.
public struct LuaCall {
  public let stack: LuaStack
  /// The qualified name of the called function, e.g. `data.synthetic` or `Series:shift`.
  public let functionName: String
  /// Methods (`s:shift(1)`) number their arguments after `self`, as Lua's messages do.
  public let isMethod: Bool

  init(stack: LuaStack, functionName: String, isMethod: Bool) {
    self.stack = stack
    self.functionName = functionName
    self.isMethod = isMethod
  }

  public var state: LuaState { stack.state }
  public var argumentCount: Int32 { stack.top }

  /// An argument, 1-based as in Lua.
  public func argument(_ position: Int32, _ name: String) -> LuaValueReader {
    let shown = isMethod ? position - 1 : position
    let label = shown == 0 ? "self" : "argument #\(shown) '\(name)'"
    return LuaValueReader(stack: stack, index: position, position: label)
  }

  /// A field of a table argument (`opts.bars`), or nil when the table lacks it.
  /// Calls `body` with a reader for the field's value, which is on the stack meanwhile.
  public func field<T>(
    _ key: String, of table: LuaValueReader, _ body: (LuaValueReader) throws -> T
  ) rethrows -> T {
    stack.rawGet(tableAt: table.index, key: key)
    defer { stack.pop() }
    return try body(
      LuaValueReader(stack: stack, index: stack.top, position: "field '\(key)' of \(table.position)"))
  }

  /// Fails when the table has a string key not in `known`, naming the nearest known key.
  public func checkKeys(of table: LuaValueReader, known: [String]) throws(LuaMessageError) {
    for key in stack.stringKeys(ofTableAt: table.index) where !known.contains(key) {
      let hint = LuaSpelling.nearest(to: key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
      throw LuaMessageError("unknown option '\(key)' in \(table.position)\(hint)")
    }
  }
}

/// Reads one value on the stack with the checks and messages of a typed parameter.
public struct LuaValueReader {
  public let stack: LuaStack
  public let index: Int32
  /// How error messages name this value: `argument #2 'period'` or `field 'bars' of …`.
  public let position: String

  /// A reader for the value at `index`, named `position` in messages (`element [3] of …`).
  public init(stack: LuaStack, index: Int32, position: String) {
    self.stack = stack
    self.index = index
    self.position = position
  }

  public var type: LuaType { stack.type(at: index) }
  public var isNil: Bool { type == .nil || type == .none }

  public func error(expected: String) -> LuaArgumentError {
    LuaArgumentError(position: position, expected: expected, got: describeGot())
  }

  private func describeGot() -> String {
    switch type {
    case .number: return stack.string(at: index) ?? "number"
    case .string: return "string"
    default: return stack.typeName(at: index)
    }
  }

  public func number() throws(LuaArgumentError) -> Double {
    guard type == .number || type == .string, let value = stack.number(at: index) else {
      throw error(expected: "number")
    }
    return value
  }

  public func number(default value: Double) throws(LuaArgumentError) -> Double {
    isNil ? value : try number()
  }

  public func integer() throws(LuaArgumentError) -> Int {
    guard type == .number || type == .string, let value = stack.integer(at: index) else {
      throw error(expected: "integer")
    }
    return value
  }

  public func integer(default value: Int) throws(LuaArgumentError) -> Int {
    isNil ? value : try integer()
  }

  public func string() throws(LuaArgumentError) -> String {
    guard type == .string, let value = stack.string(at: index) else { throw error(expected: "string") }
    return value
  }

  public func string(default value: String) throws(LuaArgumentError) -> String {
    isNil ? value : try string()
  }

  public func boolean() throws(LuaArgumentError) -> Bool {
    guard type == .boolean else { throw error(expected: "boolean") }
    return stack.boolean(at: index)
  }

  public func boolean(default value: Bool) throws(LuaArgumentError) -> Bool {
    isNil ? value : try boolean()
  }

  /// Requires a table; returns self for chaining with `LuaCall.field`.
  public func table() throws(LuaArgumentError) -> LuaValueReader {
    guard type == .table else { throw error(expected: "table") }
    return self
  }

  /// The value held by a crescent userdata of type `T`.
  public func userdata<T>(_ type: T.Type) throws(LuaArgumentError) -> T {
    guard let value = stack.state.userdataValue(at: index, as: T.self, stack: stack) else {
      throw error(expected: stack.state.typeName(of: T.self) ?? "\(T.self)")
    }
    return value
  }

  /// The value when it is a crescent userdata of type `T`; nil otherwise.
  public func userdataIfPresent<T>(_ type: T.Type) -> T? {
    stack.state.userdataValue(at: index, as: T.self, stack: stack)
  }
}

/// Suggests the nearest spelling among known names (Levenshtein distance ≤ 2 or a third of
/// the name's length).
public enum LuaSpelling {
  public static func nearest(to name: String, in known: [String]) -> String? {
    let scored = known.map { ($0, distance(Array(name), Array($0))) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, name.count / 3) ? best.0 : nil
  }

  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
