import Foundation
import Testing

@testable import Indicators

/// Straightforward one-chain (or per-window) versions of TA-Lib's formulas, against which the
/// kernels' long-input paths (four lanes, blocked prefix sums, grouped blocks) are checked.
private enum Reference {
  static func rsi(_ x: [Double], _ p: Int) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    guard x.count > p else { return out }
    var gain = 0.0, loss = 0.0
    for i in 1...p {
      let d = x[i] - x[i - 1]
      if d < 0 { loss -= d } else { gain += d }
    }
    gain /= Double(p)
    loss /= Double(p)
    func value() -> Double { isZero(gain + loss) ? 0 : 100 * gain / (gain + loss) }
    out[p] = value()
    for i in (p + 1)..<x.count {
      let d = x[i] - x[i - 1]
      gain = (gain * Double(p - 1) + Swift.max(d, 0)) / Double(p)
      loss = (loss * Double(p - 1) + Swift.max(-d, 0)) / Double(p)
      out[i] = value()
    }
    return out
  }

  static func trueRange(_ h: [Double], _ l: [Double], _ c: [Double], _ i: Int) -> Double {
    Swift.max(h[i] - l[i], abs(c[i - 1] - h[i]), abs(c[i - 1] - l[i]))
  }

  static func atr(_ h: [Double], _ l: [Double], _ c: [Double], _ p: Int, normalized: Bool) -> [Double] {
    var out = [Double](repeating: .nan, count: c.count)
    guard c.count > p else { return out }
    var atr = (1...p).reduce(0.0) { $0 + trueRange(h, l, c, $1) } / Double(p)
    func value(_ i: Int) -> Double { normalized ? (isZero(c[i]) ? 0 : atr / c[i] * 100) : atr }
    out[p] = value(p)
    for i in (p + 1)..<c.count {
      atr = (atr * Double(p - 1) + trueRange(h, l, c, i)) / Double(p)
      out[i] = value(i)
    }
    return out
  }

  static func regression(_ y: [Double], _ p: Int, _ what: RegressionValue) -> [Double] {
    var out = [Double](repeating: .nan, count: y.count)
    let dp = Double(p)
    let sumX = dp * (dp - 1) / 2
    let sumXSqr = dp * (dp - 1) * (2 * dp - 1) / 6
    for today in Swift.max(p - 1, 0)..<y.count {
      var sumY = 0.0, sumXY = 0.0
      for i in 0..<p {
        sumY += y[today - i]
        sumXY += Double(i) * y[today - i]
      }
      let m = (dp * sumXY - sumX * sumY) / (sumX * sumX - dp * sumXSqr)
      let b = (sumY - m * sumX) / dp
      switch what {
      case .value: out[today] = b + m * (dp - 1)
      case .forecast: out[today] = b + m * dp
      case .slope: out[today] = m
      case .intercept: out[today] = b
      case .angle: out[today] = atan(m) * 180 / Double.pi
      }
    }
    return out
  }

  static func correl(_ x: [Double], _ y: [Double], _ p: Int) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    for i in Swift.max(p - 1, 0)..<x.count {
      let xs = x[(i - p + 1)...i], ys = y[(i - p + 1)...i]
      let mx = xs.reduce(0, +) / Double(p), my = ys.reduce(0, +) / Double(p)
      var sxx = 0.0, syy = 0.0, sxy = 0.0
      for (a, b) in zip(xs, ys) {
        sxx += (a - mx) * (a - mx)
        syy += (b - my) * (b - my)
        sxy += (a - mx) * (b - my)
      }
      out[i] = sxx * syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
    return out
  }

  static func window(_ x: [Double], _ p: Int, _ f: (ArraySlice<Double>) -> Double) -> [Double] {
    (0..<x.count).map { i in i < p - 1 ? .nan : f(x[(i - p + 1)...i]) }
  }

  static func ultosc(_ h: [Double], _ l: [Double], _ c: [Double], _ periods: [Int]) -> [Double] {
    let ps = periods.sorted()
    var out = [Double](repeating: .nan, count: c.count)
    guard c.count > ps[2] else { return out }
    for today in ps[2]..<c.count {
      var v = 0.0
      for (k, weight) in zip(ps, [4.0, 2.0, 1.0]) {
        var a = 0.0, b = 0.0
        for i in (today - k + 1)...today {
          a += c[i] - Swift.min(l[i], c[i - 1])
          b += trueRange(h, l, c, i)
        }
        if !isZero(b) { v += weight * a / b }
      }
      out[today] = 100 * v / 7
    }
    return out
  }
}

@Suite("Long-input kernel paths equal the one-chain formulas")
struct LaneKernelTests {
  /// Lengths that engage the four-lane and blocked paths, with every remainder modulo 4, and
  /// ones just past the point where the lanes start (for RSI/ATR at period 14).
  static let lengths: [Int] = {
    let start = 15 + 8 * warmUpBars(decay: 13.0 / 14.0)
    return [2_000, 20_000, 20_001, 20_002, 20_003, start - 1, start, start + 1, start + 5]
  }()

  func check(_ got: [Double], _ want: [Double], _ what: String) {
    #expect(got.count == want.count, "\(what): length")
    if let bad = firstMismatch(got, want, inputScale: 100) { Issue.record("\(what): \(bad)") }
  }

  func series(_ n: Int, seed: UInt64 = 11) -> (h: [Double], l: [Double], c: [Double], o: [Double]) {
    let w = walk(n, seed: seed)
    return (w["high"] ?? [], w["low"] ?? [], w["close"] ?? [], w["open"] ?? [])
  }

  @Test("RSI, CMO's chain, ATR and NATR", arguments: lengths)
  func wilder(n: Int) throws {
    let s = series(n)
    for p in [2, 14, 50] {
      check(try Indicators.rsi(s.c, period: p), Reference.rsi(s.c, p), "rsi(\(p)) n=\(n)")
      check(
        try Catalog.atr.single([s.h, s.l, s.c], [Double(p)]),
        Reference.atr(s.h, s.l, s.c, p, normalized: false), "atr(\(p)) n=\(n)")
      check(
        try Catalog.natr.single([s.h, s.l, s.c], [Double(p)]),
        Reference.atr(s.h, s.l, s.c, p, normalized: true), "natr(\(p)) n=\(n)")
    }
  }

  @Test("LINEARREG family and CORREL", arguments: lengths)
  func regression(n: Int) throws {
    let s = series(n, seed: 5)
    let names: [(String, RegressionValue)] = [
      ("linearreg", .value), ("tsf", .forecast), ("linearreg_slope", .slope),
      ("linearreg_intercept", .intercept), ("linearreg_angle", .angle),
    ]
    for p in [2, 14, 30] {
      for (name, what) in names {
        let d = try Indicators.descriptor(named: name)
        let got = try d.compute([s.c], [Double(p)])[0]
        check(got, Reference.regression(s.c, p, what), "\(name)(\(p)) n=\(n)")
      }
    }
    let correl = try Indicators.descriptor(named: "correl")
    for p in [1, 5, 30] {
      check(try correl.compute([s.c, s.o], [Double(p)])[0], Reference.correl(s.c, s.o, p), "correl(\(p)) n=\(n)")
    }
  }

  @Test("MAX, MIN, MIDPOINT, MIDPRICE and ULTOSC", arguments: lengths)
  func windows(n: Int) throws {
    let s = series(n, seed: 9)
    for p in [2, 3, 7, 30] {
      let maxD = try Indicators.descriptor(named: "max"), minD = try Indicators.descriptor(named: "min")
      check(try maxD.compute([s.c], [Double(p)])[0], Reference.window(s.c, p) { $0.max() ?? .nan }, "max(\(p))")
      check(try minD.compute([s.c], [Double(p)])[0], Reference.window(s.c, p) { $0.min() ?? .nan }, "min(\(p))")
      let mid = try Indicators.descriptor(named: "midpoint").compute([s.c], [Double(p)])[0]
      check(mid, Reference.window(s.c, p) { (($0.max() ?? .nan) + ($0.min() ?? .nan)) / 2 }, "midpoint(\(p))")
    }
    for periods in [[7, 14, 28], [1, 2, 3], [28, 7, 600]] {
      check(
        try Catalog.ultosc.single([s.h, s.l, s.c], periods.map(Double.init)),
        Reference.ultosc(s.h, s.l, s.c, periods), "ultosc(\(periods)) n=\(n)")
    }
  }

  @Test("constant long series: the lanes' zero guards give TA-Lib's zeros and flat lines")
  func constant() throws {
    let n = 20_001
    let flat = [Double](repeating: 7.5, count: n)
    for name in ["rsi", "atr", "natr", "ultosc", "correl", "linearreg_slope", "linearreg_angle"] {
      let d = try Indicators.descriptor(named: name)
      let ins = d.inputs.map { _ in flat }
      let out = try d.compute(ins)[0]
      let lb = try d.lookback()
      #expect(out[lb...].allSatisfy { $0 == 0 }, "\(name) of a constant")
    }
    for name in ["linearreg", "tsf", "linearreg_intercept", "max", "min", "midpoint"] {
      let d = try Indicators.descriptor(named: name)
      let out = try d.compute([flat])[0]
      let lb = try d.lookback()
      #expect(out[lb...].allSatisfy { abs($0 - 7.5) < 1e-12 }, "\(name) of a constant")
    }
  }

  @Test("NaN at the start, middle and end of a long input: each run is computed on its own")
  func gaps() throws {
    let n = 30_000
    let s = series(n, seed: 13)
    let gaps = [0, 1, n / 2, n / 2 + 1, n - 1]
    var holed = s.c
    for g in gaps { holed[g] = .nan }
    var runs: [Range<Int>] = []
    var start = 0
    for g in gaps + [n] {
      if g > start { runs.append(start..<g) }
      start = g + 1
    }
    for name in ["rsi", "linearreg", "linearreg_angle", "tsf", "max", "min", "midpoint"] {
      let d = try Indicators.descriptor(named: name)
      let got = try d.compute([holed])[0]
      for g in gaps { #expect(got[g].isNaN, "\(name) at gap \(g)") }
      for r in runs {
        let part = try d.compute([Array(s.c[r])])[0]
        check(Array(got[r]), part, "\(name) run \(r)")
      }
    }
  }

  @Test("atan4 is within 2 ulp of the C library's atan, from 0 to ±∞")
  func arctangent() {
    var xs: [Double] = [0, 1e-300, 1e-20, 1e-8, 0.5, 0.66, 0.66.nextUp, 0.66.nextDown, 1]
    xs += [2.414_213_562_373_095, 2.414_213_562_373_095.nextUp, 10, 1e8, 1e20, 1e300, .greatestFiniteMagnitude]
    var state: UInt64 = 1
    for _ in 0..<200_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1
      xs.append(pow(10, Double(state >> 11) / Double(1 << 53) * 24 - 12))
    }
    var worst = 0.0
    for x in xs {
      for v in [x, -x] {
        let got = atan4(SIMD4(repeating: v))[0]
        let want = atan(v)
        worst = Swift.max(worst, want == 0 ? abs(got) : abs(got - want) / abs(want))
      }
    }
    #expect(worst <= 2 * Double.ulpOfOne, "worst relative error \(worst)")
    let special = atan4(SIMD4(.infinity, -.infinity, .nan, -0.0))
    #expect(special[0] == Double.pi / 2 && special[1] == -Double.pi / 2)
    #expect(special[2].isNaN && special[3] == 0 && special[3].sign == .minus)
  }
}
