extension Kernel {
  /// Supertrend: hl2 = (h + l)/2, bands hl2 ± multiplier·ATR(period) (TA-Lib's Wilder ATR).
  /// The final upper band only falls (unless the previous close broke above it), the final
  /// lower band only rises (unless the previous close broke below it). The trend flips up when
  /// the close rises above the final upper band and down when it falls below the final lower
  /// band; the line is the lower band in an uptrend and the upper band in a downtrend. The
  /// first value starts an uptrend unless the close is below the lower band. Direction is +1
  /// (up) or −1 (down). Lookback = period.
  /// Returns whether no input was NaN (from ATR, which reads every input).
  @discardableResult
  static func supertrend(
    _ high: Buf, _ low: Buf, _ close: Buf, _ line: Out, _ direction: Out,
    _ p: Int, multiplier m: Double
  ) -> Bool {
    let n = high.count
    let lb = max(p, 1)
    line.fillNaN(upTo: lb)
    direction.fillNaN(upTo: lb)
    guard n > lb else { return false }
    if p >= 2 { return supertrendFused(high, low, close, line, direction, p, multiplier: m) }
    let clean = atr(high, low, close, line, p, normalized: false)
    var upper = 0.0, lower = 0.0, up = true
    for i in lb..<n {
      let hl2 = (high[i] + low[i]) / 2.0
      let a = line[i]
      let basicUpper = hl2 + m * a
      let basicLower = hl2 - m * a
      if i == lb {
        upper = basicUpper
        lower = basicLower
        up = !(close[i] < lower)
      } else {
        let prevClose = close[i - 1]
        if basicUpper < upper || prevClose > upper { upper = basicUpper }
        if basicLower > lower || prevClose < lower { lower = basicLower }
        if up, close[i] < lower { up = false } else if !up, close[i] > upper { up = true }
      }
      line[i] = up ? lower : upper
      direction[i] = up ? 1.0 : -1.0
    }
    return clean
  }

  /// ``supertrend(_:_:_:_:_:_:multiplier:)`` for p ≥ 2 in one pass: the ATR recurrence of
  /// ``atr(_:_:_:_:_:normalized:)`` (same arithmetic, same values) runs beside the bands, and
  /// the bands' data-dependent updates are vector selects (upper = basic when it is lower or
  /// the previous close broke above the band; lower mirrored), so only a trend flip branches.
  private static func supertrendFused(
    _ high: Buf, _ low: Buf, _ close: Buf, _ line: Out, _ direction: Out,
    _ p: Int, multiplier m: Double
  ) -> Bool {
    let n = high.count
    guard let hb = high.baseAddress, let lw = low.baseAddress, let cb = close.baseAddress,
      let lineOut = line.baseAddress, let dirOut = direction.baseAddress
    else { return false }
    var seen = cb[0]
    for i in 1...p { seen += (hb[i] - lw[i]) + cb[i] }
    let dp = Double(p)
    let a = Double(p - 1) / dp
    let b = 1.0 / dp
    var total = 0.0
    for i in 1...p { total += trueRange(high, low, close, i) }
    var atrValue = total / dp
    var hl2 = (hb[p] + lw[p]) / 2.0
    var upper = hl2 + m * atrValue
    var lower = hl2 - m * atrValue
    var up = !(cb[p] < lower)
    lineOut[p] = up ? lower : upper
    dirOut[p] = up ? 1.0 : -1.0
    // The bands as one pair (upper, −lower): both only fall, unless the previous close broke
    // through (above the upper band; below the lower, i.e. −close above −lower). Vector
    // selects keep the update free of branches (negation is exact, so the values are the
    // scalar rule's).
    var bands = SIMD2(upper, -lower)
    var prevClose = SIMD2(cb[p], -cb[p])
    var i = p + 1
    while i < n {
      let h = hb[i], l = lw[i], c = cb[i]
      atrValue = atrValue * a + trueRange(high, low, close, i) * b
      seen += (h - l) + c
      hl2 = (h + l) / 2.0
      let basic = SIMD2(hl2 + m * atrValue, -(hl2 - m * atrValue))
      bands.replace(with: basic, where: (basic .< bands) .| (prevClose .> bands))
      upper = bands[0]
      lower = -bands[1]
      if up {
        if c < lower { up = false }
      } else if c > upper {
        up = true
      }
      lineOut[i] = up ? lower : upper
      dirOut[i] = up ? 1.0 : -1.0
      prevClose = SIMD2(c, -c)
      i += 1
    }
    return !seen.isNaN
  }

  /// Keltner channel: middle = EMA(close, period); upper/lower = middle ± multiplier·ATR(atrPeriod).
  /// Lookback max(period − 1, atrPeriod).
  static func keltner(
    _ high: Buf, _ low: Buf, _ close: Buf, _ upper: Out, _ middle: Out, _ lower: Out,
    _ p: Int, multiplier m: Double, atrPeriod ap: Int
  ) {
    let n = high.count
    let lb = max(p - 1, max(ap, 1))
    ema(close, middle, p)
    atr(high, low, close, upper, ap, normalized: false)
    middle.fillNaN(upTo: lb)
    upper.fillNaN(upTo: lb)
    lower.fillNaN(upTo: lb)
    guard n > lb else { return }
    for i in lb..<n {
      let band = m * upper[i]
      upper[i] = middle[i] + band
      lower[i] = middle[i] - band
    }
  }

  /// Donchian channel: upper = highest high, lower = lowest low over `p` bars, middle their
  /// mean. Lookback p − 1.
  static func donchian(_ high: Buf, _ low: Buf, _ upper: Out, _ middle: Out, _ lower: Out, _ p: Int) {
    windowExtreme(high, upper, p, isMax: true)
    windowExtreme(low, lower, p, isMax: false)
    for i in 0..<high.count { middle[i] = (upper[i] + lower[i]) / 2.0 }
  }

  /// Ichimoku: tenkan = midprice(tenkan), kijun = midprice(kijun); senkou A = (tenkan + kijun)/2
  /// and senkou B = midprice(senkouB), both plotted `displacement` bars ahead (value at i comes
  /// from bar i − displacement; spans beyond the last bar are dropped); chikou = close plotted
  /// `displacement` bars back (value at i is close[i + displacement], NaN for the last bars).
  static func ichimoku(
    _ high: Buf, _ low: Buf, _ close: Buf, _ outs: [Out], tenkan: Int, kijun: Int,
    senkouB: Int, displacement d: Int
  ) {
    let n = high.count
    let (t, k, a, b, c) = (outs[0], outs[1], outs[2], outs[3], outs[4])
    midprice(high, low, t, tenkan)
    midprice(high, low, k, kijun)
    withScratch(n) { span in
      midprice(high, low, span, senkouB)
      for i in 0..<n {
        let j = i - d
        a[i] = j >= 0 ? (t[j] + k[j]) / 2.0 : .nan
        b[i] = j >= 0 ? span[j] : .nan
        c[i] = i + d < n ? close[i + d] : .nan
      }
    }
  }

  /// Heikin-Ashi candles: close = (o + h + l + c)/4; open = (previous open + previous close)/2,
  /// starting at (o + c)/2; high = max(h, open, close); low = min(l, open, close). Lookback 0.
  static func heikinAshi(_ o: Buf, _ h: Buf, _ l: Buf, _ c: Buf, _ outs: [Out]) {
    let n = o.count
    guard n > 0 else { return }
    let (ho, hh, hl, hc) = (outs[0], outs[1], outs[2], outs[3])
    var prevOpen = 0.0, prevClose = 0.0
    for i in 0..<n {
      let close = (o[i] + h[i] + l[i] + c[i]) / 4.0
      let open = i == 0 ? (o[0] + c[0]) / 2.0 : (prevOpen + prevClose) / 2.0
      ho[i] = open
      hc[i] = close
      hh[i] = Swift.max(h[i], Swift.max(open, close))
      hl[i] = Swift.min(l[i], Swift.min(open, close))
      prevOpen = open
      prevClose = close
    }
  }

  /// Classic floor pivots from the previous bar: P = (H + L + C)/3, R1 = 2P − L, S1 = 2P − H,
  /// R2 = P + (H − L), S2 = P − (H − L), R3 = H + 2(P − L), S3 = L − 2(H − P). For daily
  /// pivots on intraday data, resample to days first. Lookback 1.
  static func pivots(_ high: Buf, _ low: Buf, _ close: Buf, _ outs: [Out]) {
    let n = high.count
    for o in outs { o.fillNaN(upTo: 1) }
    guard n > 1 else { return }
    for i in 1..<n {
      let h = high[i - 1], l = low[i - 1], c = close[i - 1]
      let p = (h + l + c) / 3.0
      outs[0][i] = p
      outs[1][i] = 2.0 * p - l
      outs[2][i] = 2.0 * p - h
      outs[3][i] = p + (h - l)
      outs[4][i] = p - (h - l)
      outs[5][i] = h + 2.0 * (p - l)
      outs[6][i] = l - 2.0 * (h - p)
    }
  }

  /// Z-score: (x − mean) / population stddev over `p` bars; 0 when the window is flat.
  /// Running sums of x − x₀ (x₀ the first value) keep the cancellation small. Lookback p − 1.
  static func zscore(_ x: Buf, _ out: Out, _ p: Int) {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return }
    let shift = x[0]
    let d = Double(p)
    var s1 = 0.0, s2 = 0.0
    for i in 0..<lb {
      let v = x[i] - shift
      s1 += v
      s2 += v * v
    }
    for i in lb..<n {
      let v = x[i] - shift
      s1 += v
      s2 += v * v
      let mean = s1 / d
      let variance = Swift.max(s2 / d - mean * mean, 0)
      let sd = variance.squareRoot()
      out[i] = sd > 0 ? (v - mean) / sd : 0.0
      let old = x[i - lb] - shift
      s1 -= old
      s2 -= old * old
    }
  }
}
