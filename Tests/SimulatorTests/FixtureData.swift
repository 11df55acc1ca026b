import Foundation
import MarketData
import Testing

/// Reads the committed fixtures (see scripts/fixtures/backtesting_goog.py).
enum FixtureData {
  static func url(_ name: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
  }

  static func lines(_ name: String) throws -> [Substring] {
    let text = try String(contentsOf: url(name), encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.isEmpty }
  }

  /// backtesting.py's GOOG.csv: `,Open,High,Low,Close,Volume` with ISO dates.
  static func goog() throws -> Bars {
    var time: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = []
    var close: [Double] = [], volume: [Double] = []
    for line in try lines("GOOG.csv").dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false)
      time.append(try #require(UTCTime.parse(f[0])))
      open.append(try #require(Double(f[1])))
      high.append(try #require(Double(f[2])))
      low.append(try #require(Double(f[3])))
      close.append(try #require(Double(f[4])))
      volume.append(try #require(Double(f[5])))
    }
    return Bars(time: time, open: open, high: high, low: low, close: close, volume: volume, symbol: "GOOG")
  }

  static func json(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: url(name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }
}

/// A plain rolling mean, NaN until `n` values exist.
func rollingMean(_ values: [Double], _ n: Int) -> [Double] {
  var out = [Double](repeating: .nan, count: values.count)
  guard n <= values.count else { return out }
  for i in (n - 1)..<values.count {
    var sum = 0.0
    for j in (i - n + 1)...i { sum += values[j] }
    out[i] = sum / Double(n)
  }
  return out
}

/// a crosses above b at i: a[i-1] < b[i-1] and a[i] > b[i] (false around NaN).
func crossover(_ a: [Double], _ b: [Double]) -> [Bool] {
  var out = [Bool](repeating: false, count: a.count)
  for i in 1..<max(1, a.count) {
    let before: Bool = a[i - 1] < b[i - 1]
    let after: Bool = a[i] > b[i]
    out[i] = before && after
  }
  return out
}
