/// Position-wise transforms. Each result is one allocation of the input's length; NaN in
/// the input gives NaN in the output where the formula reads it.
extension Series {
  /// Values moved `n` places later (`n < 0`: earlier); vacated places are NaN.
  /// `shift(1)[i] == self[i - 1]`.
  public func shift(_ n: Int) -> Series {
    values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        for i in 0..<a.count {
          let source = i &- n
          out[i] = source >= 0 && source < a.count ? a[source] : .nan
        }
      }
    }
  }

  /// `self[i] - self[i - n]`; the first `n` values are NaN.
  public func diff(_ n: Int = 1) -> Series {
    values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        for i in 0..<a.count {
          let source = i &- n
          out[i] = source >= 0 && source < a.count ? a[i] - a[source] : .nan
        }
      }
    }
  }

  /// `self[i] / self[i - n] - 1`; the first `n` values are NaN. Missing values are not
  /// filled first (unlike pandas' deprecated default), so NaN propagates.
  public func pctChange(_ n: Int = 1) -> Series {
    values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        for i in 0..<a.count {
          let source = i &- n
          out[i] = source >= 0 && source < a.count ? a[i] / a[source] - 1 : .nan
        }
      }
    }
  }

  /// NaN replaced by `value`.
  public func fillna(_ value: Double) -> Series {
    values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in for i in 0..<a.count { out[i] = a[i].isNaN ? value : a[i] } }
    }
  }

  /// NaN replaced by the last non-NaN value before it; leading NaN stay NaN.
  public func ffill() -> Series {
    values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        var last = Double.nan
        for i in 0..<a.count {
          if !a[i].isNaN { last = a[i] }
          out[i] = last
        }
      }
    }
  }

  /// Running sum. As in pandas, NaN positions stay NaN and are skipped by the sum.
  public func cumsum() -> Series {
    values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        var total = 0.0
        for i in 0..<a.count {
          if a[i].isNaN {
            out[i] = .nan
          } else {
            total += a[i]
            out[i] = total
          }
        }
      }
    }
  }

  /// Values where `mask` is true, NaN elsewhere; the lengths must agree.
  public func masked(by mask: Mask) throws(SeriesError) -> Series {
    guard count == mask.count else { throw .lengthMismatch(count, mask.count) }
    return values.withUnsafeBufferPointer { a in
      mask.values.withUnsafeBufferPointer { m in
        Series(count: a.count) { out in for i in 0..<a.count { out[i] = m[i] ? a[i] : .nan } }
      }
    }
  }
}
