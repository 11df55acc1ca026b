import LuaRuntime
import Simulator

/// One strategy parameter value: what `params` may hold. The same type a sweep's grid takes,
/// so grid values pass to a run as they are.
public typealias ParamValue = SweepValue

extension ParamValue {
  func push(on stack: LuaStack) {
    switch self {
    case let .integer(n): stack.push(n)
    case let .number(x): stack.push(x)
    case let .string(s): stack.push(s)
    case let .boolean(b): stack.push(b)
    }
  }

  /// The value at `index`, or nil for types a parameter cannot hold.
  static func read(_ stack: LuaStack, at index: Int32) -> ParamValue? {
    switch stack.type(at: index) {
    case .number:
      if let n = stack.integer(at: index), stack.string(at: index).map({ !$0.contains(".") && !$0.contains("e") }) ?? false {
        return .integer(n)
      }
      return stack.number(at: index).map(ParamValue.number)
    case .string: return stack.string(at: index).map(ParamValue.string)
    case .boolean: return .boolean(stack.boolean(at: index))
    default: return nil
    }
  }

  /// Parses command-line text (`--param fast=12`) as the type of `default`.
  static func parse(_ text: String, like defaultValue: ParamValue, name: String) throws(StrategyError) -> ParamValue {
    switch defaultValue {
    case .integer, .number:
      if let n = Int(text) { return .integer(n) }
      if let x = Double(text) { return .number(x) }
      throw StrategyError(field: "params.\(name)", expected: "a number (its default is \(defaultValue))", got: "\"\(text)\"")
    case .boolean:
      if text == "true" { return .boolean(true) }
      if text == "false" { return .boolean(false) }
      throw StrategyError(field: "params.\(name)", expected: "true or false", got: "\"\(text)\"")
    case .string: return .string(text)
    }
  }
}

/// The strategy's parameters: its defaults with overrides applied, sorted by name.
public struct StrategyParams: Sendable, Equatable {
  public private(set) var values: [(name: String, value: ParamValue)]

  public static func == (a: StrategyParams, b: StrategyParams) -> Bool {
    a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.value) == b.values.map(\.value)
  }

  /// Reads the `params` table of the strategy (numbers, strings and booleans).
  static func read(_ table: StrategyFields) throws(StrategyError) -> StrategyParams {
    let values = try table.table("params") { params throws(StrategyError) -> [(String, ParamValue)] in
      let stack = params.stack
      var values: [(String, ParamValue)] = []
      for key in stack.stringKeys(ofTableAt: params.index).sorted() {
        try params.read(key) { top throws(StrategyError) in
          guard let value = ParamValue.read(stack, at: top) else {
            throw StrategyError(
              field: params.name(key), expected: "a number, string or boolean", got: StrategyFields.describe(stack, at: top))
          }
          values.append((key, value))
        }
      }
      return values
    } ?? []
    return StrategyParams(values: values.map { (name: $0.0, value: $0.1) })
  }

  /// Replaces defaults by `overrides`; a name that is not a parameter is an error naming
  /// the nearest one.
  mutating func apply(_ overrides: [(name: String, value: ParamValue)]) throws(StrategyError) {
    for (name, value) in overrides {
      guard let i = values.firstIndex(where: { $0.name == name }) else {
        let names = values.map(\.name)
        let hint = LuaSpelling.nearest(to: name, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        let list = names.isEmpty ? "the strategy has no params" : "params: \(names.joined(separator: ", "))"
        throw StrategyError("unknown parameter '\(name)'\(hint); \(list)")
      }
      values[i].value = value
    }
  }

  /// Applies `name=value` texts from the command line, typed like the defaults.
  mutating func apply(texts: [String]) throws(StrategyError) {
    var overrides: [(name: String, value: ParamValue)] = []
    for text in texts {
      guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
        throw StrategyError("--param expects name=value, got \"\(text)\"")
      }
      let name = String(text[..<eq])
      let raw = String(text[text.index(after: eq)...])
      let defaultValue = values.first(where: { $0.name == name })?.value ?? .string(raw)
      overrides.append((name, try ParamValue.parse(raw, like: defaultValue, name: name)))
    }
    try apply(overrides)
  }

  /// Pushes the parameters as a fresh Lua table (the `p` that `signals(bars, p)` receives).
  func push(on stack: LuaStack) {
    stack.newTable(recordCount: values.count)
    for (name, value) in values {
      value.push(on: stack)
      stack.rawSet(tableAt: -2, key: name)
    }
  }
}

extension ParamValue {
  /// `opts.params` of a Lua call as overrides: names to numbers, strings or booleans, in name
  /// order (nil gives none). `argument` names the options argument in errors ("#3 'opts'").
  static func readOverrides(_ field: LuaValueReader, argument: String) throws -> [(name: String, value: ParamValue)] {
    if field.isNil { return [] }
    _ = try field.table()
    let stack = field.stack
    return try stack.stringKeys(ofTableAt: field.index).sorted().map { key in
      stack.rawGet(tableAt: field.index, key: key)
      defer { stack.pop() }
      guard let value = ParamValue.read(stack, at: -1) else {
        throw LuaArgumentError(
          position: "field 'params.\(key)' of argument \(argument)", expected: "number, string or boolean",
          got: stack.typeName(at: -1))
      }
      return (key, value)
    }
  }
}
