extension Timeframe {
  /// The timeframe of a time column: the most common positive spacing among the first
  /// 10,000 gaps, written in the largest unit that divides it (28–31 days read as `1M`).
  /// Nil with fewer than two rows or a spacing below one second.
  public static func infer(from time: [Int64]) -> Timeframe? {
    guard time.count >= 2 else { return nil }
    var counts: [Int64: Int] = [:]
    for i in 1..<min(time.count, 10_001) where time[i] > time[i - 1] {
      counts[time[i] - time[i - 1], default: 0] += 1
    }
    guard let mode = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key
    else {
      return nil
    }
    let second = UTCTime.nanosecondsPerSecond
    guard mode % second == 0 else { return nil }
    let seconds = mode / second
    if seconds >= 28 * 86_400 && seconds <= 31 * 86_400 { return Timeframe(count: 1, unit: .month) }
    let units: [(Int64, Unit)] = [
      (604_800, .week), (86_400, .day), (3_600, .hour), (60, .minute), (1, .second),
    ]
    for (size, unit) in units where seconds % size == 0 && seconds / size <= 1_000_000 {
      return Timeframe(count: Int(seconds / size), unit: unit)
    }
    return nil
  }
}
