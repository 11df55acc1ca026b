/// A boolean column: signals, filters, comparison results. One byte per element.
public struct Mask: Sendable, Equatable {
  public var values: [Bool]

  public init(_ values: [Bool]) {
    self.values = values
  }

  /// A mask of `count` elements produced by `body`, which must initialise every element.
  @inlinable
  public init(count: Int, initializingWith body: (UnsafeMutableBufferPointer<Bool>) -> Void) {
    self.values = [Bool](unsafeUninitializedCapacity: count) { buffer, initialized in
      body(buffer)
      initialized = count
    }
  }

  public var count: Int { values.count }

  /// 0-based access; bindings translate Lua's 1-based indices.
  public subscript(index: Int) -> Bool { values[index] }

  /// Element-wise AND; the lengths must agree.
  public func and(_ other: Mask) throws(SeriesError) -> Mask {
    guard count == other.count else { throw .lengthMismatch(count, other.count) }
    return values.withUnsafeBufferPointer { a in
      other.values.withUnsafeBufferPointer { b in
        Mask(count: a.count) { out in for i in 0..<a.count { out[i] = a[i] && b[i] } }
      }
    }
  }

  /// Element-wise OR; the lengths must agree.
  public func or(_ other: Mask) throws(SeriesError) -> Mask {
    guard count == other.count else { throw .lengthMismatch(count, other.count) }
    return values.withUnsafeBufferPointer { a in
      other.values.withUnsafeBufferPointer { b in
        Mask(count: a.count) { out in for i in 0..<a.count { out[i] = a[i] || b[i] } }
      }
    }
  }

  /// Element-wise NOT.
  public func not() -> Mask {
    values.withUnsafeBufferPointer { a in
      Mask(count: a.count) { out in for i in 0..<a.count { out[i] = !a[i] } }
    }
  }

  /// Number of true elements.
  public func trueCount() -> Int {
    values.withUnsafeBufferPointer { a in
      var total = 0
      for i in 0..<a.count where a[i] { total += 1 }
      return total
    }
  }

  /// 0-based positions of the true elements, ascending.
  public func indices() -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(trueCount())
    for i in 0..<values.count where values[i] { result.append(i) }
    return result
  }

  /// The mask shifted by `n` places (positive: later); vacated places are false.
  public func shifted(_ n: Int) -> Mask {
    values.withUnsafeBufferPointer { a in
      Mask(count: a.count) { out in
        for i in 0..<a.count {
          let source = i - n
          out[i] = source >= 0 && source < a.count ? a[source] : false
        }
      }
    }
  }
}
