import Testing

@testable import MarketData

@Suite struct SeriesAlgebraTests {
  static let nan = Double.nan

  @Test func comparisonsGiveMasksAndNaNIsFalse() throws {
    let a = Series([1, 2, 3, Self.nan])
    let b = Series([3, 2, 1, 0])
    #expect(try a.gt(b) == Mask([false, false, true, false]))
    #expect(try a.ge(b) == Mask([false, true, true, false]))
    #expect(try a.lt(b) == Mask([true, false, false, false]))
    #expect(try a.le(b) == Mask([true, true, false, false]))
    #expect(try a.eq(b) == Mask([false, true, false, false]))
    #expect(a.gt(1.5) == Mask([false, true, true, false]))
    #expect(a.le(2) == Mask([true, true, false, false]))
    #expect(a.eq(3) == Mask([false, false, true, false]))
    #expect(a.ge(3) == Mask([false, false, true, false]))
    #expect(a.lt(3) == Mask([true, true, false, false]))
    #expect(throws: SeriesError.lengthMismatch(4, 1)) { try a.gt(Series([1])) }
  }

  @Test func maskLogic() throws {
    let a = Mask([true, true, false, false])
    let b = Mask([true, false, true, false])
    #expect(try a.and(b) == Mask([true, false, false, false]))
    #expect(try a.or(b) == Mask([true, true, true, false]))
    #expect(a.not() == Mask([false, false, true, true]))
    #expect(a.trueCount() == 2)
    #expect(b.indices() == [0, 2])
    #expect(Mask([]).indices() == [])
    #expect(a.shifted(1) == Mask([false, true, true, false]))
    #expect(throws: SeriesError.lengthMismatch(4, 2)) { try a.and(Mask([true, true])) }
    #expect(throws: SeriesError.lengthMismatch(4, 2)) { try a.or(Mask([true, true])) }
  }

  @Test func shiftDiffPctChange() {
    let s = Series([1, 2, 4, Self.nan, 8])
    #expect(s.shift(1) == Series([Self.nan, 1, 2, 4, Self.nan]))
    #expect(s.shift(-2) == Series([4, Self.nan, 8, Self.nan, Self.nan]))
    #expect(s.shift(0) == s)
    #expect(s.shift(9) == Series([Self.nan, Self.nan, Self.nan, Self.nan, Self.nan]))
    #expect(s.diff() == Series([Self.nan, 1, 2, Self.nan, Self.nan]))
    #expect(s.diff(2) == Series([Self.nan, Self.nan, 3, Self.nan, 4]))
    #expect(s.pctChange() == Series([Self.nan, 1, 1, Self.nan, Self.nan]))
    #expect(Series([]).shift(1).count == 0)
  }

  @Test func fillsAndCumsum() throws {
    let s = Series([Self.nan, 1, Self.nan, 3, Self.nan])
    #expect(s.fillna(0) == Series([0, 1, 0, 3, 0]))
    #expect(s.ffill() == Series([Self.nan, 1, 1, 3, 3]))
    #expect(s.cumsum() == Series([Self.nan, 1, Self.nan, 4, Self.nan]))
    #expect(
      try s.masked(by: Mask([true, true, false, true, true])) == Series([Self.nan, 1, Self.nan, 3, Self.nan]))
  }

  @Test func reductionsSkipNaNLikePandas() {
    let s = Series([2, Self.nan, 4, 4, 4, 5, 5, 7, 9])
    #expect(s.sum() == 40)
    #expect(s.mean() == 5)
    #expect(abs(s.std() - 2.138089935299395) < 1e-12)  // pandas Series.std()
    #expect(s.std(ddof: 0) == 2)
    #expect(s.min() == 2 && s.max() == 9)
    #expect(s.last == 9)
    #expect(Series([1, Self.nan]).last.isNaN)
    #expect(Series([1, Self.nan]).lastValid == 1)
    let empty = Series([Self.nan, Self.nan])
    #expect(empty.sum() == 0)
    #expect(empty.mean().isNaN && empty.std().isNaN && empty.min().isNaN && empty.max().isNaN)
    #expect(Series([3]).std().isNaN)
    var random = RandomSource(seed: 3)
    let long = Series((0..<10_001).map { _ in random.normal() })
    #expect(abs(long.sum() - long.values.reduce(0, +)) < 1e-9)
  }

  /// Brute-force reference: NaN through warm-up and wherever the window holds a NaN.
  func reference(_ s: [Double], _ window: Int, _ f: ([Double]) -> Double) -> Series {
    Series(
      s.indices.map { i in
        guard i >= window - 1 else { return .nan }
        let w = Array(s[(i - window + 1)...i])
        return w.contains { $0.isNaN } ? .nan : f(w)
      })
  }

  func close(_ a: Series, _ b: Series, tolerance: Double = 1e-9) -> Bool {
    guard a.count == b.count else { return false }
    for i in 0..<a.count {
      if a[i].isNaN != b[i].isNaN { return false }
      if !a[i].isNaN && abs(a[i] - b[i]) > tolerance * Swift.max(1, abs(b[i])) { return false }
    }
    return true
  }

  @Test func rollingWindowsMatchBruteForce() throws {
    var random = RandomSource(seed: 99)
    for length in [0, 1, 2, 3, 5, 10, 200] {
      var values = (0..<length).map { _ in 100 + 10 * random.normal() }
      if length > 20 {
        values[7] = .nan
        values[8] = .nan
        values[length - 1] = .nan
        values[length / 2] = .nan
      }
      for window in [1, 2, 3, 5, 10] {
        let s = Series(values)
        let mean = try s.rollingMean(window)
        let high = try s.rollingMax(window)
        let low = try s.rollingMin(window)
        let sample = try s.rollingStd(window)
        let population = try s.rollingStd(window, ddof: 0)
        #expect(close(mean, reference(values, window) { $0.reduce(0, +) / Double($0.count) }))
        #expect(close(high, reference(values, window) { $0.max() ?? .nan }))
        #expect(close(low, reference(values, window) { $0.min() ?? .nan }))
        #expect(close(sample, reference(values, window) { Series($0).std() }))
        #expect(close(population, reference(values, window) { Series($0).std(ddof: 0) }))
      }
    }
    #expect(throws: SeriesError.self) { try Series([1, 2]).rollingMean(0) }
    #expect(throws: SeriesError.self) { try Series([1, 2]).rollingStd(2, ddof: -1) }
  }

  @Test func rollingStdStaysAccurateOnLargeOffsets() throws {
    var random = RandomSource(seed: 5)
    let values = (0..<5_000).map { _ in 1e6 + random.normal() }
    let rolled = try Series(values).rollingStd(20)
    let expected = reference(values, 20) { Series($0).std() }
    #expect(close(rolled, expected, tolerance: 1e-6))
  }
}

@Suite struct BarsSliceTests {
  let bars: Bars

  init() throws {
    bars = try SyntheticBars(count: 10, seed: 1, timeframe: Timeframe(count: 1, unit: .hour)).generate()
  }

  @Test func byIndexClampsLikePython() {
    #expect(bars.slice(2..<5).time == Array(bars.time[2..<5]))
    #expect(bars.slice(8..<50).count == 2)
    #expect(bars.slice(20..<30).count == 0)
    #expect(bars.tail(3).close == Array(bars.close[7...]))
    #expect(bars.tail(30).count == 10)
    #expect(bars.tail(0).count == 0)
    #expect(bars.head(2).time == Array(bars.time[0..<2]))
    #expect(bars.slice(2..<5).symbol == bars.symbol)
  }

  @Test func byTimeIsHalfOpen() {
    let from = Fixture.t("2024-01-01T02:00:00Z")
    let to = Fixture.t("2024-01-01T05:00:00Z")
    let sliced = bars.slice(from: from, to: to)
    #expect(sliced.time == [from, from + 3_600_000_000_000, from + 7_200_000_000_000])
    #expect(bars.slice(from: Fixture.t("2024-01-01T02:30:00Z"), to: nil).count == 7)
    #expect(bars.slice(from: nil, to: Fixture.t("2023-01-01")).count == 0)
    #expect(bars.slice(from: to, to: from).count == 0)
  }
}

@Suite struct BarsValidateTests {
  @Test func inMemoryBarsFollowTheLoaderRules() throws {
    let good = try SyntheticBars(count: 50, seed: 2).generate()
    try good.validate()
    var bad = good
    bad.high[10] = bad.low[10] - 1
    #expect(throws: DataError.self) { try bad.validate() }
    bad = good
    bad.time[20] = bad.time[19]
    do {
      try bad.validate(name: "engine")
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .duplicate && error.description.contains("row 20"))
    }
    bad = good
    bad.close[3] = .nan
    #expect(throws: DataError.self) { try bad.validate() }
    bad = good
    bad.volume[4] = -1
    #expect(throws: DataError.self) { try bad.validate() }
    bad = good
    bad.volume[4] = .nan
    try bad.validate()
  }
}
