// Typed entry points; each validates like its descriptor (TA-Lib's ranges) and follows the
// NaN policy documented on ``Indicators``. Formulas are on the kernels and descriptors.
extension Indicators {
  /// SMA, lookback period − 1.
  public static func sma(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.sma.single([x], [Double(period)])
  }
  /// EMA (k = 2/(period+1), SMA seed), lookback period − 1.
  public static func ema(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.ema.single([x], [Double(period)])
  }
  /// WMA, lookback period − 1.
  public static func wma(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.wma.single([x], [Double(period)])
  }
  /// DEMA, lookback 2(period − 1).
  public static func dema(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.dema.single([x], [Double(period)])
  }
  /// TEMA, lookback 3(period − 1).
  public static func tema(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.tema.single([x], [Double(period)])
  }
  /// TRIMA, lookback period − 1.
  public static func trima(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.trima.single([x], [Double(period)])
  }
  /// KAMA, lookback period.
  public static func kama(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.kama.single([x], [Double(period)])
  }
  /// MAMA and FAMA, lookback 32.
  public static func mama(_ x: [Double], fastLimit: Double = 0.5, slowLimit: Double = 0.05)
    throws(IndicatorError) -> MAMALines
  {
    let r = try Catalog.mama.compute([x], [fastLimit, slowLimit])
    return MAMALines(mama: r[0], fama: r[1])
  }
  /// T3, lookback 6(period − 1).
  public static func t3(_ x: [Double], period: Int = 5, vfactor: Double = 0.7) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.t3.single([x], [Double(period), vfactor])
  }
  /// TA-Lib's MA of any type; lookback `type.lookback(period)`.
  public static func ma(_ x: [Double], period: Int = 30, type: MAType = .sma) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.ma.single([x], [Double(period), type.code])
  }
  /// Bollinger Bands (upper, middle, lower).
  public static func bbands(
    _ x: [Double], period: Int = 20, nbdevup: Double = 2, nbdevdn: Double = 2,
    type: MAType = .sma
  ) throws(IndicatorError) -> Bands {
    let r = try Catalog.bbands.compute([x], [Double(period), nbdevup, nbdevdn, type.code])
    return Bands(upper: r[0], middle: r[1], lower: r[2])
  }
  /// (highest + lowest)/2 over `period`.
  public static func midpoint(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
    try Catalog.midpoint.single([x], [Double(period)])
  }
  /// (highest high + lowest low)/2 over `period`.
  public static func midprice(high: [Double], low: [Double], period: Int = 14) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.midprice.single([high, low], [Double(period)])
  }
  /// Parabolic SAR, lookback 1.
  public static func sar(high: [Double], low: [Double], acceleration: Double = 0.02, maximum: Double = 0.2)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.sar.single([high, low], [acceleration, maximum])
  }
  /// Extended parabolic SAR (short positions negative), lookback 1.
  public static func sarext(
    high: [Double], low: [Double], startValue: Double = 0, offsetOnReverse: Double = 0,
    accelerationInitLong: Double = 0.02, accelerationLong: Double = 0.02,
    accelerationMaxLong: Double = 0.2, accelerationInitShort: Double = 0.02,
    accelerationShort: Double = 0.02, accelerationMaxShort: Double = 0.2
  )
    throws(IndicatorError) -> [Double]
  {
    try Catalog.sarext.single(
      [high, low],
      [
        startValue, offsetOnReverse, accelerationInitLong, accelerationLong,
        accelerationMaxLong, accelerationInitShort, accelerationShort,
        accelerationMaxShort,
      ])
  }
  /// Hilbert instantaneous trendline, lookback 63.
  public static func htTrendline(_ x: [Double]) throws(IndicatorError) -> [Double] {
    try Catalog.htTrendline.single([x])
  }
}
