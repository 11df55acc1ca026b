/// Sub-ranges of bars. Each copies the selected rows (one allocation per column).
extension Bars {
  /// Rows `range` (0-based, half-open), clamped to the bars like a Python slice.
  public func slice(_ range: Range<Int>) -> Bars {
    let lower = Swift.max(0, Swift.min(range.lowerBound, count))
    let upper = Swift.max(lower, Swift.min(range.upperBound, count))
    return Bars(
      time: Array(time[lower..<upper]), open: Array(open[lower..<upper]), high: Array(high[lower..<upper]),
      low: Array(low[lower..<upper]), close: Array(close[lower..<upper]),
      volume: Array(volume[lower..<upper]),
      symbol: symbol, timeframe: timeframe)
  }

  /// Rows with `from <= time < to` (nanoseconds, UTC); nil bounds are open.
  public func slice(from: Int64?, to: Int64?) -> Bars {
    let lower = from.map(firstIndex(notBefore:)) ?? 0
    let upper = to.map(firstIndex(notBefore:)) ?? count
    return slice(lower..<Swift.max(lower, upper))
  }

  /// The last `n` rows (all when `n >= count`, none when `n <= 0`).
  public func tail(_ n: Int) -> Bars {
    slice(Swift.max(0, count - Swift.max(0, n))..<count)
  }

  /// The first `n` rows.
  public func head(_ n: Int) -> Bars {
    slice(0..<Swift.max(0, n))
  }

  /// Index of the first bar whose time is >= `t` (binary search; `count` when none).
  public func firstIndex(notBefore t: Int64) -> Int {
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if time[middle] < t { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
