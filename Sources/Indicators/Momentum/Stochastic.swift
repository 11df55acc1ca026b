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
  /// Lookback (fastk − 1) + lookback(slowk MA) + lookback(slowd MA). Returns whether no input
  /// was NaN (known only on the fused SMA path; `false` otherwise).
  @discardableResult
  static func stoch(
    _ high: Buf, _ low: Buf, _ close: Buf, _ k: Out, _ d: Out, fastK fk: Int,
    slowK sk: Int, slowKType: MAType, slowD sd: Int, slowDType: MAType
  ) -> Bool {
    if slowKType == .sma, slowDType == .sma, sk > 1, sd > 1 {
      return stochSMA(high, low, close, k, d, fastK: fk, slowK: sk, slowD: sd)
    }
    let n = high.count
    withScratch(n) { fast in
      fastK(high, low, close, fast, fk)
      ma(fast.input, k, sk, slowKType, from: fk - 1)
      ma(k.input, d, sd, slowDType, from: fk - 1 + slowKType.lookback(sk))
    }
    let lb = fk - 1 + slowKType.lookback(sk) + slowDType.lookback(sd)
    k.fillNaN(upTo: lb)
    return false
  }

  /// STOCH with simple averages for both smoothings (TA-Lib's default), in one pass: each
  /// fast %K feeds a running sum over `sk` values (a ring of the last ones), each slow %K a
  /// running sum over `sd`; no full-length scratch. One division per bar: fast %K is
  /// (close − lowest)·100 / (highest − lowest) (TA-Lib divides by (highest − lowest)/100) and
  /// the means multiply their totals by 1/sk and 1/sd — each within a unit in the last place
  /// of TA-Lib's; four divisions per bar were the loop's throughput limit.
  /// Returns whether no input was NaN (running sums of the inputs).
  private static func stochSMA(
    _ high: Buf, _ low: Buf, _ close: Buf, _ k: Out, _ d: Out, fastK fk: Int, slowK sk: Int,
    slowD sd: Int
  ) -> Bool {
    let n = high.count
    let lb = fk - 1 + (sk - 1) + (sd - 1)
    k.fillNaN(upTo: lb)
    d.fillNaN(upTo: lb)
    guard n > lb, let kp = k.baseAddress, let dp = d.baseAddress else { return false }
    return withScratch(sk + sd) { ring -> Bool in
      guard let ringK = ring.baseAddress else { return false }
      var slowKTotal = RingTotal(ring: ringK, size: sk)
      var slowDTotal = RingTotal(ring: ringK + sk, size: sd)
      let perK = 1.0 / Double(sk), perD = 1.0 / Double(sd)
      var seen = 0.0
      for i in 0..<(fk - 1) { seen += close[i] }
      let ranges = slidingRange(high, low, fk) { i, highest, lowest in
        let c = close[i]
        seen += c
        let range = highest - lowest
        let fast = range != 0.0 ? (c - lowest) * 100.0 / range : 0.0
        // Slow %K: the mean of the last sk fast values; slow %D: of the last sd slow %K.
        guard let kTotal = slowKTotal.push(fast) else { return }
        let slowK = kTotal * perK
        guard let dTotal = slowDTotal.push(slowK) else { return }
        kp[i] = slowK
        dp[i] = dTotal * perD
      }
      return ranges && !seen.isNaN
    }
  }

  /// STOCHF: fast %K and fast %D = MA(fast %K, fastd, type). Lookback (fastk − 1) + lookback(MA).
  /// Returns whether no input was NaN (known only on the fused SMA path; `false` otherwise).
  @discardableResult
  static func stochf(
    _ high: Buf, _ low: Buf, _ close: Buf, _ k: Out, _ d: Out, fastK fk: Int,
    fastD fd: Int, type: MAType
  ) -> Bool {
    if type == .sma, fd > 1 {
      return stochfSMA(high, low, close, k, d, fastK: fk, fastD: fd)
    }
    fastK(high, low, close, k, fk)
    ma(k.input, d, fd, type, from: fk - 1)
    k.fillNaN(upTo: fk - 1 + type.lookback(fd))
    return false
  }

  /// STOCHF with a simple %D (TA-Lib's default) in one pass: each fast %K is written and fed
  /// to a running sum over `fd` values (a ring of the last ones), so %K is not read back.
  /// One division per bar, as in ``stochSMA``: %K = (close − lowest)·100 / (highest − lowest),
  /// %D = total·(1/fd), each within a unit in the last place of TA-Lib's.
  /// Returns whether no input was NaN.
  private static func stochfSMA(
    _ high: Buf, _ low: Buf, _ close: Buf, _ k: Out, _ d: Out, fastK fk: Int, fastD fd: Int
  ) -> Bool {
    let n = high.count
    let lb = fk - 1 + (fd - 1)
    k.fillNaN(upTo: lb)
    d.fillNaN(upTo: lb)
    guard n > lb, let kp = k.baseAddress, let dp = d.baseAddress else { return false }
    return withScratch(fd) { ring -> Bool in
      guard let last = ring.baseAddress else { return false }
      var fastDTotal = RingTotal(ring: last, size: fd)
      let perD = 1.0 / Double(fd)
      var seen = 0.0
      for i in 0..<(fk - 1) { seen += close[i] }
      let ranges = slidingRange(high, low, fk) { i, highest, lowest in
        let c = close[i]
        seen += c
        let range = highest - lowest
        let fast = range != 0.0 ? (c - lowest) * 100.0 / range : 0.0
        guard let total = fastDTotal.push(fast) else { return }
        kp[i] = fast
        dp[i] = total * perD
      }
      return ranges && !seen.isNaN
    }
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
}
