/// The annualisation factor for a bar spacing.
///
/// Convention: bars whose median spacing is between 20 hours and 4 days are trading days
/// (252 per year, quantstats' default); 4 to 25 days are weeks (52); longer spacings are
/// months (12). Intraday bars scale the trading days by the number of bars in 24 hours:
/// 252 × 86 400 s / spacing (hourly bars: 6 048). Pass an explicit value when the market's
/// hours differ (e.g. 252 × 6.5 for hourly US equities).
public enum PeriodsPerYear {
  public static let tradingDays = 252.0

  /// The factor for times in nanoseconds (ascending); 252 for fewer than two times.
  public static func infer(from time: [Int64]) -> Double {
    guard time.count > 1 else { return tradingDays }
    let median = Double(medianGap(time)) / 1e9
    let day = 86_400.0
    switch median {
    case ..<(20 * 3_600): return tradingDays * day / max(median, 1)
    case ..<(4 * day): return tradingDays
    case ..<(25 * day): return 52
    default: return 12
    }
  }

  /// The upper median of the gaps between consecutive times (the element at index n/2 of the
  /// sorted gaps). Regular bars have one gap that fills more than half of the positions, and
  /// such a majority value always covers the middle index, so a vote finds it in two passes
  /// without allocating; irregular spacings fall back to sorting.
  static func medianGap(_ time: [Int64]) -> Int64 {
    let n = time.count - 1
    var candidate: Int64 = 0
    var votes = 0
    for i in 1...n {
      let gap = time[i] - time[i - 1]
      if votes == 0 {
        candidate = gap
        votes = 1
      } else {
        votes += gap == candidate ? 1 : -1
      }
    }
    var count = 0
    for i in 1...n where time[i] - time[i - 1] == candidate { count += 1 }
    if count * 2 > n { return candidate }
    var gaps = (1...n).map { time[$0] - time[$0 - 1] }
    gaps.sort()
    return gaps[n / 2]
  }
}
