import MarketData
import Testing

@testable import Simulator

/// The exit scan at the edges a faster search must keep: touches on either side of 16- and
/// 32-bar block boundaries, bar limits inside a block, entries near the end of the data,
/// gaps, bars reaching both levels and NaN bars; and, on rough random bars, every column and
/// the ledger against the rules written out plainly, one bar at a time.
@Suite struct ExitScanRulesTests {
  /// Flat bars at 100 (high 100.1, low 99.9) with one bar that reaches the target.
  func flatWithTouch(count: Int, at bar: Int) -> Bars {
    makeBars((0..<count).map { $0 == bar ? (100, 101.5, 99.9, 101) : (100, 100.1, 99.9, 100) })
  }

  /// A touch on each side of 16- and 32-bar block boundaries is found at its own bar.
  @Test func touchesAtBlockBoundaries() throws {
    for offset in [0, 1, 14, 15, 16, 17, 30, 31, 32, 33, 40, 63, 64] {
      let bars = flatWithTouch(count: 120, at: 1 + offset)
      let r = try ExitScan.run(
        open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: [0], side: .long,
        stopPercent: 0.01, targetPercent: 0.01, maxBars: nil)
      #expect(r.exitBar == [1 + offset], "touch at offset \(offset)")
      let target: Double = 100 * (1 + 0.01)
      #expect(r.exitPrice == [target] && r.reason == [.target])
    }
  }

  /// A touch after the bar limit but within 32 bars of the fill is ignored: the trade exits
  /// at the limit's close.
  @Test func barLimitWithinABlock() throws {
    let bars = flatWithTouch(count: 120, at: 1 + 20)
    for maxBars in [1, 5, 19, 20, 21, 31, 32, 33] {
      let r = try ExitScan.run(
        open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: [0], side: .long,
        stopPercent: 0.01, targetPercent: 0.01, maxBars: maxBars)
      if maxBars >= 20 {
        #expect(r.exitBar == [21] && r.reason == [.target], "max_bars \(maxBars)")
      } else {
        #expect(r.exitBar == [1 + maxBars] && r.reason == [.maxBars], "max_bars \(maxBars)")
        #expect(r.exitPrice == [100])
      }
    }
  }

  /// Entries within 32 bars of the last bar are scanned up to the end of the data.
  @Test func entriesNearTheEndOfData() throws {
    let count = 40
    for touch in [count - 1, count - 5, count - 31, count - 33] {
      let bars = flatWithTouch(count: count, at: touch)
      let entries = Array(0..<count)
      let r = try ExitScan.run(
        open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: .long,
        stopPercent: 0.01, targetPercent: 0.01, maxBars: nil)
      for e in entries {
        let fill = e + 1
        if fill >= count {
          #expect(r.exitBar[e] == -1 && r.reason[e] == .open)
        } else if fill <= touch {
          #expect(r.exitBar[e] == touch && r.reason[e] == .target, "entry \(e), touch \(touch)")
        } else {
          #expect(r.exitBar[e] == count - 1 && r.reason[e] == .end, "entry \(e), touch \(touch)")
        }
      }
    }
  }

  /// Gaps beyond either level fill at the open; a bar reaching both levels follows the
  /// policy and is counted; NaN bars touch nothing.
  @Test func gapsAmbiguityAndNaNBars() throws {
    var rows = Array(repeating: (100.0, 100.1, 99.9, 100.0), count: 80)
    rows[20] = (98, 98.5, 97.5, 98)  // opens below the stop (99.5)
    rows[40] = (102, 102.5, 101.8, 102)  // opens above the target (101)
    rows[50] = (.nan, .nan, .nan, .nan)
    rows[60] = (100, 101.2, 99.4, 100)  // reaches both
    let bars = makeBars(rows)
    let entries = [5, 30, 45, 52]
    for policy in IntrabarPolicy.allCases {
      let r = try ExitScan.run(
        open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: .long,
        stopPercent: 0.005, targetPercent: 0.01, maxBars: nil, intrabar: policy)
      #expect(r.exitBar == [20, 40, 60, 60])
      #expect(r.exitPrice[0] == 98 && r.reason[0] == .stop)
      #expect(r.exitPrice[1] == 102 && r.reason[1] == .target)
      let favourable = policy == .optimistic
      #expect(r.reason[2] == (favourable ? .target : .stop) && r.reason[3] == r.reason[2])
      let level: Double = favourable ? 100 * (1 + 0.01) : 100 * (1 - 0.005)
      #expect(r.exitPrice[2] == level)
      #expect(r.ambiguity.count == 2)
    }
  }

  /// Random bars with gaps, wide bars, NaN bars and entries everywhere (near the end too):
  /// every column and the ledger equal the plain bar-by-bar rules, bit for bit, for both
  /// sides, fills and policies and bar limits around 16 and 32.
  @Test func matchesThePlainRules() throws {
    let bars = roughBars(count: 1_500, seed: 7)
    let entries = Array(stride(from: 0, to: bars.count, by: 3)) + [bars.count - 2, bars.count - 1, 17, 17]
    for side in Side.allCases {
      for policy in IntrabarPolicy.allCases {
        for fill in FillTiming.allCases {
          for maxBars in [1, 15, 16, 31, 32, 33, 100, nil] as [Int?] {
            let r = try ExitScan.run(
              open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: side,
              stopPercent: 0.004, targetPercent: 0.009, maxBars: maxBars, fill: fill, intrabar: policy)
            let p = plainRules(
              bars, entries: entries, side: side, stop: 0.004, target: 0.009, maxBars: maxBars, fill: fill,
              policy: policy)
            #expect(r.entryBar == p.entryBar)
            #expect(r.exitBar == p.exitBar)
            #expect(r.reason == p.reason)
            #expect(zip(r.exitPrice, p.exitPrice).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(zip(r.entryPrice, p.entryPrice).allSatisfy { $0.bitPattern == $1.bitPattern })
            #expect(r.ambiguity.count == p.ambiguous && p.ambiguous > 0)
            for (k, policy) in IntrabarPolicy.allCases.enumerated() {
              #expect(r.ambiguity.pnl[policy]?.bitPattern == p.byPolicy[k].bitPattern)
            }
            let t = try ExitScan.table(
              open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: side,
              stopPercent: 0.004, targetPercent: 0.009, maxBars: maxBars, fill: fill, intrabar: policy)
            #expect(t.stops == p.reason.filter { $0 == .stop }.count)
            #expect(t.targets == p.reason.filter { $0 == .target }.count)
            #expect(t.maxBarsExits == p.reason.filter { $0 == .maxBars }.count)
            #expect(t.ends == p.reason.filter { $0 == .end }.count)
          }
        }
      }
    }
  }

  /// Without a stop or a target, and on negative prices (a spread, say), where the stop lies
  /// above the target for a long: every column equals the plain rules.
  @Test func missingLevelsAndNegativePrices() throws {
    let positive = roughBars(count: 900, seed: 11)
    let negative = makeBars(
      (0..<positive.count).map { i in (-positive.open[i], -positive.low[i], -positive.high[i], -positive.close[i]) })
    let entries = Array(stride(from: 0, to: positive.count, by: 2))
    let levels: [(Double?, Double?)] = [(0.004, 0.009), (nil, 0.009), (0.004, nil), (nil, nil)]
    for bars in [positive, negative] {
      for side in Side.allCases {
        for (stop, target) in levels {
          for fill in FillTiming.allCases {
            let r = try ExitScan.run(
              open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: side,
              stopPercent: stop, targetPercent: target, maxBars: 40, fill: fill)
            let p = plainRules(
              bars, entries: entries, side: side, stop: stop, target: target, maxBars: 40, fill: fill,
              policy: .pessimistic)
            let label = "side \(side) stop \(String(describing: stop)) target \(String(describing: target))"
            #expect(r.exitBar == p.exitBar, "\(label)")
            #expect(r.reason == p.reason, "\(label)")
            #expect(zip(r.exitPrice, p.exitPrice).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(label)")
            #expect(r.ambiguity.count == p.ambiguous, "\(label)")
          }
        }
      }
    }
  }

  /// A random walk with opening gaps, bars wide enough to reach both levels, and NaN bars
  /// (all four prices, or the low or the high alone).
  func roughBars(count: Int, seed: UInt64) -> Bars {
    var state = seed
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var rows: [(Double, Double, Double, Double)] = []
    var price = 100.0
    for _ in 0..<count {
      let u = uniform()
      let open = u < 0.05 ? price * (1 + (uniform() - 0.5) * 0.03) : price
      let close = open * (1 + (uniform() - 0.5) * 0.008)
      let wide = uniform() < 0.08 ? 0.012 : 0.002
      var high = max(open, close) * (1 + uniform() * wide)
      var low = min(open, close) * (1 - uniform() * wide)
      let v = uniform()
      if v < 0.01 {
        rows.append((.nan, .nan, .nan, .nan))
        continue
      }
      if v < 0.02 { low = .nan }
      if v > 0.99 { high = .nan }
      rows.append((open, high, low, close))
      price = close
    }
    return makeBars(rows)
  }

  struct Plain {
    var entryBar: [Int], entryPrice: [Double], exitBar: [Int], exitPrice: [Double], reason: [ExitReason]
    var ambiguous = 0
    var byPolicy = [0.0, 0.0, 0.0]
  }

  /// The exit scan's rules one bar at a time with the rule order as branches.
  func plainRules(
    _ bars: Bars, entries: [Int], side: Side, stop: Double?, target: Double?, maxBars: Int?, fill: FillTiming,
    policy: IntrabarPolicy
  ) -> Plain {
    let n = bars.count
    let d = side.direction
    let m = entries.count
    var out = Plain(
      entryBar: .init(repeating: -1, count: m), entryPrice: .init(repeating: .nan, count: m),
      exitBar: .init(repeating: -1, count: m), exitPrice: .init(repeating: .nan, count: m),
      reason: .init(repeating: .open, count: m))
    for (k, e) in entries.enumerated() {
      let entryBar = fill == .close ? e : e + 1
      if entryBar >= n { continue }
      let entry = fill == .close ? bars.close[e] : bars.open[entryBar]
      let s = stop.map { d * entry * (1 - d * $0) } ?? -.infinity
      let t = target.map { d * entry * (1 + d * $0) } ?? .infinity
      let horizon = maxBars ?? Int.max / 2
      let last = min(n - 1, entryBar + horizon)
      out.entryBar[k] = entryBar
      out.entryPrice[k] = entry
      var j = entryBar + (fill == .close ? 1 : 0)
      var done = false
      while j <= last && !done {
        let best = side == .long ? bars.high[j] : -bars.low[j]
        let worst = side == .long ? bars.low[j] : -bars.high[j]
        if worst <= s || best >= t {
          let o = d * bars.open[j]
          var price: Double
          var reason: ExitReason
          if o <= s {
            (price, reason) = (bars.open[j], .stop)
          } else if o >= t {
            (price, reason) = (bars.open[j], .target)
          } else if worst > s {
            (price, reason) = (d * t, .target)
          } else if best < t {
            (price, reason) = (d * s, .stop)
          } else {
            out.ambiguous += 1
            let stopReturn = d * s / entry - 1
            let targetReturn = d * t / entry - 1
            let nearHigh = (best - o) < (o - worst)
            out.byPolicy[0] += stopReturn
            out.byPolicy[1] += targetReturn
            out.byPolicy[2] += nearHigh ? targetReturn : stopReturn
            let favourable = policy == .optimistic || (policy == .nearest && nearHigh)
            (price, reason) = favourable ? (d * t, .target) : (d * s, .stop)
          }
          (out.exitBar[k], out.exitPrice[k], out.reason[k]) = (j, price, reason)
          done = true
        }
        j += 1
      }
      if !done {
        out.exitBar[k] = last
        out.exitPrice[k] = bars.close[last]
        out.reason[k] = last == entryBar + horizon ? .maxBars : .end
      }
    }
    return out
  }
}
