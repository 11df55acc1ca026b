import MarketData
import Simulator

/// The simulation loop of `MonteCarlo.run`: one pass per run over contiguous buffers
/// allocated once, writing each run's metrics and its band points.
struct MonteCarloStudy {
  let cash: Double
  let pnl: [Double]
  let before: [Double]
  let exits: [AmbiguousExit]
  let options: MonteCarloOptions
  var random: RandomSource

  init(cash: Double, pnl: [Double], before: [Double], exits: [AmbiguousExit], options: MonteCarloOptions) {
    self.cash = cash
    self.pnl = pnl
    self.before = before
    self.exits = exits
    self.options = options
    random = RandomSource(seed: options.seed)
  }

  /// The value a trade adds to a path: its growth fraction (compound) or its P&L.
  func value(_ k: Int, pnl p: Double) -> Double { options.compound ? p / before[k] : p }

  /// Trade numbers (0 = the start, n = after the last trade) where bands are sampled: every
  /// one up to `MonteCarlo.maxBandSteps`, and fewer when runs × points would pass
  /// `MonteCarlo.bandBudget` (at least the start and the end).
  static func steps(trades n: Int, runs: Int) -> [Int] {
    let points = min(MonteCarlo.maxBandSteps, max(2, MonteCarlo.bandBudget / max(1, runs)))
    if n + 1 <= points { return Array(0...n) }
    let last = points - 1
    return (0...last).map { Int((Double($0) * Double(n) / Double(last)).rounded()) }
  }

  mutating func simulate() -> MonteCarloResult {
    let n = pnl.count
    let runs = options.runs
    let base = (0..<n).map { value($0, pnl: pnl[$0]) }
    let steps = Self.steps(trades: n, runs: runs)
    let stepCount = steps.count
    let keep = min(options.keptPaths, runs)
    var values = base
    var order = Array(0..<n)
    var finals = [Double](repeating: 0, count: runs)
    var drawdowns = [Double](repeating: 0, count: runs)
    var band = [Double](repeating: 0, count: runs * stepCount)
    var kept: [[Double]] = []
    var ruined = 0
    let ruinLevel = options.ruin.map { $0 * cash } ?? -Double.infinity
    let compound = options.compound
    for run in 0..<runs {
      prepare(values: &values, order: &order, base: base)
      var equity = cash
      var peak = cash
      var deepest = 0.0
      var hitRuin = equity <= ruinLevel
      var next = 0
      let row = run * stepCount
      values.withUnsafeBufferPointer { v in
        order.withUnsafeBufferPointer { o in
          band.withUnsafeMutableBufferPointer { b in
            if steps[0] == 0 {
              b[row] = equity
              next = 1
            }
            for k in 0..<n {
              let x = v[o[k]]
              equity = compound ? equity * (1 + x) : equity + x
              peak = max(peak, equity)
              deepest = min(deepest, equity / peak - 1)
              hitRuin = hitRuin || equity <= ruinLevel
              while next < stepCount && steps[next] == k + 1 {
                b[row + next] = equity
                next += 1
              }
            }
          }
        }
      }
      finals[run] = equity
      drawdowns[run] = deepest * 100
      if hitRuin { ruined += 1 }
      if run < keep { kept.append(Array(band[row..<row + stepCount])) }
    }
    let original = Self.path(cash: cash, values: base, compound: compound)
    var bands: [MonteCarloBand] = []
    var column = [Double](repeating: 0, count: runs)
    var columns = [[Double]](repeating: [], count: MonteCarloOptions.standardPercentiles.count)
    for s in 0..<stepCount {
      for run in 0..<runs { column[run] = band[run * stepCount + s] }
      column.sort()
      for (i, p) in MonteCarloOptions.standardPercentiles.enumerated() {
        columns[i].append(MonteCarlo.percentile(sorted: column, p))
      }
    }
    for (i, p) in MonteCarloOptions.standardPercentiles.enumerated() {
      bands.append(MonteCarloBand(percentile: p, values: columns[i]))
    }
    return MonteCarloResult(
      options: options, initialCash: cash, trades: n, ambiguousExits: exits.count, original: original,
      finalEquity: finals, maxDrawdownPercent: drawdowns,
      ruinProbability: options.ruin.map { _ in Double(ruined) / Double(runs) },
      bandSteps: steps, bands: bands, keptPaths: kept)
  }

  /// Sets this run's trade order (shuffle, bootstrap) or trade values (intrabar).
  mutating func prepare(values: inout [Double], order: inout [Int], base: [Double]) {
    let n = order.count
    switch options.method {
    case .shuffle:
      for k in 0..<n { order[k] = k }
      var i = n - 1
      while i > 0 {
        order.swapAt(i, random.below(i + 1))
        i -= 1
      }
    case .bootstrap:
      for k in 0..<n { order[k] = random.below(n) }
    case .intrabar:
      // A trade's value is linear in its P&L, so the change adds on.
      for exit in exits { values[exit.tradeIndex] = base[exit.tradeIndex] }
      for exit in exits {
        let stopFirst = random.uniform() < options.stopFirstProbability
        let change = (stopFirst ? exit.stopFirstPnL : exit.favourableFirstPnL) - exit.bookedPnL
        values[exit.tradeIndex] += value(exit.tradeIndex, pnl: change)
      }
    }
  }

  /// The equity path of the trades in their original order (n + 1 points).
  static func path(cash: Double, values: [Double], compound: Bool) -> [Double] {
    var out = [Double](repeating: cash, count: values.count + 1)
    var equity = cash
    for (k, x) in values.enumerated() {
      equity = compound ? equity * (1 + x) : equity + x
      out[k + 1] = equity
    }
    return out
  }
}

extension RandomSource {
  /// A uniform integer in 0..<n (n ≥ 1): 64-bit draws below (2⁶⁴ − n) mod n are rejected,
  /// the rest taken mod n, so every value is equally likely and the stream is portable.
  mutating func below(_ n: Int) -> Int {
    let bound = UInt64(n)
    let threshold = (0 &- bound) % bound
    while true {
      let r = next()
      if r >= threshold { return Int(r % bound) }
    }
  }
}
