import Testing

@testable import MarketData

@Suite struct SeriesTests {
  @Test func arithmeticWithSeriesAndScalars() throws {
    let a = Series([1, 2, 3, .nan])
    let b = Series([4, 5, 6, 7])
    #expect(try a.combined(.add, b) == Series([5, 7, 9, .nan]))
    #expect(try a.combined(.subtract, b) == Series([-3, -3, -3, .nan]))
    #expect(try a.combined(.multiply, b) == Series([4, 10, 18, .nan]))
    #expect(try b.combined(.divide, a) == Series([4, 2.5, 2, .nan]))
    #expect(a.combined(.subtract, scalar: 1) == Series([0, 1, 2, .nan]))
    #expect(a.combined(.subtract, scalar: 1, scalarFirst: true) == Series([0, -1, -2, .nan]))
    #expect(a.combined(.divide, scalar: 2, scalarFirst: true) == Series([2, 1, 2.0 / 3.0, .nan]))
    #expect(a.negated() == Series([-1, -2, -3, .nan]))
    #expect(Series([1, 0]).combined(.divide, scalar: 0).values[1].isNaN)
  }

  @Test func lengthMismatchIsAnError() {
    #expect(throws: SeriesError.lengthMismatch(2, 3)) {
      try Series([1, 2]).combined(.add, Series([1, 2, 3]))
    }
  }

  @Test func emptySeries() throws {
    #expect(try Series([]).combined(.add, Series([])).count == 0)
    #expect(Series([]).last.isNaN)
  }
}
