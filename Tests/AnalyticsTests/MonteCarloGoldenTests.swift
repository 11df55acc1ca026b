import Foundation
import MarketData
import Testing

@testable import Analytics

/// Bootstrap and shuffle percentiles against an independent implementation of the same
/// generator and draws, with numpy's percentiles (scripts/fixtures/montecarlo_golden.py).
@Suite struct MonteCarloGoldenTests {
  struct Golden: Decodable {
    struct Study: Decodable {
      var method: String
      var compound: Bool
      var runs: Int
      var seed: UInt64
      var first_final_equity: [Double]
      var first_max_drawdown_pct: [Double]
      var percentiles: [String: [String: Double]]
    }
    var cash: Double
    var pnl: [Double]
    var percentiles: [Double]
    var random_seed_42_first: [String]
    var studies: [Study]
  }

  static func golden() throws -> Golden {
    let url = try #require(Bundle.module.url(forResource: "montecarlo_golden.json", withExtension: nil, subdirectory: "Fixtures"))
    return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
  }

  func close(_ a: Double, _ b: Double, _ what: String) {
    #expect(abs(a - b) <= 1e-11 * max(1, abs(b)), "\(what): \(a) vs numpy \(b)")
  }

  @Test func theGeneratorMatchesTheReferenceStream() throws {
    var random = RandomSource(seed: 42)
    let expected = try Self.golden().random_seed_42_first.map { try #require(UInt64($0)) }
    #expect((0..<4).map { _ in random.next() } == expected)
  }

  @Test func percentilesMatchNumpy() throws {
    let golden = try Self.golden()
    let result = tradeResult(cash: golden.cash, pnl: golden.pnl)
    for study in golden.studies {
      let method = try #require(MonteCarloMethod(rawValue: study.method))
      let options = MonteCarloOptions(
        runs: study.runs, seed: study.seed, method: method, percentiles: golden.percentiles, compound: study.compound)
      let mc = try MonteCarlo.run(result, options: options)
      let label = "\(study.method) compound=\(study.compound)"
      for (k, value) in study.first_final_equity.enumerated() { close(mc.finalEquity[k], value, "\(label) run \(k + 1) final") }
      for (k, value) in study.first_max_drawdown_pct.enumerated() {
        close(mc.maxDrawdownPercent[k], value, "\(label) run \(k + 1) drawdown")
      }
      for metric in MonteCarloMetric.allCases {
        let expected = try #require(study.percentiles[metric.rawValue])
        let got = mc.percentiles(metric)
        #expect(got.count == expected.count)
        for (p, value) in got {
          let want = try #require(expected[MonteCarloResult.label(p)] ?? expected["\(p)"])
          close(value, want, "\(label) \(metric.rawValue) p\(p)")
        }
      }
    }
  }
}
