/// Multi-timeframe alignment without look-ahead.
extension Bars {
  /// For each bar of `lower`, the index of the last bar of `self` (a higher timeframe) that
  /// was complete when that lower bar closed, or -1 when none was.
  ///
  /// A lower bar starting at `t` closes at `t + its length`; a higher bar is complete at its
  /// end (`Timeframe.end(ofBarStartingAt:)`, capped by the start of the next higher bar, so
  /// session bars end no later than the next session opens). A higher bar is exposed only
  /// when its end is at or before the lower bar's close: an unfinished bar never is.
  /// - Throws: when either timeframe is unknown and cannot be inferred.
  public func alignmentIndices(to lower: Bars) throws(SeriesError) -> [Int] {
    guard let higherFrame = timeframe ?? Timeframe.infer(from: time) else {
      throw .invalidArgument("self", expected: "bars with a known timeframe", got: "\(count) bars")
    }
    guard let lowerFrame = lower.timeframe ?? Timeframe.infer(from: lower.time) else {
      throw .invalidArgument("bars", expected: "bars with a known timeframe", got: "\(lower.count) bars")
    }
    var result = [Int](repeating: -1, count: lower.count)
    var j = -1
    for i in 0..<lower.count {
      let lowerClose = lowerFrame.end(ofBarStartingAt: lower.time[i])
      while j + 1 < count {
        var end = higherFrame.end(ofBarStartingAt: time[j + 1])
        if j + 2 < count { end = Swift.min(end, time[j + 2]) }
        guard end <= lowerClose else { break }
        j += 1
      }
      result[i] = j
    }
    return result
  }

  /// `self` (a higher timeframe) spread over the bars of `lower`: row `i` holds the last
  /// higher bar completed by the close of `lower`'s bar `i` (NaN before the first), with
  /// `lower`'s times. See `alignmentIndices(to:)`.
  public func align(to lower: Bars) throws(SeriesError) -> Bars {
    let indices = try alignmentIndices(to: lower)
    func spread(_ column: [Double]) -> [Double] {
      Series(count: indices.count) { out in
        for i in 0..<indices.count { out[i] = indices[i] >= 0 ? column[indices[i]] : .nan }
      }.values
    }
    return Bars(
      time: lower.time, open: spread(open), high: spread(high), low: spread(low), close: spread(close),
      volume: spread(volume), symbol: symbol, timeframe: lower.timeframe)
  }
}
