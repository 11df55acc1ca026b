/// Element-wise arithmetic. NaN propagates as IEEE 754 says; each result is one allocation.
extension Series {
  public enum Operation: Sendable {
    case add, subtract, multiply, divide

    @inlinable
    func apply(_ a: Double, _ b: Double) -> Double {
      switch self {
      case .add: return a + b
      case .subtract: return a - b
      case .multiply: return a * b
      case .divide: return a / b
      }
    }
  }

  /// `self op other`, position by position; the lengths must agree.
  public func combined(_ operation: Operation, _ other: Series) throws(SeriesError) -> Series {
    guard count == other.count else { throw .lengthMismatch(count, other.count) }
    return values.withUnsafeBufferPointer { a in
      other.values.withUnsafeBufferPointer { b in
        Series(count: a.count) { out in
          switch operation {
          case .add: for i in 0..<a.count { out[i] = a[i] + b[i] }
          case .subtract: for i in 0..<a.count { out[i] = a[i] - b[i] }
          case .multiply: for i in 0..<a.count { out[i] = a[i] * b[i] }
          case .divide: for i in 0..<a.count { out[i] = a[i] / b[i] }
          }
        }
      }
    }
  }

  /// `self op scalar`, or `scalar op self` when `scalarFirst`.
  public func combined(_ operation: Operation, scalar: Double, scalarFirst: Bool = false) -> Series {
    values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        switch (operation, scalarFirst) {
        case (.add, _): for i in 0..<a.count { out[i] = a[i] + scalar }
        case (.multiply, _): for i in 0..<a.count { out[i] = a[i] * scalar }
        case (.subtract, false): for i in 0..<a.count { out[i] = a[i] - scalar }
        case (.subtract, true): for i in 0..<a.count { out[i] = scalar - a[i] }
        case (.divide, false): for i in 0..<a.count { out[i] = a[i] / scalar }
        case (.divide, true): for i in 0..<a.count { out[i] = scalar / a[i] }
        }
      }
    }
  }

  public func negated() -> Series {
    values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        for i in 0..<a.count { out[i] = -a[i] }
      }
    }
  }
}
