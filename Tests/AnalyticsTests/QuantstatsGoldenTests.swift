import Foundation
import MarketData
import Testing

@testable import Analytics

/// sharpe, sortino, max drawdown, CAGR and calmar against quantstats on the same curves
/// (scripts/fixtures/quantstats_metrics.py, 252 periods per year).
@Suite struct QuantstatsGoldenTests {
  static func fixture(_ name: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
  }

  static func curves() throws -> (time: [Int64], curves: [String: [Double]]) {
    let text = try String(contentsOf: fixture("quantstats_equity.csv"), encoding: .utf8)
    let lines = text.split(separator: "\n")
    let names = lines[0].split(separator: ",").dropFirst().map(String.init)
    var time: [Int64] = []
    var curves = Dictionary(uniqueKeysWithValues: names.map { ($0, [Double]()) })
    for line in lines.dropFirst() {
      let fields = line.split(separator: ",")
      time.append(try #require(UTCTime.parse(fields[0])))
      for (name, field) in zip(names, fields.dropFirst()) { curves[name]?.append(try #require(Double(field))) }
    }
    return (time, curves)
  }

  func close(_ a: Double, _ b: Double, _ what: String) {
    #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(what): \(a) vs quantstats \(b)")
  }

  @Test(arguments: ["hold", "smacross"])
  func metricsMatchQuantstats(curve: String) throws {
    let (time, curves) = try Self.curves()
    let equity = try #require(curves[curve])
    let data = try Data(contentsOf: Self.fixture("quantstats_metrics.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let expected = try #require(json[curve] as? [String: Double])
    let periods = try #require(json["periods"] as? Double)
    #expect(PeriodsPerYear.infer(from: time) == periods)
    let returns = RiskMetrics.returns(equity)
    close(RiskMetrics.sharpe(returns, periodsPerYear: periods), try #require(expected["sharpe"]), "sharpe")
    close(RiskMetrics.sortino(returns, periodsPerYear: periods), try #require(expected["sortino"]), "sortino")
    close(RiskMetrics.maxDrawdown(equity), try #require(expected["max_drawdown"]), "max_drawdown")
    close(RiskMetrics.cagr(equity, periodsPerYear: periods), try #require(expected["cagr"]), "cagr")
    close(RiskMetrics.calmar(equity, periodsPerYear: periods), try #require(expected["calmar"]), "calmar")
  }
}
