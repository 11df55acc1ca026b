/// Three bands in TA-Lib's order (BBANDS, Keltner, Donchian).
public struct Bands: Sendable, Equatable {
  public var upper: [Double]
  public var middle: [Double]
  public var lower: [Double]
}

/// MACD, its signal line and the histogram (MACD, MACDEXT, MACDFIX).
public struct MACDLines: Sendable, Equatable {
  public var macd: [Double]
  public var signal: [Double]
  public var hist: [Double]
}

/// Two stochastic lines: slow %K/%D (STOCH) or fast %K/%D (STOCHF, STOCHRSI).
public struct StochasticLines: Sendable, Equatable {
  public var k: [Double]
  public var d: [Double]
}

/// AROON's lines in TA-Lib's order.
public struct AroonLines: Sendable, Equatable {
  public var down: [Double]
  public var up: [Double]
}

/// MAMA and FAMA.
public struct MAMALines: Sendable, Equatable {
  public var mama: [Double]
  public var fama: [Double]
}

/// Supertrend line and direction (+1 up, −1 down).
public struct SupertrendLines: Sendable, Equatable {
  public var line: [Double]
  public var direction: [Double]
}

/// Ichimoku's five lines.
public struct IchimokuLines: Sendable, Equatable {
  public var tenkan: [Double]
  public var kijun: [Double]
  public var senkouA: [Double]
  public var senkouB: [Double]
  public var chikou: [Double]
}

/// Heikin-Ashi candles.
public struct HeikinAshiCandles: Sendable, Equatable {
  public var open: [Double]
  public var high: [Double]
  public var low: [Double]
  public var close: [Double]
}

/// Classic pivot levels.
public struct PivotLevels: Sendable, Equatable {
  public var pivot: [Double]
  public var r1: [Double]
  public var s1: [Double]
  public var r2: [Double]
  public var s2: [Double]
  public var r3: [Double]
  public var s3: [Double]
}

extension IndicatorDescriptor {
  /// Typed-API helper: computes and returns the single output.
  func single(_ inputs: [[Double]], _ parameters: [Double] = []) throws(IndicatorError) -> [Double] {
    try compute(inputs, parameters)[0]
  }
}

extension MAType {
  var code: Double { Double(rawValue) }
}
