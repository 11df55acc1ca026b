extension Indicators {
  /// ADX, lookback 2·period − 1.
  public static func adx(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.adx.single([high, low, close], [Double(period)])
  }
  /// ADXR, lookback 3·period − 2.
  public static func adxr(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.adxr.single([high, low, close], [Double(period)])
  }
  /// DX, lookback period.
  public static func dx(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.dx.single([high, low, close], [Double(period)])
  }
  /// +DI, lookback period (1 for period 1).
  public static func plusDI(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.plusDI.single([high, low, close], [Double(period)])
  }
  /// −DI, lookback period (1 for period 1).
  public static func minusDI(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.minusDI.single([high, low, close], [Double(period)])
  }
  /// +DM, lookback period − 1 (1 for period 1).
  public static func plusDM(high: [Double], low: [Double], period: Int = 14) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.plusDM.single([high, low], [Double(period)])
  }
  /// −DM, lookback period − 1 (1 for period 1).
  public static func minusDM(high: [Double], low: [Double], period: Int = 14) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.minusDM.single([high, low], [Double(period)])
  }
  /// APO = MA(fast) − MA(slow).
  public static func apo(_ x: [Double], fastPeriod: Int = 12, slowPeriod: Int = 26, type: MAType = .ema)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.apo.single([x], [Double(fastPeriod), Double(slowPeriod), type.code])
  }
  /// PPO = (MA(fast) − MA(slow)) / MA(slow) · 100.
  public static func ppo(_ x: [Double], fastPeriod: Int = 12, slowPeriod: Int = 26, type: MAType = .ema)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.ppo.single([x], [Double(fastPeriod), Double(slowPeriod), type.code])
  }
  /// AROON (down, up), lookback period.
  public static func aroon(high: [Double], low: [Double], period: Int = 14) throws(IndicatorError)
    -> AroonLines
  {
    let r = try Catalog.aroon.compute([high, low], [Double(period)])
    return AroonLines(down: r[0], up: r[1])
  }
  /// AROONOSC = up − down, lookback period.
  public static func aroonosc(high: [Double], low: [Double], period: Int = 14) throws(IndicatorError)
    -> [Double]
  {
    try Catalog.aroonosc.single([high, low], [Double(period)])
  }
  /// Balance of power.
  public static func bop(open: [Double], high: [Double], low: [Double], close: [Double])
    throws(IndicatorError) -> [Double]
  {
    try Catalog.bop.single([open, high, low, close])
  }
  /// CCI, lookback period − 1.
  public static func cci(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.cci.single([high, low, close], [Double(period)])
  }
  /// CMO, lookback period.
  public static func cmo(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
    try Catalog.cmo.single([x], [Double(period)])
  }
  /// MACD (macd, signal, hist), lookback (slow − 1) + (signal − 1).
  public static func macd(_ x: [Double], fastPeriod: Int = 12, slowPeriod: Int = 26, signalPeriod: Int = 9)
    throws(IndicatorError) -> MACDLines
  {
    let r = try Catalog.macd.compute([x], [Double(fastPeriod), Double(slowPeriod), Double(signalPeriod)])
    return MACDLines(macd: r[0], signal: r[1], hist: r[2])
  }
  /// MACD with an MA type per line.
  public static func macdext(
    _ x: [Double], fastPeriod: Int = 12, fastType: MAType = .sma, slowPeriod: Int = 26,
    slowType: MAType = .sma, signalPeriod: Int = 9, signalType: MAType = .sma
  )
    throws(IndicatorError) -> MACDLines
  {
    let r = try Catalog.macdext.compute(
      [x],
      [
        Double(fastPeriod), fastType.code, Double(slowPeriod), slowType.code,
        Double(signalPeriod), signalType.code,
      ])
    return MACDLines(macd: r[0], signal: r[1], hist: r[2])
  }
  /// MACD 12/26 with fixed smoothing factors.
  public static func macdfix(_ x: [Double], signalPeriod: Int = 9) throws(IndicatorError) -> MACDLines {
    let r = try Catalog.macdfix.compute([x], [Double(signalPeriod)])
    return MACDLines(macd: r[0], signal: r[1], hist: r[2])
  }
  /// MFI, lookback period.
  public static func mfi(high: [Double], low: [Double], close: [Double], volume: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.mfi.single([high, low, close, volume], [Double(period)])
  }
  /// Momentum x − x[period ago].
  public static func mom(_ x: [Double], period: Int = 10) throws(IndicatorError) -> [Double] {
    try Catalog.mom.single([x], [Double(period)])
  }
  /// Rate of change in percent.
  public static func roc(_ x: [Double], period: Int = 10) throws(IndicatorError) -> [Double] {
    try Catalog.roc.single([x], [Double(period)])
  }
  /// Rate of change as a fraction.
  public static func rocp(_ x: [Double], period: Int = 10) throws(IndicatorError) -> [Double] {
    try Catalog.rocp.single([x], [Double(period)])
  }
  /// Rate of change ratio.
  public static func rocr(_ x: [Double], period: Int = 10) throws(IndicatorError) -> [Double] {
    try Catalog.rocr.single([x], [Double(period)])
  }
  /// Rate of change ratio · 100.
  public static func rocr100(_ x: [Double], period: Int = 10) throws(IndicatorError) -> [Double] {
    try Catalog.rocr100.single([x], [Double(period)])
  }
  /// RSI (Wilder), lookback period.
  public static func rsi(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
    try Catalog.rsi.single([x], [Double(period)])
  }
  /// STOCH (slow %K, slow %D).
  public static func stoch(
    high: [Double], low: [Double], close: [Double], fastK: Int = 5, slowK: Int = 3,
    slowKType: MAType = .sma, slowD: Int = 3, slowDType: MAType = .sma
  )
    throws(IndicatorError) -> StochasticLines
  {
    let r = try Catalog.stoch.compute(
      [high, low, close],
      [
        Double(fastK), Double(slowK), slowKType.code,
        Double(slowD), slowDType.code,
      ])
    return StochasticLines(k: r[0], d: r[1])
  }
  /// STOCHF (fast %K, fast %D).
  public static func stochf(
    high: [Double], low: [Double], close: [Double], fastK: Int = 5, fastD: Int = 3,
    fastDType: MAType = .sma
  ) throws(IndicatorError) -> StochasticLines {
    let r = try Catalog.stochf.compute([high, low, close], [Double(fastK), Double(fastD), fastDType.code])
    return StochasticLines(k: r[0], d: r[1])
  }
  /// STOCHRSI (fast %K, fast %D of RSI).
  public static func stochrsi(
    _ x: [Double], period: Int = 14, fastK: Int = 5, fastD: Int = 3,
    fastDType: MAType = .sma
  ) throws(IndicatorError) -> StochasticLines {
    let r = try Catalog.stochrsi.compute([x], [Double(period), Double(fastK), Double(fastD), fastDType.code])
    return StochasticLines(k: r[0], d: r[1])
  }
  /// TRIX, lookback 3(period − 1) + 1.
  public static func trix(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
    try Catalog.trix.single([x], [Double(period)])
  }
  /// Ultimate oscillator, lookback = the longest period.
  public static func ultosc(
    high: [Double], low: [Double], close: [Double], period1: Int = 7, period2: Int = 14,
    period3: Int = 28
  ) throws(IndicatorError) -> [Double] {
    try Catalog.ultosc.single([high, low, close], [Double(period1), Double(period2), Double(period3)])
  }
  /// Williams' %R, lookback period − 1.
  public static func willr(high: [Double], low: [Double], close: [Double], period: Int = 14)
    throws(IndicatorError) -> [Double]
  {
    try Catalog.willr.single([high, low, close], [Double(period)])
  }
}
