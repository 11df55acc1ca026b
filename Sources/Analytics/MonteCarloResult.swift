/// A per-run quantity of a Monte Carlo study; the raw value is its key in files and Lua.
public enum MonteCarloMetric: String, Sendable, CaseIterable {
  /// (final equity / initial cash − 1) × 100.
  case returnPercent = "return_pct"
  /// The deepest fall of the trade-by-trade path from its running peak, percent, ≤ 0.
  case maxDrawdownPercent = "max_drawdown_pct"
  case finalEquity = "final_equity"
}

/// One percentile of the equity across runs after each band step.
public struct MonteCarloBand: Sendable, Equatable {
  public var percentile: Double
  /// One value per `MonteCarloResult.bandSteps` entry.
  public var values: [Double]

  public init(percentile: Double, values: [Double]) {
    self.percentile = percentile
    self.values = values
  }
}

/// Per-run results, the original path, percentile bands and a few whole paths.
public struct MonteCarloResult: Sendable, Equatable {
  public var options: MonteCarloOptions
  public var initialCash: Double
  /// Closed trades the study drew from.
  public var trades: Int
  /// Ambiguous bars in the ledger (what `intrabar` resolves).
  public var ambiguousExits: Int
  /// Equity after 0, 1, …, n trades in their original order.
  public var original: [Double]
  /// Per run, in run order.
  public var finalEquity: [Double]
  public var maxDrawdownPercent: [Double]
  /// Share of runs whose equity reached `ruin` × initial cash; nil without `ruin`.
  public var ruinProbability: Double?
  /// Trade numbers (0...n) at which `bands` and `keptPaths` are sampled.
  public var bandSteps: [Int]
  /// Percentiles 5, 25, 50, 75 and 95 of the equity across runs at each band step.
  public var bands: [MonteCarloBand]
  /// The first `keptPaths` runs' equity at each band step.
  public var keptPaths: [[Double]]

  public init(
    options: MonteCarloOptions, initialCash: Double, trades: Int, ambiguousExits: Int, original: [Double],
    finalEquity: [Double], maxDrawdownPercent: [Double], ruinProbability: Double?, bandSteps: [Int],
    bands: [MonteCarloBand], keptPaths: [[Double]]
  ) {
    self.options = options
    self.initialCash = initialCash
    self.trades = trades
    self.ambiguousExits = ambiguousExits
    self.original = original
    self.finalEquity = finalEquity
    self.maxDrawdownPercent = maxDrawdownPercent
    self.ruinProbability = ruinProbability
    self.bandSteps = bandSteps
    self.bands = bands
    self.keptPaths = keptPaths
  }

  /// Per-run total return in percent.
  public var returnPercent: [Double] { finalEquity.map { ($0 / initialCash - 1) * 100 } }

  /// The per-run values of `metric`, in run order.
  public func values(_ metric: MonteCarloMetric) -> [Double] {
    switch metric {
    case .returnPercent: return returnPercent
    case .maxDrawdownPercent: return maxDrawdownPercent
    case .finalEquity: return finalEquity
    }
  }

  /// The value of `metric` for the trades in their original order.
  public func originalValue(_ metric: MonteCarloMetric) -> Double {
    switch metric {
    case .returnPercent: return ((original.last ?? initialCash) / initialCash - 1) * 100
    case .maxDrawdownPercent: return RiskMetrics.maxDrawdown(original) * 100
    case .finalEquity: return original.last ?? initialCash
    }
  }

  /// The reported percentiles of `metric` (linear interpolation, numpy's default).
  public func percentiles(_ metric: MonteCarloMetric) -> [(percentile: Double, value: Double)] {
    let sorted = values(metric).sorted()
    return options.reportedPercentiles.map { ($0, MonteCarlo.percentile(sorted: sorted, $0)) }
  }

  /// Mean of `metric` over the runs.
  public func mean(_ metric: MonteCarloMetric) -> Double {
    let v = values(metric)
    return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
  }
}

extension MonteCarlo {
  /// The `p`-th percentile (0...100) of ascending `sorted` values by linear interpolation
  /// between closest ranks: h = (n − 1) p / 100, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])
  /// (numpy's `percentile` default). NaN for no values.
  public static func percentile(sorted: [Double], _ p: Double) -> Double {
    guard let first = sorted.first else { return .nan }
    if sorted.count == 1 { return first }
    let h = Double(sorted.count - 1) * p / 100
    let lo = min(sorted.count - 1, max(0, Int(h.rounded(.down))))
    let hi = min(sorted.count - 1, lo + 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }
}
