import Foundation
import Testing

@testable import Indicators

/// T3's four-chain path against the one chain written out bar by bar: the lanes must give the
/// one chain's values (they converge to its exact state), and a NaN must reach every later bar.
@Suite struct T3LaneTests {
  /// The one chain: six EMA stages seeded as TA-Lib seeds them, then stepped bar by bar.
  static func reference(_ x: [Double], _ p: Int, _ v: Double) -> [Double] {
    let n = x.count, lb = 6 * (p - 1)
    var out = [Double](repeating: .nan, count: n)
    guard n > lb else { return out }
    let k = 2.0 / (Double(p) + 1.0), m = 1.0 - k
    var e = [Double](repeating: 0, count: 6)
    var today = 0
    for s in 0..<6 {
      var total = s == 0 ? 0.0 : e[s - 1]
      for j in 0..<p where s == 0 || j > 0 {
        var input = x[today]
        today += 1
        for q in 0..<s {
          e[q] = (k * input) + (m * e[q])
          input = e[q]
        }
        total += input
      }
      e[s] = total / Double(p)
    }
    let sq = v * v, c1 = -sq * v, c2 = 3.0 * (sq - c1)
    let c3 = -6.0 * sq - 3.0 * (v - c1), c4 = 1.0 + 3.0 * v - c1 + 3.0 * sq
    out[lb] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2]
    while today < n {
      var input = x[today]
      for q in 0..<6 {
        e[q] = (k * input) + (m * e[q])
        input = e[q]
      }
      out[today] = c1 * e[5] + c2 * e[4] + c3 * e[3] + c4 * e[2]
      today += 1
    }
    return out
  }

  static func walk(_ n: Int, seed: UInt64) -> [Double] {
    var state = seed
    var price = 100.0
    return (0..<n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      price *= 1 + (Double(state >> 11) / Double(1 << 53) - 0.5) * 0.02
      return price
    }
  }

  static func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.isNaN ? $1.isNaN : abs($0 - $1) <= 1e-13 * abs($1) }
  }

  @Test(arguments: [(5, 0.7), (2, 0.7), (30, 0.3), (200, 0.9)])
  func lanesGiveTheOneChainsValues(period: Int, vfactor: Double) throws {
    for n in [2_000, 40_001, 100_003] {
      let x = Self.walk(n, seed: UInt64(n + period))
      let got = try Indicators.t3(x, period: period, vfactor: vfactor)
      #expect(Self.same(got, Self.reference(x, period, vfactor)), "n \(n) period \(period)")
    }
  }

  @Test func aConstantSeriesStaysConstant() throws {
    let got = try Indicators.t3([Double](repeating: 42.5, count: 50_000), period: 5, vfactor: 0.7)
    let constant = got[24...].allSatisfy { abs($0 - 42.5) <= 1e-12 }
    #expect(constant)
  }

  /// The public API computes each gap-free run apart (the NaN policy); the kernel itself, fed
  /// a NaN, must end every later value NaN as the one chain does, and say so.
  @Test(arguments: [10, 25_000, 49_990])
  func aNaNInTheKernelReachesEveryLaterBar(at index: Int) {
    var x = Self.walk(50_000, seed: 9)
    x[index] = .nan
    var got = [Double](repeating: 0, count: x.count)
    let clean = x.withUnsafeBufferPointer { input in
      got.withUnsafeMutableBufferPointer { Kernel.t3(input, $0, 5, vfactor: 0.7) }
    }
    #expect(!clean)
    #expect(Self.same(got, Self.reference(x, 5, 0.7)))
    let laterAllNaN = got[index...].allSatisfy { $0.isNaN }
    #expect(laterAllNaN)
  }
}
