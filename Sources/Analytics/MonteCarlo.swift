import MarketData
import Simulator

/// How a Monte Carlo run rearranges a backtest's trades.
public enum MonteCarloMethod: String, Sendable, CaseIterable {
  /// The same trades in a random order (a uniformly random permutation per run).
  case shuffle
  /// As many trades drawn with replacement from the trade list.
  case bootstrap
  /// The trades in their order, each ambiguous bar of the ambiguity ledger resolved at random.
  case intrabar
}

/// Settings of a Monte Carlo study; `validate()` names the first bad one.
public struct MonteCarloOptions: Sendable, Equatable {
  /// Number of simulated paths (≥ 1).
  public var runs: Int
  /// Seed of the `RandomSource` stream: the same seed gives bit-identical results anywhere.
  public var seed: UInt64
  public var method: MonteCarloMethod
  /// Percentiles to report, in (0, 100); 5, 25, 50, 75 and 95 are always included.
  public var percentiles: [Double]
  /// true: trades compound — each trade's P&L is taken as a fraction of the closed-trade
  /// equity before it, and paths multiply those fractions (so a shuffle keeps the final
  /// equity). false: each trade adds its P&L in currency (a fixed-size account).
  public var compound: Bool
  /// Ruin level as a fraction of the initial cash: a path is ruined when its equity falls to
  /// this level or below at any trade. nil: no ruin probability.
  public var ruin: Double?
  /// `intrabar`: the probability that an ambiguous bar resolves stop first, in [0, 1].
  public var stopFirstProbability: Double
  /// Paths kept whole for charts (the first ones simulated).
  public var keptPaths: Int

  public static let standardPercentiles: [Double] = [5, 25, 50, 75, 95]

  public init(
    runs: Int = 1000, seed: UInt64 = 1, method: MonteCarloMethod = .shuffle, percentiles: [Double] = [],
    compound: Bool = true, ruin: Double? = nil, stopFirstProbability: Double = 0.5, keptPaths: Int = 100
  ) {
    self.runs = runs
    self.seed = seed
    self.method = method
    self.percentiles = percentiles
    self.compound = compound
    self.ruin = ruin
    self.stopFirstProbability = stopFirstProbability
    self.keptPaths = keptPaths
  }

  /// The standard percentiles and the asked ones, ascending, without repeats.
  public var reportedPercentiles: [Double] {
    Array(Set(Self.standardPercentiles + percentiles)).sorted()
  }

  public func validate() throws(StudyError) {
    guard runs >= 1 && runs <= 10_000_000 else {
      throw .invalid(field: "runs", expected: "an integer in 1...10000000", got: "\(runs)")
    }
    for p in percentiles where !(p > 0 && p < 100) {
      throw .invalid(field: "percentiles", expected: "numbers in (0, 100)", got: "\(p)")
    }
    if let ruin, !(ruin >= 0 && ruin < 1) {
      throw .invalid(field: "ruin", expected: "a fraction of the initial cash in [0, 1)", got: "\(ruin)")
    }
    guard stopFirstProbability >= 0 && stopFirstProbability <= 1 else {
      throw .invalid(field: "stop_first", expected: "a probability in [0, 1]", got: "\(stopFirstProbability)")
    }
    guard keptPaths >= 0 else { throw .invalid(field: "paths", expected: "an integer >= 0", got: "\(keptPaths)") }
  }
}

/// A Monte Carlo or stability study that cannot run: the field, what was expected, what came.
public enum StudyError: Error, Equatable, CustomStringConvertible {
  case invalid(field: String, expected: String, got: String)

  public var description: String { "'\(field)' \(requirement)" }

  /// The option at fault.
  public var field: String {
    switch self {
    case let .invalid(field, _, _): return field
    }
  }

  /// "must be <expected>, got <got>".
  public var requirement: String {
    switch self {
    case let .invalid(_, expected, got): return "must be \(expected), got \(got)"
    }
  }
}

/// Monte Carlo over a backtest's closed trades (`BacktestResult.trades`, in closing order;
/// trades still open at the end are left out).
///
/// Each run builds an equity path with one point per trade, starting at the initial cash:
/// with `compound`, E_k = E_{k−1} × (1 + g), g being the trade's P&L over the closed-trade
/// equity before it in the original run (initial cash plus the earlier trades' P&L) — not
/// `return_pct`, which is relative to the position's value and ignores sizing; without
/// `compound`, E_k = E_{k−1} + P&L. Per run: final equity, total return in percent and the
/// maximum drawdown of the path in percent (≤ 0; drawdown between trades, not within them).
///
/// Randomness: one `RandomSource(seed:)` stream, read in run order. A shuffle is a
/// Fisher–Yates pass over the identity order (for i = n−1 down to 1, swap i with a uniform
/// j in 0...i); a bootstrap draws n uniform indices in 0..<n; `intrabar` draws one uniform
/// u per ambiguous bar, in ledger order, and takes the stop-first P&L when u < p, else the
/// favourable-first P&L, replacing the booked P&L of the bar's first trade row (later sizing
/// is not re-simulated; with `compound` the changed P&L is taken over the same equity as
/// before). Uniform integers below n use rejection sampling on 64-bit draws (no modulo bias).
public enum MonteCarlo {
  /// The most band points kept per path (the percentile bands and kept paths are sampled at
  /// evenly spaced trade numbers including the first and the last).
  public static let maxBandSteps = 400
  /// The most equity values held for the bands (runs × band points; 128 MB).
  public static let bandBudget = 16_000_000

  public static func run(_ result: BacktestResult, options: MonteCarloOptions) throws(StudyError) -> MonteCarloResult {
    try options.validate()
    let cash = result.initialCash
    let pnl = result.trades.map(\.pnl)
    var before = [Double](repeating: 0, count: pnl.count)
    var closed = cash
    for (k, value) in pnl.enumerated() {
      if options.compound && !(closed > 0) {
        throw .invalid(
          field: "compound", expected: "positive closed-trade equity before every trade (else use compound = false)",
          got: "equity \(closed) before trade \(k + 1)")
      }
      before[k] = closed
      closed += value
    }
    let exits = result.ambiguity.exits
    if options.method == .intrabar, let bad = exits.first(where: { $0.tradeIndex >= pnl.count }) {
      throw .invalid(field: "ambiguity", expected: "exits of closed trades", got: "trade index \(bad.tradeIndex)")
    }
    var study = MonteCarloStudy(cash: cash, pnl: pnl, before: before, exits: exits, options: options)
    return study.simulate()
  }
}
