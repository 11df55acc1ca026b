/// DESIGN.md's rules for bars built in memory (by an engine, a script or a conversion) rather
/// than loaded: the same checks the loader applies to each row and to the time column.
extension Bars {
  /// Throws at the first violation: times not strictly increasing, a non-finite price,
  /// high below max(open, close) or low above min(open, close), a negative or infinite
  /// volume (NaN volume, meaning "no volume", is allowed). `name` stands for the source in
  /// the message; the 0-based row appears in the expected phrase.
  public func validate(name: String = "bars") throws(DataError) {
    for i in 0..<count {
      if !(open[i].isFinite && high[i].isFinite && low[i].isFinite && close[i].isFinite) {
        let (column, value) =
          !open[i].isFinite
          ? ("open", open[i])
          : !high[i].isFinite ? ("high", high[i]) : !low[i].isFinite ? ("low", low[i]) : ("close", close[i])
        throw DataError(
          .nonFinite, file: name, column: column, value: "\(value)", expected: "a finite price at row \(i)")
      }
      if high[i] < Swift.max(open[i], close[i]) || high[i] < low[i] {
        throw DataError(
          .ohlc, file: name, column: "high", value: "\(high[i])",
          expected: "a high >= max(open, close, low) at row \(i)")
      }
      if low[i] > Swift.min(open[i], close[i]) {
        throw DataError(
          .ohlc, file: name, column: "low", value: "\(low[i])",
          expected: "a low <= min(open, close) at row \(i)")
      }
      if volume[i] < 0 || volume[i] == .infinity {
        throw DataError(
          .volume, file: name, column: "volume", value: "\(volume[i])",
          expected: "a finite volume >= 0 at row \(i)")
      }
      if i > 0 && time[i] <= time[i - 1] {
        throw DataError(
          time[i] == time[i - 1] ? .duplicate : .unsorted, file: name, column: "time",
          value: UTCTime.iso(time[i]),
          expected: "a time after \(UTCTime.iso(time[i - 1])) at row \(i)")
      }
    }
  }
}
