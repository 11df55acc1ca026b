import Foundation
import Simulator

/// The length of a walk-forward window: a number of bars (`500`) or a duration (`90d`).
///
/// Durations accept the units `s`, `m` (minutes), `h`, `d` and `w` with a positive integer
/// (`36h`, `90d`, `12w`). Months and years vary in length, so they are refused with a hint
/// to use days.
public enum WindowLength: Sendable, Equatable, CustomStringConvertible {
  case bars(Int)
  /// Nanoseconds.
  case duration(Int64, text: String)

  public static func parse(_ text: String, option: String) throws(SweepSpecError) -> WindowLength {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let n = Int(trimmed) {
      guard n >= 2 else { throw SweepSpecError("--\(option) needs at least 2 bars, got \(n)") }
      return .bars(n)
    }
    guard let unit = trimmed.last, let count = Int64(trimmed.dropLast()), count > 0 else {
      throw SweepSpecError(
        "--\(option) expects a number of bars (500) or a duration such as 90d, 12w, 36h, got \"\(text)\"")
    }
    let seconds: Int64
    switch unit {
    case "s": seconds = 1
    case "m": seconds = 60
    case "h": seconds = 3_600
    case "d": seconds = 86_400
    case "w": seconds = 604_800
    case "M", "y", "Y":
      throw SweepSpecError("--\(option) \"\(text)\": months and years vary in length; give days instead, e.g. 180d")
    default:
      throw SweepSpecError("--\(option) \"\(text)\": unknown unit '\(unit)'; use s, m (minutes), h, d or w")
    }
    let (ns, overflow) = (count * seconds).multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { throw SweepSpecError("--\(option) \"\(text)\" is too long") }
    return .duration(ns, text: trimmed)
  }

  public var description: String {
    switch self {
    case let .bars(n): return "\(n) bars"
    case let .duration(_, text): return text
    }
  }
}

/// One walk-forward window: optimise on `train`, evaluate on `test` (bar index ranges,
/// half-open). `test` starts where `train` ends, so they never overlap.
public struct WalkForwardWindow: Sendable, Equatable {
  /// 1-based.
  public var number: Int
  public var train: Range<Int>
  public var test: Range<Int>
}

/// A bad walk-forward layout for the data at hand (exit code 3: the data is too short).
public struct WalkForwardDataError: Error, Sendable, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}

/// Walk-forward window generation.
public enum WalkForward {
  /// The windows over bars with times `time` (ascending ns).
  ///
  /// Rolling (default): each training window has the train length and ends where its test
  /// window starts; the next window moves forward by one test length, so the test windows
  /// tile the data after the first training window without gaps or overlaps. Anchored:
  /// every training window starts at the first bar and grows by one test length per window.
  ///
  /// In bars, window k (0-based) tests bars [train + k·test, train + (k+1)·test). With
  /// durations the same arithmetic runs on times from the first bar's time (a window holds
  /// the bars with start ≤ time < end). Only whole test windows are kept: a tail shorter than
  /// one test length (for durations: a window ending after the last bar's time plus one bar
  /// spacing) is left out. Windows whose training or test part holds fewer than 2 bars (gaps
  /// in the data) are skipped; the rest are numbered 1, 2, … Train and test must both be
  /// bars or both be durations.
  public static func windows(
    time: [Int64], train: WindowLength, test: WindowLength, anchored: Bool
  ) throws -> [WalkForwardWindow] {
    let n = time.count
    var ranges: [(Range<Int>, Range<Int>)] = []
    switch (train, test) {
    case let (.bars(trainBars), .bars(testBars)):
      guard trainBars + testBars <= n else {
        throw WalkForwardDataError(
          message: "--train \(trainBars) + --test \(testBars) bars need at least \(trainBars + testBars) bars, the data has \(n)")
      }
      var trainEnd = trainBars
      while trainEnd + testBars <= n {
        ranges.append(((anchored ? 0 : trainEnd - trainBars)..<trainEnd, trainEnd..<(trainEnd + testBars)))
        trainEnd += testBars
      }
    case let (.duration(trainNs, trainText), .duration(testNs, testText)):
      guard let first = time.first, let last = time.last, n >= 4 else {
        throw WalkForwardDataError(message: "walk-forward needs at least 4 bars, the data has \(n)")
      }
      let spacing = n > 1 ? medianSpacing(time) : 0
      let limit = last + spacing
      guard first + trainNs + testNs <= limit else {
        throw WalkForwardDataError(
          message: "--train \(trainText) + --test \(testText) are longer than the data (\(UTCTimeSpan.text(limit - first)))")
      }
      var trainEndTime = first + trainNs
      while trainEndTime + testNs <= limit {
        let a = anchored ? 0 : lowerBound(time, trainEndTime - trainNs)
        let b = lowerBound(time, trainEndTime)
        let c = lowerBound(time, trainEndTime + testNs)
        ranges.append((a..<b, b..<c))
        trainEndTime += testNs
      }
    default:
      throw SweepSpecError("--train and --test must both be bars (500) or both durations (90d), got \(train) and \(test)")
    }
    var windows: [WalkForwardWindow] = []
    for (trainRange, testRange) in ranges where trainRange.count >= 2 && testRange.count >= 2 {
      windows.append(WalkForwardWindow(number: windows.count + 1, train: trainRange, test: testRange))
    }
    guard !windows.isEmpty else {
      throw WalkForwardDataError(message: "no walk-forward window holds at least 2 training and 2 test bars")
    }
    return windows
  }

  /// Walk-forward efficiency: mean out-of-sample metric ÷ mean in-sample metric over the
  /// windows where both are defined; NaN when no window qualifies or the in-sample mean is
  /// not positive (a ratio to a loss or zero says nothing).
  ///
  /// Use annualised metrics: training windows are longer than test windows, so raw
  /// returns are not comparable. `efficiencyMetric(for:)` gives the key to compare.
  public static func efficiency(inSample: [Double], outOfSample: [Double]) -> Double {
    var sumIn = 0.0
    var sumOut = 0.0
    var count = 0
    for (a, b) in zip(inSample, outOfSample) where a.isFinite && b.isFinite {
      sumIn += a
      sumOut += b
      count += 1
    }
    guard count > 0, sumIn > 0 else { return .nan }
    return sumOut / sumIn
  }

  /// The stats key compared by `efficiency` for an optimised `metric`: `return_pct` is
  /// compared as `cagr_pct` (the same return, annualised, so windows of different lengths
  /// compare); every other key as itself (Sharpe, Sortino and CAGR are annualised already;
  /// rates and per-trade figures do not depend on the window's length).
  public static func efficiencyMetric(for metric: String) -> String {
    metric == "return_pct" ? "cagr_pct" : metric
  }

  static func lowerBound(_ time: [Int64], _ value: Int64) -> Int {
    var (lo, hi) = (0, time.count)
    while lo < hi {
      let mid = (lo + hi) / 2
      if time[mid] < value { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  static func medianSpacing(_ time: [Int64]) -> Int64 {
    var gaps = (1..<time.count).map { time[$0] - time[$0 - 1] }
    gaps.sort()
    return gaps[gaps.count / 2]
  }
}

/// Human text for a span of nanoseconds (`412d 6h`).
enum UTCTimeSpan {
  static func text(_ ns: Int64) -> String {
    let hours = ns / 3_600_000_000_000
    return hours >= 24 ? "\(hours / 24)d \(hours % 24)h" : "\(hours)h \(ns / 60_000_000_000 % 60)m"
  }
}
