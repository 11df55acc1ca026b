/// A column of Float64 values, contiguous, with NaN for missing values.
///
/// Value semantics with copy-on-write storage: handing a column of `Bars` out as a `Series`
/// shares its buffer until one side writes.
public struct Series: Sendable, Equatable {
  public var values: [Double]

  public init(_ values: [Double]) {
    self.values = values
  }

  /// A series of `count` values produced by `body`, which must initialise every element of
  /// the buffer it receives. One allocation, no zero fill.
  @inlinable
  public init(count: Int, initializingWith body: (UnsafeMutableBufferPointer<Double>) -> Void) {
    self.values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      HugePages.advise(buffer)
      body(buffer)
      initialized = count
    }
  }

  public var count: Int { values.count }

  /// 0-based access; bindings translate Lua's 1-based indices.
  public subscript(index: Int) -> Double { values[index] }

  /// The last value, NaN when empty.
  public var last: Double { values.last ?? .nan }

  /// Equality that treats NaN as equal to NaN, position by position.
  public static func == (lhs: Series, rhs: Series) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for i in 0..<lhs.count where lhs.values[i] != rhs.values[i] {
      if !(lhs.values[i].isNaN && rhs.values[i].isNaN) { return false }
    }
    return true
  }
}

/// Errors of the series algebra.
public enum SeriesError: Error, Equatable, CustomStringConvertible {
  case lengthMismatch(Int, Int)
  /// An argument outside its domain: name, what was expected, what came.
  case invalidArgument(String, expected: String, got: String)

  public var description: String {
    switch self {
    case let .lengthMismatch(a, b):
      return "series lengths differ (\(a) vs \(b))"
    case let .invalidArgument(name, expected, got):
      return "'\(name)' must be \(expected), got \(got)"
    }
  }
}
