import Foundation
import Testing

@testable import Indicators

@Suite("TA-Lib golden fixtures")
struct GoldenTests {
  static let functions: [String] = {
    guard let f = GoldenFixtures.shared else { return ["<fixtures missing>"] }
    var seen: [String] = []
    for c in f.index.cases where !seen.contains(c.function) { seen.append(c.function) }
    return seen
  }()

  @Test("fixtures load and cover every TA-Lib descriptor")
  func coverage() throws {
    let f = try #require(GoldenFixtures.shared)
    let names = Set(f.index.cases.map(\.function))
    for d in Indicators.catalog where d.group != .extra {
      #expect(names.contains(d.name), "no golden data for \(d.name)")
    }
  }

  @Test("equals TA-Lib", arguments: functions)
  func matches(function: String) throws {
    let f = try #require(GoldenFixtures.shared)
    let d = try Indicators.descriptor(named: function)
    for c in f.index.cases where c.function == function {
      let want = try f.expected(c)
      let inputs = f.inputs(c, d)
      let got = try d.compute(inputs, c.parameters)
      // Angles are degrees: near zero, atan(m)·180/π ≈ 57.3·m.
      let unit = function == "linearreg_angle" ? 180 / Double.pi : 1
      let priceScale = unit * (f.columns[c.dataset]?["close"] ?? []).reduce(0.0) { Swift.max($0, abs($1)) }
      #expect(got.count == want.count)
      for j in 0..<Swift.min(got.count, want.count) {
        let problem = firstMismatch(got[j], want[j], inputScale: priceScale)
        #expect(
          problem == nil,
          "\(function) \(c.kind) \(c.dataset)[\(c.rows)] \(c.parameters) \(c.outputs[j]): \(problem ?? "")")
      }
      // The lookback the descriptor reports is where TA-Lib's first value is.
      if c.rows > 0, let first = want[0].firstIndex(where: { !$0.isNaN }) {
        #expect(try d.lookback(c.parameters) == first, "\(function) lookback \(c.parameters)")
      }
    }
  }
}
