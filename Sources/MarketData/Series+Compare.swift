/// Comparisons giving a Mask. A comparison with NaN on either side is false (IEEE 754), so
/// `s:gt(x)` and `s:le(x)` are both false where `s` is NaN.
extension Series {
  public enum Comparison: String, Sendable, CaseIterable {
    case gt, ge, lt, le, eq
  }

  /// `self op other`, position by position; the lengths must agree.
  public func compared(_ comparison: Comparison, _ other: Series) throws(SeriesError) -> Mask {
    guard count == other.count else { throw .lengthMismatch(count, other.count) }
    return values.withUnsafeBufferPointer { a in
      other.values.withUnsafeBufferPointer { b in
        Mask(count: a.count) { out in
          switch comparison {
          case .gt: for i in 0..<a.count { out[i] = a[i] > b[i] }
          case .ge: for i in 0..<a.count { out[i] = a[i] >= b[i] }
          case .lt: for i in 0..<a.count { out[i] = a[i] < b[i] }
          case .le: for i in 0..<a.count { out[i] = a[i] <= b[i] }
          case .eq: for i in 0..<a.count { out[i] = a[i] == b[i] }
          }
        }
      }
    }
  }

  /// `self op scalar` at every position.
  public func compared(_ comparison: Comparison, scalar: Double) -> Mask {
    values.withUnsafeBufferPointer { a in
      Mask(count: a.count) { out in
        switch comparison {
        case .gt: for i in 0..<a.count { out[i] = a[i] > scalar }
        case .ge: for i in 0..<a.count { out[i] = a[i] >= scalar }
        case .lt: for i in 0..<a.count { out[i] = a[i] < scalar }
        case .le: for i in 0..<a.count { out[i] = a[i] <= scalar }
        case .eq: for i in 0..<a.count { out[i] = a[i] == scalar }
        }
      }
    }
  }

  public func gt(_ other: Series) throws(SeriesError) -> Mask { try compared(.gt, other) }
  public func ge(_ other: Series) throws(SeriesError) -> Mask { try compared(.ge, other) }
  public func lt(_ other: Series) throws(SeriesError) -> Mask { try compared(.lt, other) }
  public func le(_ other: Series) throws(SeriesError) -> Mask { try compared(.le, other) }
  public func eq(_ other: Series) throws(SeriesError) -> Mask { try compared(.eq, other) }
  public func gt(_ scalar: Double) -> Mask { compared(.gt, scalar: scalar) }
  public func ge(_ scalar: Double) -> Mask { compared(.ge, scalar: scalar) }
  public func lt(_ scalar: Double) -> Mask { compared(.lt, scalar: scalar) }
  public func le(_ scalar: Double) -> Mask { compared(.le, scalar: scalar) }
  public func eq(_ scalar: Double) -> Mask { compared(.eq, scalar: scalar) }
}
