import Simulator

/// The closed candles of one symbol and the volatility inputs derived from them, updated one
/// candle at a time with the simulator's formulas (bit for bit).
///
/// Keeps at most `limit` candles (the strategy's rolling window); ATR state is carried
/// incrementally so a bounded window does not change it.
public struct CandleHistory: Sendable, Codable, Equatable {
  /// Oldest first; the last is the latest closed candle.
  public private(set) var candles: [Candle] = []
  /// Candles closed since the start, including those dropped from the window.
  public private(set) var count = 0
  public let limit: Int
  /// Close of the first candle of the run (NaN before it).
  public private(set) var firstClose = Double.nan
  /// Tracked ATR periods and, per period, the running true-range sum and the current value
  /// (NaN until defined; TA-Lib seeding, as `Volatility.atr`).
  let atrPeriods: [Int]
  var atrSum: [Double]
  var atrValue: [Double]

  public init(limit: Int, atrPeriods: [Int]) {
    self.limit = max(limit, 2)
    let periods = Array(Set(atrPeriods.filter { $0 >= 1 })).sorted()
    self.atrPeriods = periods
    atrSum = Array(repeating: 0, count: periods.count)
    atrValue = Array(repeating: .nan, count: periods.count)
    candles.reserveCapacity(2 * self.limit)
  }

  /// Appends a closed candle and updates every ATR. The window is trimmed back to `limit`
  /// once it holds twice as many (amortised O(1) per candle).
  mutating func append(_ candle: Candle) {
    if let previous = candles.last {
      let tr = Volatility.trueRange(high: candle.high, low: candle.low, previousClose: previous.close)
      let index = count  // index of the new candle since the start
      for k in atrPeriods.indices {
        let period = atrPeriods[k]
        let p = Double(period)
        if index <= period {
          atrSum[k] += tr
          if index == period { atrValue[k] = atrSum[k] / p }
        } else {
          atrValue[k] = Volatility.wilderStep(atrValue[k], tr, period: period)
        }
      }
    }
    if count == 0 { firstClose = candle.close }
    candles.append(candle)
    count += 1
    if candles.count >= 2 * limit { candles.removeFirst(candles.count - limit) }
  }

  /// The last `limit` closed candles, oldest first.
  public var window: ArraySlice<Candle> { candles.suffix(limit) }

  /// ATR of the latest closed candle; NaN while undefined or for a period not tracked.
  public func atr(period: Int) -> Double {
    guard let k = atrPeriods.firstIndex(of: period) else { return .nan }
    return atrValue[k]
  }

  /// Sample deviation of the last `period` close-to-close returns ending at the latest candle
  /// (`Volatility.returnDeviation`); NaN when the window holds too few candles.
  public func returnDeviation(period: Int) -> Double {
    let n = candles.count
    guard period >= 2, n >= period + 1 else { return .nan }
    return Volatility.returnDeviation(closes: candles[(n - period - 1)...].lazy.map(\.close))
  }
}
