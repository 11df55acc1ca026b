import Simulator

/// A sweep's results: one row per combination in the plan's enumeration order, each with the
/// parameter values and the run's stats (the stats.json keys).
public struct SweepTable: Sendable {
  public struct Row: Sendable {
    /// The combination's position in the plan (0-based): the tie-breaker of the ranking.
    public var position: Int
    public var params: [SweepValue]
    public var stats: [(key: String, value: PerformanceStats.Value)]

    public init(position: Int, params: [SweepValue], stats: PerformanceStats) {
      self.init(position: position, params: params, stats: stats.keyedValues)
    }

    public init(position: Int, params: [SweepValue], stats: [(key: String, value: PerformanceStats.Value)]) {
      self.position = position
      self.params = params
      self.stats = stats
    }

    /// The numeric value of stats key `key`; NaN when absent, text or null.
    public func metric(_ key: String) -> Double {
      guard let value = stats.first(where: { $0.key == key })?.value else { return .nan }
      switch value {
      case let .integer(n): return Double(n)
      case let .number(x): return x
      case .text: return .nan
      }
    }

    /// The number of closed trades (the `trades` key).
    public var trades: Int { Int(exactly: metric("trades")) ?? 0 }
  }

  public var paramNames: [String]
  public var rows: [Row]

  public init(paramNames: [String], rows: [Row]) {
    self.paramNames = paramNames
    self.rows = rows
  }

  /// The stats keys a metric may name: the numeric keys of stats.json.
  public static let metricKeys: [String] = PerformanceStats.keys.filter { $0 != "start" && $0 != "end" }

  /// Checks that `metric` is a numeric stats.json key, naming the nearest one when not.
  public static func validate(metric: String) throws(SweepSpecError) {
    guard !metricKeys.contains(metric) else { return }
    let hint = Spelling.nearest(to: metric, in: metricKeys).map { " (did you mean '\($0)'?)" } ?? ""
    throw SweepSpecError("--metric '\(metric)' is not a stats key\(hint); keys: \(metricKeys.joined(separator: ", "))")
  }

  /// The rows eligible under the constraints, best first: highest `metric` first (every
  /// metric is maximised: `max_drawdown_pct` is ≤ 0, so the shallowest drawdown ranks first),
  /// ties broken by enumeration order. Rows with fewer than `minTrades` trades or a NaN
  /// metric (undefined, e.g. Sharpe of a flat curve) are left out.
  public func ranked(by metric: String, minTrades: Int = 0) -> [Row] {
    rows.filter { $0.trades >= minTrades && !$0.metric(metric).isNaN }
      .sorted { a, b in
        let (x, y) = (a.metric(metric), b.metric(metric))
        return x != y ? x > y : a.position < b.position
      }
  }

  /// The best eligible row, or nil when none qualifies.
  public func best(by metric: String, minTrades: Int = 0) -> Row? {
    ranked(by: metric, minTrades: minTrades).first
  }
}

extension PerformanceStats {
  /// The stats.json keys in their documented order.
  public static let keys: [String] = [
    "start", "end", "bars", "trades", "return_pct", "buy_hold_return_pct", "cagr_pct", "sharpe", "sortino", "calmar",
    "max_drawdown_pct", "profit_factor", "expectancy", "win_rate_pct", "avg_trade_pct", "best_trade_pct",
    "worst_trade_pct", "avg_bars_held", "exposure_pct", "sqn", "final_equity", "commissions", "ambiguous_exits",
  ]
}

/// Nearest-name suggestions for error messages (Levenshtein distance ≤ 1/3 of the length).
public enum Spelling {
  public static func nearest(to name: String, in known: [String]) -> String? {
    let a = Array(name.lowercased())
    var best: (String, Int)?
    for candidate in known {
      let b = Array(candidate.lowercased())
      var previous = Array(0...b.count)
      for i in 1...max(a.count, 1) where !a.isEmpty {
        var current = [i] + [Int](repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
          current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
      }
      let distance = a.isEmpty ? b.count : previous[b.count]
      if distance <= max(2, b.count / 3), distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
  }
}
