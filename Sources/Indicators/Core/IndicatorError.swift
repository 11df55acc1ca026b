/// Why an indicator could not be computed. Messages read well after a Lua function name:
/// `ta.sma: 'period' must be an integer >= 1, got 0`.
public enum IndicatorError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A parameter is out of range or of the wrong kind.
  case invalidParameter(name: String, expected: String, got: String)
  /// Inputs of one call differ in length (`name` is the offending input).
  case lengthMismatch(name: String, expected: Int, got: Int)
  /// The call gave the wrong number of inputs or too many parameters.
  case wrongArity(what: String, expected: Int, got: Int)
  /// No indicator has this name.
  case unknownIndicator(String)

  public var description: String {
    switch self {
    case let .invalidParameter(name, expected, got):
      return "'\(name)' must be \(expected), got \(got)"
    case let .lengthMismatch(name, expected, got):
      return "'\(name)' has \(got) values, expected \(expected) like the first input"
    case let .wrongArity(what, expected, got):
      return "expected \(expected) \(what), got \(got)"
    case let .unknownIndicator(name):
      return "unknown indicator '\(name)'"
    }
  }
}

/// Formats a parameter value for error messages: integers without a fraction.
func describe(_ value: Double) -> String {
  if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
  return String(value)
}
