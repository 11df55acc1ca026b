#if canImport(Glibc)
  import Glibc
#endif

/// Deterministic synthetic OHLCV bars: a geometric random walk, labelled synthetic.
///
/// Each bar's log return is normal with mean `drift` and standard deviation `volatility`
/// (both per bar). The bar opens at the previous close and walks four equal sub-steps to its
/// close; high and low are the extremes of that path, so high ≥ max(open, close) and
/// low ≤ min(open, close) always hold. Volume is log-normal around 1000. The same
/// parameters give the same bars on every run and machine.
public struct SyntheticBars: Sendable {
  public var count: Int
  public var seed: UInt64
  public var start: Int64
  public var timeframe: Timeframe
  public var drift: Double
  public var volatility: Double
  public var initialPrice: Double
  public var symbol: String

  /// 2024-01-01T00:00:00Z.
  public static let defaultStart: Int64 = 1_704_067_200_000_000_000

  public init(
    count: Int, seed: UInt64 = 1, start: Int64 = SyntheticBars.defaultStart,
    timeframe: Timeframe = Timeframe(count: 1, unit: .minute), drift: Double = 0,
    volatility: Double = 0.01, initialPrice: Double = 100, symbol: String = "SYNTH"
  ) {
    self.count = count
    self.seed = seed
    self.start = start
    self.timeframe = timeframe
    self.drift = drift
    self.volatility = volatility
    self.initialPrice = initialPrice
    self.symbol = symbol
  }

  public enum Problem: Error, CustomStringConvertible, Equatable {
    case invalid(field: String, expected: String, got: String)

    public var description: String {
      switch self {
      case let .invalid(field, expected, got): return "'\(field)' must be \(expected), got \(got)"
      }
    }
  }

  /// Checks the parameters, naming the first bad one.
  public func validate() throws(Problem) {
    if count < 0 { throw .invalid(field: "bars", expected: "a count >= 0", got: "\(count)") }
    if timeframe.nanoseconds == nil {
      throw .invalid(
        field: "timeframe", expected: "a fixed-length timeframe (s, m, h, d, w)", got: "\(timeframe)")
    }
    if !drift.isFinite { throw .invalid(field: "drift", expected: "a finite number", got: "\(drift)") }
    if !(volatility >= 0 && volatility.isFinite) {
      throw .invalid(field: "vol", expected: "a finite number >= 0", got: "\(volatility)")
    }
    if !(initialPrice > 0 && initialPrice.isFinite) {
      throw .invalid(field: "price", expected: "a finite number > 0", got: "\(initialPrice)")
    }
  }

  public func generate() throws(Problem) -> Bars {
    try validate()
    guard let step = timeframe.nanoseconds else {
      throw .invalid(
        field: "timeframe", expected: "a fixed-length timeframe (s, m, h, d, w)", got: "\(timeframe)")
    }
    var random = RandomSource(seed: seed)
    var time = [Int64](repeating: 0, count: count)
    var open = [Double](repeating: 0, count: count)
    var high = [Double](repeating: 0, count: count)
    var low = [Double](repeating: 0, count: count)
    var close = [Double](repeating: 0, count: count)
    var volume = [Double](repeating: 0, count: count)
    let subSteps = 4
    let subDrift = drift / Double(subSteps)
    let subVolatility = volatility / Double(subSteps).squareRoot()
    var price = initialPrice
    for i in 0..<count {
      time[i] = start + Int64(i) * step
      open[i] = price
      var h = price
      var l = price
      for _ in 0..<subSteps {
        price *= exp(subDrift + subVolatility * random.normal())
        h = max(h, price)
        l = min(l, price)
      }
      high[i] = h
      low[i] = l
      close[i] = price
      volume[i] = (1000 * exp(0.5 * random.normal())).rounded()
    }
    return Bars(
      time: time, open: open, high: high, low: low, close: close, volume: volume,
      symbol: symbol, timeframe: timeframe)
  }
}
