import MarketData
import Simulator

/// How `Stability.periods` cuts the data.
public enum StabilitySplit: Sendable, Equatable {
  /// N consecutive periods with equal bar counts (the first `count mod N` get one bar more).
  case periods(Int)
  /// One period per UTC calendar year present in the data.
  case years
}

/// One sub-period: bars with `from <= time < to` (`to` nil: through the last bar).
public struct StabilityPeriod: Sendable, Equatable {
  /// "1", "2", … for equal periods; the year ("2021") for calendar years.
  public var label: String
  public var from: Int64
  public var to: Int64?
  /// Bar times in the period (of the merged time axis of all symbols).
  public var bars: Int

  public init(label: String, from: Int64, to: Int64?, bars: Int) {
    self.label = label
    self.from = from
    self.to = to
    self.bars = bars
  }
}

/// The spread of one statistic across periods, over its finite values.
///
/// `std` is the sample deviation (n − 1; NaN below two values). `cv` = std / |mean|, given
/// only when every value has the same strict sign (all > 0 or all < 0): a coefficient of
/// variation means nothing for a quantity that crosses zero (returns, Sharpe); NaN else.
public struct Dispersion: Sendable, Equatable {
  public var count: Int
  public var mean: Double
  public var std: Double
  public var min: Double
  public var max: Double
  public var cv: Double

  public init(_ values: [Double]) {
    let finite = values.filter(\.isFinite)
    count = finite.count
    guard !finite.isEmpty else {
      (mean, std, min, max, cv) = (.nan, .nan, .nan, .nan, .nan)
      return
    }
    let m = finite.reduce(0, +) / Double(finite.count)
    mean = m
    var squares = 0.0
    for v in finite { squares += (v - m) * (v - m) }
    std = finite.count > 1 ? (squares / Double(finite.count - 1)).squareRoot() : .nan
    min = finite.min() ?? .nan
    max = finite.max() ?? .nan
    let oneSign = finite.allSatisfy { $0 > 0 } || finite.allSatisfy { $0 < 0 }
    cv = oneSign && std.isFinite ? std / abs(m) : .nan
  }
}

/// One parameter set over several sub-periods: each period's stats.json values and the
/// dispersion of every numeric one (`start` and `end` are texts and have none).
public struct StabilityReport: Sendable {
  public var periods: [StabilityPeriod]
  public var stats: [PerformanceStats]

  public init(periods: [StabilityPeriod], stats: [PerformanceStats]) {
    self.periods = periods
    self.stats = stats
  }

  /// stats.json's numeric keys, in its order.
  public static var numericKeys: [String] {
    PerformanceStats.empty.numericValues.compactMap { $0.value == nil ? nil : $0.key }
  }

  /// The keys whose values are counts (bars, trades, ambiguous_exits).
  public static var integerKeys: Set<String> {
    Set(PerformanceStats.empty.keyedValues.compactMap { key, value in
      if case .integer = value { return key }
      return nil
    })
  }

  /// The numeric stats of each period, keyed as stats.json (integers as Double).
  public var table: [[String: Double]] {
    stats.map { s in
      var row: [String: Double] = [:]
      for (key, value) in s.numericValues { if let value { row[key] = value } }
      return row
    }
  }

  /// The dispersion of each numeric statistic across the periods, in stats.json's order.
  public var dispersion: [(key: String, value: Dispersion)] {
    let rows = table
    return Self.numericKeys.map { key in (key, Dispersion(rows.map { $0[key] ?? .nan })) }
  }
}

extension PerformanceStats {
  /// The stats of a run without bars or trades: every key, values NaN.
  static let empty = PerformanceStats(BacktestResult(
    symbols: [], trades: [], openTrades: [], time: [], equity: [], exposed: [], rejections: [], skipped: [:],
    ambiguity: AmbiguityLedger(), commissions: 0, initialCash: 1, firstClose: [], lastClose: []))

  /// stats.json's keys with their numeric values (integers as Double; nil for the texts
  /// `start` and `end`).
  var numericValues: [(key: String, value: Double?)] {
    keyedValues.map { key, value in
      switch value {
      case .text: return (key, nil)
      case let .integer(n): return (key, Double(n))
      case let .number(x): return (key, x)
      }
    }
  }
}

/// Sub-periods for stability studies.
public enum Stability {
  /// Cuts the ascending bar `times` (the merged axis of all symbols) into periods. Each
  /// period needs at least two bars: an error names the split that leaves one too short.
  public static func periods(times: [Int64], split: StabilitySplit) throws(StudyError) -> [StabilityPeriod] {
    var starts: [Int] = []
    var labels: [String] = []
    switch split {
    case let .periods(n):
      guard n >= 1 else { throw .invalid(field: "periods", expected: "an integer >= 1", got: "\(n)") }
      guard times.count >= 2 * n else {
        throw .invalid(field: "periods", expected: "at most \(times.count / 2) periods for \(times.count) bars (2 bars each)", got: "\(n)")
      }
      let size = times.count / n, extra = times.count % n
      var start = 0
      for k in 0..<n {
        starts.append(start)
        labels.append(String(k + 1))
        start += size + (k < extra ? 1 : 0)
      }
    case .years:
      var year = Int.min
      for (i, t) in times.enumerated() {
        let y = UTCTime.civil(days: Int(UTCTime.floorDivide(t, UTCTime.nanosecondsPerDay).0)).year
        if y != year {
          starts.append(i)
          labels.append(String(y))
          year = y
        }
      }
    }
    var periods: [StabilityPeriod] = []
    for (k, start) in starts.enumerated() {
      let end = k + 1 < starts.count ? starts[k + 1] : times.count
      if end - start < 2 {
        throw .invalid(field: "by", expected: "at least 2 bars in every period", got: "\(end - start) in \(labels[k])")
      }
      periods.append(StabilityPeriod(label: labels[k], from: times[start], to: end < times.count ? times[end] : nil, bars: end - start))
    }
    return periods
  }

  /// The ascending distinct times of several bar series.
  public static func mergedTimes(_ series: [[Int64]]) -> [Int64] {
    if series.count == 1, let only = series.first { return only }
    return Array(Set(series.joined())).sorted()
  }
}
