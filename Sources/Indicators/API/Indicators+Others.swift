extension Indicators {
  /// Chaikin A/D line.
  public static func ad(high: [Double], low: [Double], close: [Double], volume: [Double])
    throws(IndicatorError) -> [Double]
  {
    try Catalog.ad.single([high, low, close, volume])
  }
  /// Chaikin A/D oscillator.
  public static func adosc(
    high: [Double], low: [Double], close: [Double], volume: [Double], fastPeriod: Int = 3,
    slowPeriod: Int = 10
  ) throws(IndicatorError) -> [Double] {
    try Catalog.adosc.single([high, low, close, volume], [Double(fastPeriod), Double(slowPeriod)])
  }
  /// On balance volume.
  public static func obv(close: [Double], volume: [Double]) throws(IndicatorError) -> [Double] {
    try Catalog.obv.single([close, volume])
  }
  /// Average true range (Wilder), lookback period.
  public static func atr(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.atr.single([high, low, close], [Double(period)])
  }
  /// ATR / close · 100.
  public static func natr(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.natr.single([high, low, close], [Double(period)])
  }
  /// True range, lookback 1.
  public static func trange(high: [Double], low: [Double], close: [Double]) throws(IndicatorError) -> [Double]
  {
    try Catalog.trange.single([high, low, close])
  }
  /// (o + h + l + c)/4.
  public static func avgprice(open: [Double], high: [Double], low: [Double], close: [Double])
    throws(IndicatorError) -> [Double]
  {
    try Catalog.avgprice.single([open, high, low, close])
  }
  /// (h + l)/2.
  public static func medprice(high: [Double], low: [Double]) throws(IndicatorError) -> [Double] {
    try Catalog.medprice.single([high, low])
  }
  /// (h + l + c)/3.
  public static func typprice(high: [Double], low: [Double], close: [Double]) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.typprice.single([high, low, close])
  }
  /// (h + l + 2c)/4.
  public static func wclprice(high: [Double], low: [Double], close: [Double]) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.wclprice.single([high, low, close])
  }
  /// Beta of `x`'s returns on `y`'s, lookback period.
  public static func beta(_ x: [Double], _ y: [Double], period: Int = 5) throws(IndicatorError) -> [Double] {
    try Catalog.beta.single([x, y], [Double(period)])
  }
  /// Pearson correlation, lookback period − 1.
  public static func correl(_ x: [Double], _ y: [Double], period: Int = 30) throws(IndicatorError) -> [Double]
  {
    try Catalog.correl.single([x, y], [Double(period)])
  }
  /// Linear regression value at the newest bar.
  public static func linearreg(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
    try Catalog.linearreg.single([x], [Double(period)])
  }
  /// Linear regression angle in degrees.
  public static func linearregAngle(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
    try Catalog.linearregAngle.single([x], [Double(period)])
  }
  /// Linear regression intercept (value at the oldest bar of the window).
  public static func linearregIntercept(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
    try Catalog.linearregIntercept.single([x], [Double(period)])
  }
  /// Linear regression slope per bar.
  public static func linearregSlope(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
    try Catalog.linearregSlope.single([x], [Double(period)])
  }
  /// Time series forecast (regression one bar ahead).
  public static func tsf(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
    try Catalog.tsf.single([x], [Double(period)])
  }
  /// Population standard deviation · nbdev.
  public static func stddev(_ x: [Double], period: Int = 5, nbdev: Double = 1) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.stddev.single([x], [Double(period), nbdev])
  }
  /// Population variance (TA-Lib's VAR).
  public static func variance(_ x: [Double], period: Int = 5) throws(IndicatorError) -> [Double] {
    try Catalog.variance.single([x], [Double(period)])
  }
  /// Highest value over `period`.
  public static func max(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.max.single([x], [Double(period)])
  }
  /// Lowest value over `period`.
  public static func min(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.min.single([x], [Double(period)])
  }
  /// Sum over `period`.
  public static func sum(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.sum.single([x], [Double(period)])
  }
  /// 0-based index (into `x`) of the highest value over `period`, as Double; NaN in the lookback.
  public static func maxindex(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.maxindex.single([x], [Double(period)])
  }
  /// 0-based index (into `x`) of the lowest value over `period`, as Double; NaN in the lookback.
  public static func minindex(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.minindex.single([x], [Double(period)])
  }
  /// Supertrend line and direction.
  public static func supertrend(
    high: [Double], low: [Double], close: [Double], period: Int = 10,
    multiplier: Double = 3
  ) throws(IndicatorError) -> SupertrendLines {
    let r = try Catalog.supertrend.compute([high, low, close], [Double(period), multiplier])
    return SupertrendLines(line: r[0], direction: r[1])
  }
  /// Keltner channel.
  public static func keltner(
    high: [Double], low: [Double], close: [Double], period: Int = 20,
    multiplier: Double = 2, atrPeriod: Int = 10
  ) throws(IndicatorError) -> Bands {
    let r = try Catalog.keltner.compute([high, low, close], [Double(period), multiplier, Double(atrPeriod)])
    return Bands(upper: r[0], middle: r[1], lower: r[2])
  }
  /// Donchian channel.
  public static func donchian(high: [Double], low: [Double], period: Int = 20) throws(IndicatorError) -> Bands
  {
    let r = try Catalog.donchian.compute([high, low], [Double(period)])
    return Bands(upper: r[0], middle: r[1], lower: r[2])
  }
  /// Ichimoku lines.
  public static func ichimoku(
    high: [Double], low: [Double], close: [Double], tenkan: Int = 9, kijun: Int = 26,
    senkouB: Int = 52, displacement: Int = 26
  ) throws(IndicatorError) -> IchimokuLines {
    let r = try Catalog.ichimoku.compute(
      [high, low, close],
      [
        Double(tenkan), Double(kijun), Double(senkouB),
        Double(displacement),
      ])
    return IchimokuLines(tenkan: r[0], kijun: r[1], senkouA: r[2], senkouB: r[3], chikou: r[4])
  }
  /// Heikin-Ashi candles.
  public static func heikinAshi(open: [Double], high: [Double], low: [Double], close: [Double])
    throws(IndicatorError) -> HeikinAshiCandles
  {
    let r = try Catalog.heikinashi.compute([open, high, low, close])
    return HeikinAshiCandles(open: r[0], high: r[1], low: r[2], close: r[3])
  }
  /// Classic pivot points from the previous bar.
  public static func pivots(high: [Double], low: [Double], close: [Double]) throws(IndicatorError)
    -> PivotLevels
  {
    let r = try Catalog.pivots.compute([high, low, close])
    return PivotLevels(pivot: r[0], r1: r[1], s1: r[2], r2: r[3], s2: r[4], r3: r[5], s3: r[6])
  }
  /// Rolling z-score.
  public static func zscore(_ x: [Double], period: Int = 20) throws(IndicatorError) -> [Double] {
    try Catalog.zscore.single([x], [Double(period)])
  }
}
