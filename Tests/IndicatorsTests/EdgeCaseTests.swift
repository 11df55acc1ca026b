import Testing

@testable import Indicators

/// Deterministic OHLCV random walk (no gaps; high ≥ max(open, close), low ≤ min(open, close)).
func walk(_ n: Int, seed: UInt64 = 42) -> [String: [Double]] {
  var state = seed
  func next() -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) / Double(1 << 53)
  }
  var o: [Double] = [], h: [Double] = [], l: [Double] = [], c: [Double] = [], v: [Double] = []
  var price = 100.0
  for _ in 0..<n {
    let open = price
    price *= 1 + (next() - 0.5) * 0.04
    let close = price
    h.append(Swift.max(open, close) * (1 + next() * 0.01))
    l.append(Swift.min(open, close) * (1 - next() * 0.01))
    o.append(open)
    c.append(close)
    v.append(1000 + (next() * 9000).rounded())
  }
  return ["open": o, "high": h, "low": l, "close": c, "volume": v]
}

/// The inputs a descriptor reads, taken from OHLCV columns.
func inputs(for d: IndicatorDescriptor, _ cols: [String: [Double]]) -> [[Double]] {
  d.inputs.map { kind in
    switch kind {
    case .real: return cols["close"] ?? []
    case .real0: return cols["high"] ?? []
    case .real1: return cols["low"] ?? []
    default: return cols[kind.rawValue] ?? []
    }
  }
}

func slice(_ cols: [String: [Double]], _ r: Range<Int>) -> [String: [Double]] {
  cols.mapValues { Array($0[r]) }
}

@Suite("Edge cases over every indicator")
struct EdgeCaseTests {
  static let names = Indicators.catalog.map(\.name)

  @Test("lengths 0, 1, lookback−1, lookback, lookback+1: NaN exactly through the lookback", arguments: names)
  func lengths(name: String) throws {
    let d = try Indicators.descriptor(named: name)
    let lb = try d.lookback()
    let data = walk(lb + 40)
    for n in Set([0, 1, Swift.max(lb - 1, 0), lb, lb + 1, lb + 2]).sorted() {
      let out = try d.compute(inputs(for: d, slice(data, 0..<n)))
      #expect(out.count == d.outputs.count)
      for (j, o) in out.enumerated() {
        #expect(o.count == n, "\(name) output \(j) at length \(n)")
        for i in 0..<n {
          // Ichimoku's lines have their own lookbacks (the descriptor reports tenkan's).
          if name == "ichimoku" && j >= 1 { continue }
          #expect(o[i].isNaN == (i < lb), "\(name).\(d.outputs[j])[\(i)] of \(n) = \(o[i]), lookback \(lb)")
        }
      }
    }
  }

  @Test("smallest accepted parameters and a constant series give finite values", arguments: names)
  func minimumAndConstant(name: String) throws {
    let d = try Indicators.descriptor(named: name)
    let smallest = d.parameters.map { $0.kind == .real ? $0.defaultValue : $0.minimum }
    let lb = try d.lookback(smallest)
    let data = walk(lb + 30, seed: 7)
    let out = try d.compute(inputs(for: d, data), smallest)
    for (j, o) in out.enumerated() where !(name == "ichimoku" && j >= 1) {
      let finite = o[lb...].allSatisfy { $0.isFinite }
      #expect(finite, "\(name).\(d.outputs[j]) at \(smallest)")
    }
    let defaultLookback = try d.lookback()
    let flat = ["open": 5.0, "high": 5.0, "low": 5.0, "close": 5.0, "volume": 100.0]
      .mapValues { [Double](repeating: $0, count: defaultLookback + 20) }
    let constant = try d.compute(inputs(for: d, flat))
    for (j, o) in constant.enumerated() where !(name == "ichimoku" && j >= 1) {
      let finite = o[defaultLookback...].allSatisfy { $0.isFinite }
      #expect(finite, "\(name).\(d.outputs[j]) on a constant series")
    }
  }

  @Test("NaN at the start, middle and end: each gap-free run is computed on its own", arguments: names)
  func nanPolicy(name: String) throws {
    let d = try Indicators.descriptor(named: name)
    let lb = try d.lookback()
    let n = 3 * lb + 60
    let data = walk(n, seed: 3)
    let gaps = [0, 1, n / 2, n / 2 + 1, n - 1]
    var holed = data
    // Put the gap in a single input column: any NaN input makes the bar a gap.
    let column =
      d.inputs.last.map { kind -> String in
        switch kind {
        case .real: return "close"
        case .real0: return "high"
        case .real1: return "low"
        default: return kind.rawValue
        }
      } ?? "close"
    for g in gaps { holed[column]?[g] = .nan }
    let got = try d.compute(inputs(for: d, holed))
    // Expected: NaN at the gaps, each run computed separately.
    var runs: [Range<Int>] = []
    var start = 0
    for g in gaps + [n] {
      if g > start { runs.append(start..<g) }
      start = g + 1
    }
    for r in runs {
      let part = try d.compute(inputs(for: d, slice(data, r)))
      for j in 0..<part.count {
        for (k, i) in r.enumerated() {
          var want = part[j][k]
          if name == "maxindex" || name == "minindex" { want += Double(r.lowerBound) }
          let ok = (want.isNaN && got[j][i].isNaN) || want == got[j][i]
          #expect(ok, "\(name).\(d.outputs[j])[\(i)] = \(got[j][i]), want \(want)")
        }
      }
    }
    for g in gaps {
      for j in 0..<got.count { #expect(got[j][g].isNaN, "\(name) at gap \(g)") }
    }
  }

  @Test("out-of-range and non-integer parameters throw typed errors", arguments: names)
  func invalidParameters(name: String) throws {
    let d = try Indicators.descriptor(named: name)
    let data = walk(50)
    for (i, p) in d.parameters.enumerated() {
      var bad = d.parameters.map(\.defaultValue)
      bad[i] = p.minimum - Swift.max(1, abs(p.minimum))
      #expect(throws: IndicatorError.self) { try d.compute(inputs(for: d, data), bad) }
      if p.kind != .real {
        bad[i] = p.defaultValue + 0.5
        #expect(throws: IndicatorError.self) { try d.compute(inputs(for: d, data), bad) }
      }
      bad[i] = .nan
      #expect(throws: IndicatorError.self) { try d.compute(inputs(for: d, data), bad) }
    }
    let tooMany = d.parameters.map(\.defaultValue) + [1]
    #expect(throws: IndicatorError.self) { try d.compute(inputs(for: d, data), tooMany) }
    if d.inputs.count > 1 {
      var short = inputs(for: d, data)
      short[short.count - 1].removeLast()
      #expect(throws: IndicatorError.self) { try d.compute(short) }
    }
    #expect(throws: IndicatorError.self) { try d.compute(Array(inputs(for: d, data).dropLast())) }
  }
}

@Suite("Errors")
struct ErrorTests {
  @Test func messages() throws {
    #expect(
      throws: IndicatorError.invalidParameter(name: "timeperiod", expected: "an integer >= 1", got: "0")
    ) {
      try Indicators.sma([1, 2, 3], period: 0)
    }
    let e = IndicatorError.invalidParameter(name: "timeperiod", expected: "an integer >= 2", got: "0")
    #expect(e.description == "'timeperiod' must be an integer >= 2, got 0")
    #expect(throws: IndicatorError.unknownIndicator("nope")) { try Indicators.descriptor(named: "nope") }
    #expect(throws: IndicatorError.lengthMismatch(name: "low", expected: 3, got: 2)) {
      try Indicators.medprice(high: [1, 2, 3], low: [1, 2])
    }
    #expect(try Indicators.descriptor(named: "SMA").name == "sma")
    let bb = try Indicators.descriptor(named: "bbands")
    #expect(try bb.resolve(optional: [10, nil, 1.5]) == [10, 2, 1.5, 0])
    let x = walk(60)["close"] ?? []
    let viaNil = try x.withUnsafeBufferPointer { try bb.compute(buffers: [$0], optional: [nil, 1, nil]) }
    let explicit = try bb.compute([x], [20, 1, 2, 0])
    for j in 0..<3 {
      #expect(zip(viaNil[j], explicit[j]).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 })
    }
    #expect(MAType(name: "EMA") == .ema && MAType(name: "t3") == .t3 && MAType(name: "x") == nil)
    #expect(
      MAType.allCases.map(\.name) == ["sma", "ema", "wma", "dema", "tema", "trima", "kama", "mama", "t3"])
  }

  @Test func catalogueIsConsistent() throws {
    var seen = Set<String>()
    for d in Indicators.catalog {
      #expect(seen.insert(d.name).inserted, "duplicate \(d.name)")
      #expect(!d.formula.isEmpty && !d.title.isEmpty && !d.outputs.isEmpty)
      for p in d.parameters { #expect(throws: Never.self) { try p.validate(p.defaultValue) } }
    }
    #expect(Indicators.catalog.count >= 77)
  }
}

@Suite("Gap-free promise")
struct GapFreeTests {
  @Test(
    "gapFree: true gives the same values on gap-free input, and never traps on NaN",
    arguments: Indicators.catalog.map(\.name))
  func sameValues(name: String) throws {
    let d = try Indicators.descriptor(named: name)
    let data = walk(try d.lookback() + 50, seed: 5)
    let a = try d.compute(inputs(for: d, data))
    let b = try d.compute(inputs(for: d, data), gapFree: true)
    for j in 0..<a.count {
      #expect(zip(a[j], b[j]).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }, "\(name).\(d.outputs[j])")
    }
    var holed = data
    holed["close"]?[10] = .nan
    holed["high"]?[11] = .nan
    let c = try d.compute(inputs(for: d, holed), gapFree: true)
    #expect(c.allSatisfy { $0.count == a[0].count })
  }
}

@Suite("Ties in window extremes")
struct TieTests {
  /// TA-Lib's own rule, written plainly: keep the pick while it is in the window; a value at
  /// least as extreme takes over; when the pick leaves, rescan (`latestOnRescan` picks the
  /// last of equal values, else the first).
  func reference(_ x: [Double], _ p: Int, max: Bool, latestOnRescan: Bool) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    var best = -1
    for i in (p - 1)..<Swift.max(x.count, p - 1) {
      let start = i - p + 1
      func better(_ a: Double, _ b: Double, _ tie: Bool) -> Bool {
        max ? (a > b || (tie && a == b)) : (a < b || (tie && a == b))
      }
      if best < start {
        best = start
        for j in start...i where better(x[j], x[best], latestOnRescan) { best = j }
      } else if better(x[i], x[best], true) {
        best = i
      }
      out[i] = Double(best)
    }
    return out
  }

  @Test func maxindexMinindexAndAroonOnTiedData() throws {
    var state: UInt64 = 9
    let x: [Double] = (0..<3000).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1
      return Double((state >> 33) % 5)
    }
    for p in [2, 3, 7, 30] {
      let mx = try Indicators.maxindex(x, period: p), mn = try Indicators.minindex(x, period: p)
      let rmx = reference(x, p, max: true, latestOnRescan: false)
      let rmn = reference(x, p, max: false, latestOnRescan: false)
      #expect(zip(mx, rmx).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }, "maxindex \(p)")
      #expect(zip(mn, rmn).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }, "minindex \(p)")
      // AROON: p + 1 bars, latest extreme on ties.
      let a = try Indicators.aroon(high: x, low: x, period: p)
      let hi = reference(x, p + 1, max: true, latestOnRescan: true)
      let lo = reference(x, p + 1, max: false, latestOnRescan: true)
      for i in p..<x.count {
        #expect(a.up[i] == 100.0 / Double(p) * Double(p - (i - Int(hi[i]))), "aroon up \(p) at \(i)")
        #expect(a.down[i] == 100.0 / Double(p) * Double(p - (i - Int(lo[i]))), "aroon down \(p) at \(i)")
      }
    }
  }
}
