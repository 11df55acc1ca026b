/// Errors from building or rendering a chart. Each case names what was expected and what came.
public enum PlotError: Error, Equatable, CustomStringConvertible, Sendable {
  /// An input array has the wrong length: `name` should have `expected` elements.
  case lengthMismatch(name: String, expected: Int, got: Int)
  /// An input is empty where at least `minimum` elements are needed.
  case tooFew(name: String, minimum: Int, got: Int)
  /// A parameter is outside its domain; `expected` describes the domain.
  case invalidParameter(name: String, expected: String, got: String)
  /// Times must strictly increase; `index` is the first element that does not.
  case unorderedTimes(name: String, index: Int)
  /// zlib reported an error while compressing.
  case compression(code: Int32)
  /// Writing the file failed.
  case io(path: String, reason: String)

  public var description: String {
    switch self {
    case .lengthMismatch(let name, let expected, let got):
      return "'\(name)' must have \(expected) elements, got \(got)"
    case .tooFew(let name, let minimum, let got):
      return "'\(name)' needs at least \(minimum) elements, got \(got)"
    case .invalidParameter(let name, let expected, let got):
      return "'\(name)' must be \(expected), got \(got)"
    case .unorderedTimes(let name, let index):
      return "'\(name)' must strictly increase, element \(index + 1) does not"
    case .compression(let code):
      return "PNG compression failed (zlib error \(code))"
    case .io(let path, let reason):
      return "cannot write '\(path)': \(reason)"
    }
  }
}
