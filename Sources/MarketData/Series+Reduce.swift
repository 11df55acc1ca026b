/// Reductions. Like pandas, they skip NaN: `sum` of no values is 0; `mean`, `min` and `max`
/// of no values are NaN; `std` is the sample standard deviation (ddof 1 by default) and NaN
/// with fewer than `ddof + 1` values. `last` is the last element even when NaN (see
/// `lastValid`).
extension Series {
  /// Number of non-NaN values.
  public func validCount() -> Int {
    values.withUnsafeBufferPointer { a in
      var n = 0
      for i in 0..<a.count where !a[i].isNaN { n += 1 }
      return n
    }
  }

  /// Sum of the non-NaN values (pairwise, so rounding error grows with log n).
  public func sum() -> Double {
    values.withUnsafeBufferPointer { Series.pairwiseSum($0) }
  }

  public func mean() -> Double {
    let n = validCount()
    return n == 0 ? .nan : sum() / Double(n)
  }

  /// Standard deviation of the non-NaN values with `ddof` delta degrees of freedom
  /// (1: sample, as pandas; 0: population, as TA-Lib's STDDEV). Two passes.
  public func std(ddof: Int = 1) -> Double {
    let n = validCount()
    guard n > ddof else { return .nan }
    let m = mean()
    var squares = 0.0
    for v in values where !v.isNaN { squares += (v - m) * (v - m) }
    return (squares / Double(n - ddof)).squareRoot()
  }

  public func min() -> Double {
    var result = Double.nan
    for v in values where !v.isNaN && !(v >= result) { result = v }
    return result
  }

  public func max() -> Double {
    var result = Double.nan
    for v in values where !v.isNaN && !(v <= result) { result = v }
    return result
  }

  /// The last non-NaN value; NaN when there is none.
  public var lastValid: Double {
    values.last { !$0.isNaN } ?? .nan
  }

  static func pairwiseSum(_ a: UnsafeBufferPointer<Double>) -> Double {
    if a.count <= 128 {
      var s0 = 0.0
      var s1 = 0.0
      var i = 0
      while i + 1 < a.count {
        if !a[i].isNaN { s0 += a[i] }
        if !a[i + 1].isNaN { s1 += a[i + 1] }
        i += 2
      }
      if i < a.count && !a[i].isNaN { s0 += a[i] }
      return s0 + s1
    }
    let half = a.count / 2
    return pairwiseSum(UnsafeBufferPointer(rebasing: a[0..<half]))
      + pairwiseSum(UnsafeBufferPointer(rebasing: a[half...]))
  }
}
