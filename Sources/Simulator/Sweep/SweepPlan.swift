import MarketData

/// One shard of a sweep run on several machines: `--shard i/N` (1-based i).
///
/// Sharding is round-robin over the plan's enumeration order: combination j (0-based) goes
/// to shard (j mod N) + 1. Neighbouring combinations usually cost about the same, so the
/// shards get balanced work; the assignment depends only on j and N, so every machine
/// computes it alone, and `crescent sweep merge` puts row k of shard i back at
/// j = (i − 1) + k·N.
public struct SweepShard: Sendable, Equatable, CustomStringConvertible {
  /// 1-based.
  public let index: Int
  public let count: Int

  public static let whole = SweepShard(uncheckedIndex: 1, count: 1)

  init(uncheckedIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  public init(index: Int, count: Int) throws(SweepSpecError) {
    guard count >= 1 else { throw SweepSpecError("--shard i/N needs N >= 1, got \(index)/\(count)") }
    guard index >= 1 && index <= count else {
      throw SweepSpecError("--shard i/N needs 1 <= i <= N (i is 1-based), got \(index)/\(count)")
    }
    self.init(uncheckedIndex: index, count: count)
  }

  /// Parses `i/N`.
  public init(parsing text: String) throws(SweepSpecError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(String(parts[0]).trimmingSpaces), let n = Int(String(parts[1]).trimmingSpaces) else {
      throw SweepSpecError("--shard expects i/N such as 2/8 (1-based i), got \"\(text)\"")
    }
    try self.init(index: i, count: n)
  }

  public var description: String { "\(index)/\(count)" }

  /// The positions (0-based, ascending) of the `total` combinations this shard runs.
  public func positions(of total: Int) -> StrideTo<Int> {
    stride(from: index - 1, to: total, by: count)
  }

  /// How many of `total` combinations this shard runs.
  public func share(of total: Int) -> Int {
    total > index - 1 ? (total - index) / count + 1 : 0
  }
}

/// The combinations a sweep runs, in enumeration order: every grid combination, or a seeded
/// random sample of them (`--random N --seed S`).
///
/// Random search draws `n` distinct grid combinations uniformly (Floyd's algorithm over the
/// grid's indices with `RandomSource(seed:)`, so the same seed gives the same sample on every
/// machine) and runs them in ascending grid order; n ≥ the grid's size runs the whole grid.
public struct SweepPlan: Sendable, Equatable {
  public let grid: SweepGrid
  /// Grid indices of the combinations, ascending.
  public let indices: [Int]

  /// The whole grid.
  public init(grid: SweepGrid) {
    self.grid = grid
    indices = Array(0..<grid.count)
  }

  /// A random sample of `samples` combinations drawn with `seed`.
  public init(grid: SweepGrid, samples: Int, seed: UInt64) throws(SweepSpecError) {
    guard samples >= 1 else { throw SweepSpecError("--random needs a positive number of samples, got \(samples)") }
    self.grid = grid
    let total = grid.count
    if samples >= total {
      indices = Array(0..<total)
      return
    }
    var random = RandomSource(seed: seed)
    var chosen = Set<Int>(minimumCapacity: samples)
    for j in (total - samples)..<total {
      let t = Int(random.next() % UInt64(j + 1))
      if !chosen.insert(t).inserted { chosen.insert(j) }
    }
    indices = chosen.sorted()
  }

  public var count: Int { indices.count }

  /// The parameter values of combination `position` of the plan, in axis order.
  public func combination(_ position: Int) -> [SweepValue] {
    grid.combination(indices[position])
  }
}
