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
      func range(_ i: Int) -> Double { trueRange(high: high[i], low: low[i], previousClose: close[i - 1]) }
      var sum = 0.0
      for i in 1...period { sum += range(i) }
      var value = sum / Double(period)
      out[period] = value
      for i in (period + 1)..<n {
        value = wilderStep(value, range(i), period: period)
        out[i] = value
      }
    }
  }

  /// max(high − low, |high − previous close|, |low − previous close|).
  @inline(__always)
  public static func trueRange(high: Double, low: Double, previousClose: Double) -> Double {
    Swift.max(high - low, Swift.max(abs(high - previousClose), abs(low - previousClose)))
  }

  /// Wilder's smoothing step: (previous × (period − 1) + value) / period.
  @inline(__always)
  public static func wilderStep(_ previous: Double, _ value: Double, period: Int) -> Double {
    let p = Double(period)
    return (previous * (p - 1) + value) / p
  }

  /// Sample standard deviation (n − 1) of the `period` simple close-to-close returns ending
  /// at bar `index`; NaN when fewer than `period` returns exist or a price is not positive.
  public static func returnDeviation(close: [Double], index: Int, period: Int) -> Double {
    guard period >= 2, index >= period, index < close.count else { return .nan }
    return returnDeviation(closes: close[(index - period)...index])
  }

  /// Sample standard deviation (n − 1) of the simple returns between consecutive `closes`
  /// (at least two); NaN when a price before a return is not positive.
  public static func returnDeviation<C: Collection>(closes: C) -> Double where C.Element == Double {
    var sum = 0.0
    var sumSquares = 0.0
    var returns = 0
    var previous: Double? = nil
    for close in closes {
      if let previous {
        guard previous > 0 else { return .nan }
        let r = close / previous - 1
        sum += r
        sumSquares += r * r
        returns += 1
      }
      previous = close
    }
    guard returns >= 2 else { return .nan }
    let n = Double(returns)
    let variance = (sumSquares - sum * sum / n) / (n - 1)
    return variance > 0 ? variance.squareRoot() : 0
  }
}
