extension Kernel {
  /// Fast %K = (close − lowest low) / (highest high − lowest low) · 100 over `p` bars (0 when
  /// the range is 0), from bar `p − 1` on, via ``slidingRange(_:_:_:_:)``.
  static func fastK(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out, _ p: Int) {
    out.fillNaN(upTo: p - 1)
    slidingRange(high, low, p) { i, highest, lowest in
      let diff = (highest - lowest) / 100.0
      out[i] = diff != 0.0 ? (close[i] - lowest) / diff : 0.0
    }
  }

  /// WILLR = (highest high − close) / (highest − lowest) · −100 over `p` bars (0 when the
  /// range is 0). Lookback p − 1. Returns whether no input was NaN (running sums of the inputs).
  @discardableResult
  static func willr(_ high: Buf, _ low: Buf, _ close: Buf, _ out: Out, _ p: Int) -> Bool {
    out.fillNaN(upTo: p - 1)
    guard high.count >= p else { return false }
    var seen = 0.0
    for i in 0..<(p - 1) { seen += close[i] }
    let ranges = slidingRange(high, low, p) { i, highest, lowest in
      let c = close[i]
      seen += c
      let diff = (highest - lowest) / -100.0
      out[i] = diff != 0.0 ? (highest - c) / diff : 0.0
    }
    return ranges && !seen.isNaN
  }

  /// STOCH: slow %K = MA(fast %K, slowk, type), slow %D = MA(slow %K, slowd, type).
  /// Lookback (fastk − 1) + lookback(slowk MA) + lookback(slowd MA).
  static func stoch(
    _ high: Buf, _ low: Buf, _ close: Buf, _ k: Out, _ d: Out, fastK fk: Int,
    slowK sk: Int, slowKType: MAType, slowD sd: Int, slowDType: MAType
  ) {
    let n = high.count
    withScratch(n) { fast in
      fastK(high, low, close, fast, fk)
      ma(fast.input, k, sk, slowKType, from: fk - 1)
      ma(k.input, d, sd, slowDType, from: fk - 1 + slowKType.lookback(sk))
    }
    let lb = fk - 1 + slowKType.lookback(sk) + slowDType.lookback(sd)
    k.fillNaN(upTo: lb)
  }

  /// STOCHF: fast %K and fast %D = MA(fast %K, fastd, type). Lookback (fastk − 1) + lookback(MA).
  static func stochf(
    _ high: Buf, _ low: Buf, _ close: Buf, _ k: Out, _ d: Out, fastK fk: Int,
    fastD fd: Int, type: MAType
  ) {
    fastK(high, low, close, k, fk)
    ma(k.input, d, fd, type, from: fk - 1)
    k.fillNaN(upTo: fk - 1 + type.lookback(fd))
  }

  /// STOCHRSI: STOCHF applied to RSI(p) as high, low and close.
  static func stochrsi(
    _ x: Buf, _ k: Out, _ d: Out, _ p: Int, fastK fk: Int, fastD fd: Int,
    type: MAType
  ) {
    let n = x.count
    k.fillNaN(upTo: p)
    d.fillNaN(upTo: p)
    guard n > p else { return }
    withScratch(n) { r in
      rsi(x, r, p)
      let v = r.input.from(p)
      stochf(v, v, v, k.from(p), d.from(p), fastK: fk, fastD: fd, type: type)
    }
  }

  /// AROON over `p + 1` bars: down = 100/p · (p − bars since the lowest low), up likewise
  /// with the highest high (the most recent extreme on ties, as TA-Lib). AROONOSC = up − down computed
  /// as 100/p · (index of high − index of low). Lookback p.
  static func aroon(_ high: Buf, _ low: Buf, _ down: Out?, _ up: Out?, _ osc: Out?, _ p: Int) {
    let n = high.count
    for o in [down, up, osc] { o?.fillNaN(upTo: p) }
    guard n > p else { return }
    let factor = 100.0 / Double(p)
    // The window is p + 1 bars; TA-Lib keeps the latest of equal extremes.
    slidingArgRange(high, low, p + 1, latest: true) { i, hIdx, lIdx in
      if let down { down[i] = factor * Double(p - (i - lIdx)) }
      if let up { up[i] = factor * Double(p - (i - hIdx)) }
      if let osc { osc[i] = factor * Double(hIdx - lIdx) }
    }
  }
}
