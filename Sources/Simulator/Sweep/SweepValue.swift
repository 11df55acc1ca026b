/// One value a swept parameter takes: what a strategy's `params` may hold.
///
/// Text forms (used in `--grid`, results.csv and the sweep manifest): integers as digits,
/// numbers in Swift's shortest round-trip form (`0.1`, `2.5`, `1e-05`), booleans as
/// `true`/`false`, strings as they are.
public enum SweepValue: Sendable, Hashable, CustomStringConvertible {
  case integer(Int)
  case number(Double)
  case string(String)
  case boolean(Bool)

  public var description: String {
    switch self {
    case let .integer(n): return String(n)
    case let .number(x): return "\(x)"
    case let .string(s): return s
    case let .boolean(b): return b ? "true" : "false"
    }
  }

  /// The value as a number (for heatmap axes); nil for strings, 0/1 for booleans.
  public var numeric: Double? {
    switch self {
    case let .integer(n): return Double(n)
    case let .number(x): return x
    case let .boolean(b): return b ? 1 : 0
    case .string: return nil
    }
  }

  /// Reads one list element of `--grid k=v1,v2`: an integer, else a finite number, else
  /// `true`/`false`, else the text itself as a string.
  public static func parse(_ text: String) -> SweepValue {
    if let n = Int(text) { return .integer(n) }
    if let x = Double(text), x.isFinite, text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) ?? false {
      return .number(x)
    }
    if text == "true" { return .boolean(true) }
    if text == "false" { return .boolean(false) }
    return .string(text)
  }
}
