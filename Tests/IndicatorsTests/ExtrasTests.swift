import Testing

@testable import Indicators

private func close(_ a: [Double], _ b: [Double], _ tol: Double = 1e-12) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy { x, y in
      (x.isNaN && y.isNaN) || abs(x - y) <= tol * Swift.max(1, abs(y))
    }
}

private func naiveWindow(_ x: [Double], _ p: Int, _ f: (ArraySlice<Double>) -> Double) -> [Double] {
  (0..<x.count).map { i in i >= p - 1 ? f(x[(i - p + 1)...i]) : .nan }
}

@Suite("Multi-period kernels")
struct MultiPeriodTests {
  /// SMA lanes equal single calls bit for bit; EMA lanes run the recurrence value by value
  /// while the single-period kernel goes in blocks of eight, so they agree to rounding.
  @Test func smaAndEmaEqualSinglePeriodCalls() throws {
    var x = walk(600)["close"] ?? []
    let periods = [1, 2, 10, 20, 50, 200, 7, 3, 500, 900]
    for round in 0..<2 {
      let many = try Indicators.sma(x, periods: periods)
      let manyE = try Indicators.ema(x, periods: periods)
      for (j, p) in periods.enumerated() {
        let one = try Indicators.sma(x, period: p)
        let oneE = try Indicators.ema(x, period: p)
        #expect(
          zip(many[j], one).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }, "sma \(p) round \(round)")
        #expect(close(manyE[j], oneE, 1e-13), "ema \(p) round \(round)")
      }
      x[0] = .nan
      x[300] = .nan
    }
    #expect(throws: IndicatorError.self) { try Indicators.sma(x, periods: []) }
    #expect(throws: IndicatorError.self) { try Indicators.sma(x, periods: [10, 0]) }
  }
}

@Suite("Indicators beyond TA-Lib")
struct ExtrasTests {
  let data = walk(300, seed: 11)
  var h: [Double] { data["high"] ?? [] }
  var l: [Double] { data["low"] ?? [] }
  var c: [Double] { data["close"] ?? [] }
  var o: [Double] { data["open"] ?? [] }

  @Test func crossings() throws {
    let a: [Double] = [1, 2, 3, 2, 1, .nan, 3, 1]
    let b: [Double] = [2, 2, 2, 2, 2, 2, 2, 2]
    #expect(try Indicators.crossover(a, b) == [false, false, true, false, false, false, false, false])
    #expect(try Indicators.crossunder(a, b) == [false, false, false, false, true, false, false, true])
    #expect(Indicators.crossover(a, level: 2) == (try Indicators.crossover(a, b)))
    #expect(throws: IndicatorError.self) { try Indicators.crossover(a, [1]) }
    #expect(try Indicators.crossover([], []) == [])
  }

  @Test func vwapRestartsEachSession() throws {
    let hour: Int64 = 3_600_000_000_000
    let t: [Int64] = [22, 23, 24, 25].map { $0 * hour }
    let hi: [Double] = [3, 6, 9, 12], lo: [Double] = [3, 6, 9, 12], cl: [Double] = [3, 6, 9, 12]
    let v: [Double] = [1, 3, 2, 0]
    let w = try Indicators.vwap(time: t, high: hi, low: lo, close: cl, volume: v)
    #expect(w[0] == 3)
    #expect(w[1] == (3 + 18) / 4.0)
    #expect(w[2] == 9)  // new UTC day
    #expect(w[3] == 9)  // zero volume keeps the session's VWAP
    let shifted = try Indicators.vwap(time: t, high: hi, low: lo, close: cl, volume: v, offset: 23 * hour)
    #expect(shifted[0] == 3 && shifted[1] == 6)
    #expect(throws: IndicatorError.self) {
      try Indicators.vwap(time: t, high: hi, low: lo, close: cl, volume: v, session: 0)
    }
  }

  @Test func donchianKeltnerZscore() throws {
    let d = try Indicators.donchian(high: h, low: l, period: 20)
    #expect(close(d.upper, naiveWindow(h, 20) { $0.max() ?? .nan }))
    #expect(close(d.lower, naiveWindow(l, 20) { $0.min() ?? .nan }))
    #expect(close(d.middle, zip(d.upper, d.lower).map { ($0 + $1) / 2 }))
    let k = try Indicators.keltner(high: h, low: l, close: c, period: 20, multiplier: 2, atrPeriod: 10)
    let e = try Indicators.ema(c, period: 20), a = try Indicators.atr(high: h, low: l, close: c, period: 10)
    let up = zip(e, a).enumerated().map { i, p in i < 19 ? Double.nan : p.0 + 2 * p.1 }
    #expect(close(k.upper, up))
    let z = try Indicators.zscore(c, period: 20)
    let naive = naiveWindow(c, 20) { w in
      let m = w.reduce(0, +) / 20
      let sd = (w.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 20).squareRoot()
      return ((w.last ?? 0) - m) / sd
    }
    #expect(close(z, naive, 1e-9))
  }

  @Test func heikinAshiAndPivots() throws {
    let ha = try Indicators.heikinAshi(open: o, high: h, low: l, close: c)
    var po = (o[0] + c[0]) / 2
    for i in 0..<c.count {
      let cl = (o[i] + h[i] + l[i] + c[i]) / 4
      if i > 0 { po = (ha.open[i - 1] + ha.close[i - 1]) / 2 }
      #expect(ha.open[i] == po && ha.close[i] == cl)
      #expect(ha.high[i] == Swift.max(h[i], po, cl) && ha.low[i] == Swift.min(l[i], po, cl))
    }
    let pv = try Indicators.pivots(high: h, low: l, close: c)
    #expect(pv.pivot[0].isNaN)
    let p = (h[9] + l[9] + c[9]) / 3
    #expect(pv.pivot[10] == p && pv.r1[10] == 2 * p - l[9] && pv.s1[10] == 2 * p - h[9])
    #expect(pv.r2[10] == p + (h[9] - l[9]) && pv.s3[10] == l[9] - 2 * (h[9] - p))
  }

  @Test func ichimokuShifts() throws {
    let r = try Indicators.ichimoku(high: h, low: l, close: c)
    let mid = { (p: Int) in
      zip(naiveWindow(self.h, p) { $0.max() ?? .nan }, naiveWindow(self.l, p) { $0.min() ?? .nan }).map {
        ($0 + $1) / 2
      }
    }
    #expect(close(r.tenkan, mid(9)) && close(r.kijun, mid(26)))
    #expect(r.senkouA[100] == (r.tenkan[74] + r.kijun[74]) / 2)
    #expect(r.senkouB[100] == mid(52)[74])
    #expect(r.chikou[100] == c[126] && r.chikou[299].isNaN)
  }

  @Test func supertrendFollowsItsBands() throws {
    let s = try Indicators.supertrend(high: h, low: l, close: c, period: 10, multiplier: 3)
    let atr = try Indicators.atr(high: h, low: l, close: c, period: 10)
    #expect(s.line[9].isNaN && !s.line[10].isNaN)
    for i in 10..<c.count {
      let mid = (h[i] + l[i]) / 2
      #expect(s.direction[i] == 1 || s.direction[i] == -1)
      // In an uptrend the line is below the close, in a downtrend above it, on flips too.
      if s.direction[i] == 1 { #expect(s.line[i] <= c[i]) }
      if s.direction[i] == -1 { #expect(s.line[i] >= c[i]) }
      // The line never sits farther than multiplier·ATR beyond the bar's midpoint on the
      // side it ratchets from.
      if s.direction[i] == 1 { #expect(s.line[i] >= mid - 3 * atr[i] - 1e-9) }
      if s.direction[i] == -1 { #expect(s.line[i] <= mid + 3 * atr[i] + 1e-9) }
    }
    #expect(Set(s.direction[10...]).count == 2, "a 300-bar walk should flip at least once")
  }
}
