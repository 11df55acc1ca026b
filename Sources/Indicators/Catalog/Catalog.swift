/// The descriptors, one static per indicator, grouped in files by TA-Lib group.
enum Catalog {
  /// Runs a one-output kernel under the NaN policy.
  @inline(__always)
  static func one(_ ins: [Buf], _ kernel: ([Buf], Out) -> Void) -> [[Double]] {
    runSegmented(ins, outputs: 1) { i, o in kernel(i, o[0]) }
  }

  /// Runs a one-output kernel that reports whether it saw no NaN (see ``runOptimistic``).
  @inline(__always)
  static func clean(_ ins: [Buf], _ kernel: ([Buf], Out) -> Bool) -> [[Double]] {
    runOptimistic(ins, outputs: 1) { i, o in kernel(i, o[0]) }
  }

  /// Runs a kernel with several outputs under the NaN policy.
  @inline(__always)
  static func many(_ ins: [Buf], _ k: Int, _ kernel: ([Buf], [Out]) -> Void) -> [[Double]] {
    runSegmented(ins, outputs: k, kernel)
  }
}

extension Array where Element == Double {
  /// Parameter `i` as an MA type (validated as 0...8 before kernels run).
  @inline(__always)
  func ma(_ i: Int) -> MAType { MAType(rawValue: Int(self[i])) ?? .sma }
}

extension Indicators {
  /// Every indicator, TA-Lib's functions first (by group), then the ones beyond TA-Lib.
  /// Bindings and documentation iterate this list.
  public static let catalog: [IndicatorDescriptor] = [
    // Overlap studies
    Catalog.sma, Catalog.ema, Catalog.wma, Catalog.dema, Catalog.tema, Catalog.trima,
    Catalog.kama, Catalog.mama, Catalog.t3, Catalog.ma, Catalog.bbands, Catalog.midpoint,
    Catalog.midprice, Catalog.sar, Catalog.sarext, Catalog.htTrendline,
    // Momentum
    Catalog.adx, Catalog.adxr, Catalog.apo, Catalog.aroon, Catalog.aroonosc, Catalog.bop,
    Catalog.cci, Catalog.cmo, Catalog.dx, Catalog.macd, Catalog.macdext, Catalog.macdfix,
    Catalog.mfi, Catalog.minusDI, Catalog.minusDM, Catalog.mom, Catalog.plusDI, Catalog.plusDM,
    Catalog.ppo, Catalog.roc, Catalog.rocp, Catalog.rocr, Catalog.rocr100, Catalog.rsi,
    Catalog.stoch, Catalog.stochf, Catalog.stochrsi, Catalog.trix, Catalog.ultosc, Catalog.willr,
    // Volume, volatility, price
    Catalog.ad, Catalog.adosc, Catalog.obv, Catalog.atr, Catalog.natr, Catalog.trange,
    Catalog.avgprice, Catalog.medprice, Catalog.typprice, Catalog.wclprice,
    // Statistics and math
    Catalog.beta, Catalog.correl, Catalog.linearreg, Catalog.linearregAngle,
    Catalog.linearregIntercept, Catalog.linearregSlope, Catalog.stddev, Catalog.tsf, Catalog.variance,
    Catalog.max, Catalog.min, Catalog.sum, Catalog.maxindex, Catalog.minindex,
    // Beyond TA-Lib
    Catalog.supertrend, Catalog.keltner, Catalog.donchian, Catalog.ichimoku, Catalog.heikinashi,
    Catalog.pivots, Catalog.zscore,
  ]
}
