/// Volatility inputs of the exit rules, sizing and slippage.
public enum Volatility {
  /// Wilder's average true range with TA-Lib's seeding: true range from bar 1 on
  /// (max(high − low, |high − previous close|, |low − previous close|)), the first value at
  /// index `period` is the mean of the true ranges of bars 1...period, then
  /// ATR[i] = (ATR[i−1] × (period − 1) + TR[i]) / period. NaN before index `period`.
  /// `period` must be ≥ 1; period 1 is the true range itself.
  public static func atr(high: [Double], low: [Double], close: [Double], period: Int) -> [Double] {
    let n = close.count
    return [Double](unsafeUninitializedCapacity: n) { out, initialized in
      for i in 0..<min(n, period) { out[i] = .nan }
      initialized = n
      guard period >= 1, n > period else {
        for i in 0..<n { out[i] = .nan }
        return
      }
      func trueRange(_ i: Int) -> Double {
        let h = high[i], l = low[i], pc = close[i - 1]
        return Swift.max(h - l, Swift.max(abs(h - pc), abs(l - pc)))
      }
      var sum = 0.0
      for i in 1...period { sum += trueRange(i) }
      var value = sum / Double(period)
      out[period] = value
      let p = Double(period)
      for i in (period + 1)..<n {
        value = (value * (p - 1) + trueRange(i)) / p
        out[i] = value
      }
    }
  }

  /// Sample standard deviation (n − 1) of the `period` simple close-to-close returns ending
  /// at bar `index`; NaN when fewer than `period` returns exist or a price is not positive.
  public static func returnDeviation(close: [Double], index: Int, period: Int) -> Double {
    guard period >= 2, index >= period, index < close.count else { return .nan }
    var sum = 0.0
    var sumSquares = 0.0
    for i in (index - period + 1)...index {
      guard close[i - 1] > 0 else { return .nan }
      let r = close[i] / close[i - 1] - 1
      sum += r
      sumSquares += r * r
    }
    let n = Double(period)
    let variance = (sumSquares - sum * sum / n) / (n - 1)
    return variance > 0 ? variance.squareRoot() : 0
  }
}
