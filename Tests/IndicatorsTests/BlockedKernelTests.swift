import Foundation
import Testing

@testable import Indicators

/// Relative difference with an absolute floor near zero.
private func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
  if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
  return abs(a - b) <= tolerance * Swift.max(abs(a), abs(b), 1e-3)
}

/// EMA value by value, as TA-Lib computes it (SMA seed, then e + (x − e)·k).
private func referenceEMA(_ x: [Double], _ p: Int) -> [Double] {
  var out = [Double](repeating: .nan, count: x.count)
  guard x.count >= p else { return out }
  let k = 2.0 / (Double(p) + 1)
  var e = x[0..<p].reduce(0, +) / Double(p)
  out[p - 1] = e
  for i in p..<x.count {
    e += (x[i] - e) * k
    out[i] = e
  }
  return out
}

/// Supertrend with a separate ATR pass and the bands' rules as branches.
private func referenceSupertrend(_ h: [Double], _ l: [Double], _ c: [Double], _ p: Int, _ m: Double)
  -> (line: [Double], direction: [Double])
{
  let n = c.count
  var line = [Double](repeating: .nan, count: n), dir = line
  guard n > p else { return (line, dir) }
  func tr(_ i: Int) -> Double { Swift.max(h[i] - l[i], abs(c[i - 1] - h[i]), abs(c[i - 1] - l[i])) }
  var atr = (1...p).reduce(0.0) { $0 + tr($1) } / Double(p)
  var upper = 0.0, lower = 0.0, up = true
  for i in p..<n {
    if i > p { atr = atr * (Double(p - 1) / Double(p)) + tr(i) * (1 / Double(p)) }
    let mid = (h[i] + l[i]) / 2
    let bu = mid + m * atr, bl = mid - m * atr
    if i == p {
      upper = bu
      lower = bl
      up = !(c[i] < lower)
    } else {
      if bu < upper || c[i - 1] > upper { upper = bu }
      if bl > lower || c[i - 1] < lower { lower = bl }
      if up && c[i] < lower { up = false } else if !up && c[i] > upper { up = true }
    }
    line[i] = up ? lower : upper
    dir[i] = up ? 1 : -1
  }
  return (line, dir)
}

@Suite("Blocked and fused kernels against value-by-value references")
struct BlockedKernelTests {
  static let long = walk(200_000, seed: 11)

  @Test("EMA in blocks of eight equals the value-by-value recurrence", arguments: [1, 2, 5, 30, 200, 2000, 20_000])
  func emaLong(period: Int) throws {
    let x = Self.long["close"] ?? []
    let got = try Indicators.ema(x, period: period)
    let want = referenceEMA(x, period)
    // e·(1 − k) + x·k and TA-Lib's e + (x − e)·k differ by a bias of about ulp(1)/k relative
    // (1 − k and its powers are rounded): ~2e-12 at period 20,000.
    let tolerance = Swift.max(1e-13, 3e-16 * Double(period))
    var worst = 0.0
    for i in x.indices where !want[i].isNaN { worst = Swift.max(worst, abs(got[i] - want[i]) / abs(want[i])) }
    #expect(worst <= tolerance, "ema(\(period)) worst relative difference \(worst)")
    #expect(got.prefix(period - 1).allSatisfy(\.isNaN) && !got[period - 1].isNaN)
  }

  @Test("EMA at every length around the block boundaries, period 1, constant, sign changes")
  func emaLengths() throws {
    let x = (walk(400, seed: 5)["close"] ?? []).map { $0 - 100 }  // crosses zero
    for p in [1, 3, 9] {
      for n in [0, 1, p - 1, p, p + 1, p + 7, p + 8, p + 63, p + 64, p + 65, p + 71, p + 72, p + 73, 400]
      where n >= 0 {
        let part = Array(x[0..<n])
        let got = try Indicators.ema(part, period: p)
        let want = referenceEMA(part, p)
        #expect(got.count == n)
        for i in 0..<n { #expect(close(got[i], want[i], 1e-12), "ema(\(p)) n=\(n) [\(i)]") }
      }
    }
    let flat = try Indicators.ema([Double](repeating: 7.25, count: 300), period: 10)
    #expect(flat[9...].allSatisfy { abs($0 - 7.25) < 1e-12 })
  }

  @Test("EMA with NaN at the start, middle and end restarts after each gap")
  func emaGaps() throws {
    var x = Self.long["close"]?.prefix(5000).map { $0 } ?? []
    for g in [0, 2500, 4999] { x[g] = .nan }
    let got = try Indicators.ema(x, period: 20)
    for r in [1..<2500, 2501..<4999] {
      let want = referenceEMA(Array(x[r]), 20)
      for (k, i) in r.enumerated() { #expect(close(got[i], want[k], 1e-12), "ema gap run [\(i)]") }
    }
    #expect(got[0].isNaN && got[2500].isNaN && got[4999].isNaN)
  }

  @Test("Supertrend in one pass equals ATR then bands", arguments: [1, 2, 10, 14, 50])
  func supertrend(period: Int) throws {
    let d = walk(20_000, seed: 9)
    let (h, l, c) = (d["high"] ?? [], d["low"] ?? [], d["close"] ?? [])
    for n in [0, 1, period - 1, period, period + 1, period + 2, 20_000] where n >= 0 {
      let got = try Indicators.supertrend(
        high: Array(h[0..<n]), low: Array(l[0..<n]), close: Array(c[0..<n]), period: period, multiplier: 2.5)
      let want = referenceSupertrend(Array(h[0..<n]), Array(l[0..<n]), Array(c[0..<n]), Swift.max(period, 1), 2.5)
      for i in 0..<n {
        #expect(close(got.line[i], want.line[i], 1e-12), "supertrend(\(period)) n=\(n) line[\(i)]")
        #expect(close(got.direction[i], want.direction[i], 0), "supertrend(\(period)) n=\(n) direction[\(i)]")
      }
    }
    let flat = [Double](repeating: 3, count: 60)
    let s = try Indicators.supertrend(high: flat, low: flat, close: flat, period: period, multiplier: 3)
    #expect(s.line[Swift.max(period, 1)...].allSatisfy { $0 == 3 })
  }

  @Test("arctangent(y, over: x) and its fraction are within 1e-15 relative of atan(y / x)")
  func arctangentAccuracy() {
    var state: UInt64 = 99
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var worst = 0.0
    for _ in 0..<200_000 {
      let y = (next() - 0.5) * pow(10, next() * 16 - 8)
      let x = (next() - 0.5) * pow(10, next() * 16 - 8)
      let want = atan(y / x)
      worst = Swift.max(worst, abs(arctangent(y, over: x) - want) / abs(want))
      let f = arctangentFraction(y, over: x)
      #expect(f.denominator > 0)
      worst = Swift.max(worst, abs(f.numerator / f.denominator - want) / abs(want))
    }
    #expect(worst < 1e-15, "worst relative error \(worst)")
    #expect(arctangent(1, over: 0) == Double.pi / 2 && arctangent(-1, over: 0) == -Double.pi / 2)
    #expect(arctangent(0, over: 1) == 0 && arctangent(1, over: 1) == Double.pi / 4)
    #expect(arctangent(.nan, over: 1).isNaN && arctangent(1, over: .nan).isNaN)
  }

  @Test("BBANDS(5) four bars at a time equals mean ± k·population deviation, at every tail length")
  func bbandsFive() throws {
    let x = (walk(3000, seed: 4)["close"] ?? []).map { $0 - 100 }
    for n in [0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3000] {
      let part = Array(x[0..<n])
      let b = try Indicators.bbands(part, period: 5, nbdevup: 2, nbdevdn: 1.5)
      for i in 0..<n {
        guard i >= 4 else {
          #expect(b.upper[i].isNaN && b.middle[i].isNaN && b.lower[i].isNaN)
          continue
        }
        let w = part[(i - 4)...i]
        let m = w.reduce(0, +) / 5
        let sd = (w.map { ($0 - m) * ($0 - m) }.reduce(0, +) / 5).squareRoot()
        #expect(close(b.middle[i], m, 1e-13) && close(b.upper[i], m + 2 * sd, 1e-13), "n=\(n) [\(i)]")
        #expect(close(b.lower[i], m - 1.5 * sd, 1e-13), "n=\(n) [\(i)]")
      }
    }
    let flat = try Indicators.bbands([Double](repeating: 2.5, count: 40), period: 5)
    #expect(flat.upper[4...].allSatisfy { $0 == 2.5 } && flat.lower[4...].allSatisfy { $0 == 2.5 })
  }

  @Test(
    "BBANDS, VAR and STDDEV four bars at a time equal the two-pass window moments at every tail length",
    arguments: [5, 7, 20])
  func windowMomentsInBlocks(period p: Int) throws {
    let x = walk(3000, seed: 8)["close"] ?? []
    for n in [0, 1, p - 1, p, p + 1, p + 2, p + 3, p + 4, p + 5, p + 6, p + 7, 3000] {
      let part = Array(x[0..<n])
      let b = try Indicators.bbands(part, period: p, nbdevup: 2, nbdevdn: 1.5)
      let variance = try Indicators.variance(part, period: p)
      let deviation = try Indicators.stddev(part, period: p, nbdev: 3)
      for i in 0..<n {
        guard i >= p - 1 else {
          #expect(b.middle[i].isNaN && variance[i].isNaN && deviation[i].isNaN)
          continue
        }
        let w = part[(i - p + 1)...i]
        let m = w.reduce(0, +) / Double(p)
        let v = w.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(p)
        // The anchored running sums of periods over 8 agree with the two-pass value to ~1e-11
        // of the variance, as TA-Lib's do.
        let tolerance = p > 8 ? 1e-9 : 1e-13
        #expect(close(b.middle[i], m, tolerance), "p=\(p) n=\(n) [\(i)]")
        #expect(close(b.upper[i], m + 2 * v.squareRoot(), tolerance), "p=\(p) n=\(n) [\(i)]")
        #expect(close(b.lower[i], m - 1.5 * v.squareRoot(), tolerance), "p=\(p) n=\(n) [\(i)]")
        #expect(close(variance[i], v, tolerance), "p=\(p) n=\(n) [\(i)]")
        #expect(close(deviation[i], 3 * v.squareRoot(), tolerance), "p=\(p) n=\(n) [\(i)]")
      }
    }
  }

  @Test("Price transforms long enough to be written with streaming stores equal their formulas")
  func streamedPriceTransforms() throws {
    // 2^21 values and more are streamed; the odd length leaves a tail of ordinary stores.
    let n = (1 << 21) + 3
    var state: UInt64 = 5
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return 100 + Double(state >> 11) / Double(1 << 53)
    }
    let o = (0..<n).map { _ in next() }, h = o.map { $0 + 1 }, l = o.map { $0 - 1 }, c = o.map { $0 + 0.25 }
    let med = try Indicators.medprice(high: h, low: l)
    let typ = try Indicators.typprice(high: h, low: l, close: c)
    let wcl = try Indicators.wclprice(high: h, low: l, close: c)
    let avg = try Indicators.avgprice(open: o, high: h, low: l, close: c)
    var wrong = [0, 0, 0, 0]
    for i in 0..<n {
      let (hi, lo, cl, op): (Double, Double, Double, Double) = (h[i], l[i], c[i], o[i])
      if med[i] != (hi + lo) / 2 { wrong[0] += 1 }
      if typ[i] != (hi + lo + cl) / 3 { wrong[1] += 1 }
      if wcl[i] != (hi + lo + cl * 2) / 4 { wrong[2] += 1 }
      if avg[i] != (op + hi + lo + cl) / 4 { wrong[3] += 1 }
    }
    #expect(wrong == [0, 0, 0, 0], "values differing: medprice, typprice, wclprice, avgprice")
  }

  @Test("STOCH and STOCHF with simple averages equal window max/min then means, at the lookback edges")
  func stochastic() throws {
    let d = walk(3000, seed: 21)
    let (h, l, c) = (d["high"] ?? [], d["low"] ?? [], d["close"] ?? [])
    func mean(_ v: [Double], _ p: Int, _ i: Int) -> Double { v[(i - p + 1)...i].reduce(0, +) / Double(p) }
    for (fk, sk, sd) in [(5, 3, 3), (14, 3, 5), (1, 2, 2), (3, 1, 4)] {
      let lb = fk - 1 + sk - 1 + sd - 1
      for n in [lb, lb + 1, lb + 2, 3000] {
        var fast = [Double](repeating: .nan, count: n)
        for i in Swift.max(fk - 1, 0)..<n {
          let hi = h[(i - fk + 1)...i].max() ?? 0, lo = l[(i - fk + 1)...i].min() ?? 0
          fast[i] = hi == lo ? 0 : (c[i] - lo) / (hi - lo) * 100
        }
        var slowK = [Double](repeating: .nan, count: n)
        for i in (fk - 1 + sk - 1)..<n { slowK[i] = mean(fast, sk, i) }
        let got = try Indicators.stoch(
          high: Array(h[0..<n]), low: Array(l[0..<n]), close: Array(c[0..<n]), fastK: fk, slowK: sk, slowD: sd)
        let gotF = try Indicators.stochf(
          high: Array(h[0..<n]), low: Array(l[0..<n]), close: Array(c[0..<n]), fastK: fk, fastD: sd)
        for i in 0..<n {
          let wantD = i >= lb ? mean(slowK, sd, i) : .nan
          #expect(close(got.k[i], i >= lb ? slowK[i] : .nan, 1e-12) && close(got.d[i], wantD, 1e-12), "stoch \(fk),\(sk),\(sd) n=\(n) [\(i)]")
          let lbF = fk - 1 + sd - 1
          let wantFD = i >= lbF ? mean(fast, sd, i) : .nan
          #expect(close(gotF.k[i], i >= lbF ? fast[i] : .nan, 1e-12) && close(gotF.d[i], wantFD, 1e-12), "stochf n=\(n) [\(i)]")
        }
      }
    }
  }
}
