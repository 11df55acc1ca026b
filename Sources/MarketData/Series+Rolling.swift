/// Rolling-window statistics over the last `window` values, ending at each position.
///
/// As in pandas' `rolling(window)` (min_periods = window): the first `window - 1` results
/// are NaN, and so is every result whose window holds a NaN. Each runs in O(n) whatever the
/// window, with one allocation.
extension Series {
  private func checkWindow(_ window: Int) throws(SeriesError) {
    guard window >= 1 else { throw .invalidArgument("window", expected: "an integer >= 1", got: "\(window)") }
  }

  /// Mean of each window (running sum, recomputed after each NaN leaves the window).
  public func rollingMean(_ window: Int) throws(SeriesError) -> Series {
    try checkWindow(window)
    return values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        var sum = 0.0
        var lastNaN = -1
        var fresh = true
        for i in 0..<a.count {
          if a[i].isNaN {
            lastNaN = i
            fresh = true
            out[i] = .nan
            continue
          }
          if i - lastNaN < window {
            out[i] = .nan
            continue
          }
          if fresh {
            sum = 0
            for j in (i - window + 1)...i { sum += a[j] }
            fresh = false
          } else {
            sum += a[i] - a[i - window]
          }
          out[i] = sum / Double(window)
        }
      }
    }
  }

  /// Standard deviation of each window with `ddof` delta degrees of freedom (1 by default,
  /// as pandas); a window of `ddof` or fewer values gives NaN. Sliding Welford update.
  public func rollingStd(_ window: Int, ddof: Int = 1) throws(SeriesError) -> Series {
    try checkWindow(window)
    guard ddof >= 0 else { throw .invalidArgument("ddof", expected: "an integer >= 0", got: "\(ddof)") }
    let divisor = Double(window - ddof)
    return values.withUnsafeBufferPointer { a in
      Series(count: a.count) { out in
        var mean = 0.0
        var m2 = 0.0
        var lastNaN = -1
        var fresh = true
        for i in 0..<a.count {
          if a[i].isNaN {
            lastNaN = i
            fresh = true
            out[i] = .nan
            continue
          }
          if i - lastNaN < window || window <= ddof {
            out[i] = .nan
            continue
          }
          if fresh {
            mean = 0
            m2 = 0
            var n = 0.0
            for j in (i - window + 1)...i {
              n += 1
              let delta = a[j] - mean
              mean += delta / n
              m2 += delta * (a[j] - mean)
            }
            fresh = false
          } else {
            let added = a[i]
            let removed = a[i - window]
            let newMean = mean + (added - removed) / Double(window)
            m2 += (added - removed) * (added - newMean + removed - mean)
            mean = newMean
          }
          out[i] = (Swift.max(m2, 0) / divisor).squareRoot()
        }
      }
    }
  }

  /// Largest value of each window (monotonic deque).
  public func rollingMax(_ window: Int) throws(SeriesError) -> Series {
    try checkWindow(window)
    return rollingExtreme(window) { $0 >= $1 }
  }

  /// Smallest value of each window (monotonic deque).
  public func rollingMin(_ window: Int) throws(SeriesError) -> Series {
    try checkWindow(window)
    return rollingExtreme(window) { $0 <= $1 }
  }

  /// `dominates(a, b)`: a newer value `a` makes an older `b` irrelevant.
  private func rollingExtreme(_ window: Int, _ dominates: (Double, Double) -> Bool) -> Series {
    values.withUnsafeBufferPointer { a in
      var deque = [Int](repeating: 0, count: Swift.min(window, a.count) + 1)
      return deque.withUnsafeMutableBufferPointer { ring in
        Series(count: a.count) { out in
          let capacity = ring.count
          var head = 0
          var size = 0
          var lastNaN = -1
          for i in 0..<a.count {
            let value = a[i]
            if value.isNaN {
              lastNaN = i
              size = 0
              out[i] = .nan
              continue
            }
            while size > 0 && dominates(value, a[ring[(head + size - 1) % capacity]]) { size -= 1 }
            ring[(head + size) % capacity] = i
            size += 1
            while ring[head] <= i - window {
              head = (head + 1) % capacity
              size -= 1
            }
            out[i] = i - lastNaN < window ? .nan : a[ring[head]]
          }
        }
      }
    }
  }
}
