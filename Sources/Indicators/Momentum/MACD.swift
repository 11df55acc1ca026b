extension Kernel {
  /// MACD = EMA(fast) − EMA(slow), signal = EMA(MACD, signal), hist = MACD − signal; the
  /// periods are swapped when slow < fast. As in TA-Lib both EMAs start at bar slow − 1 (the
  /// fast EMA is seeded by the SMA of the `fast` bars ending there). `fixed` uses MACDFIX's
  /// 12/26 with k = 0.15 and 0.075. One pass, no scratch memory. Lookback (slow − 1) + (signal − 1).
  /// Returns whether no input was NaN (every value enters the slow EMA, where a NaN stays).
  @discardableResult
  static func macd(
    _ x: Buf, _ macd: Out, _ signal: Out, _ hist: Out, fast f0: Int, slow s0: Int,
    signal sig: Int, fixed: Bool = false
  ) -> Bool {
    var fast = f0, slow = s0
    if slow < fast { swap(&fast, &slow) }
    let kFast = fixed ? 0.15 : 2.0 / (Double(fast) + 1.0)
    let kSlow = fixed ? 0.075 : 2.0 / (Double(slow) + 1.0)
    let kSig = 2.0 / (Double(sig) + 1.0)
    let mFast = 1.0 - kFast, mSlow = 1.0 - kSlow, mSig = 1.0 - kSig
    let n = x.count
    let lbSlow = slow - 1
    let lb = lbSlow + (sig - 1)
    macd.fillNaN(upTo: lb)
    signal.fillNaN(upTo: lb)
    hist.fillNaN(upTo: lb)
    guard n > lb, let src = x.baseAddress else { return false }
    var slowSum = 0.0
    for i in 0...lbSlow { slowSum += src[i] }
    var fastSum = 0.0
    for i in (slow - fast)...lbSlow { fastSum += src[i] }
    var es = slowSum / Double(slow)
    var ef = fastSum / Double(fast)
    // Signal seed: the mean of the first `sig` MACD values (bars slow − 1 … lb).
    var line = ef - es
    var seed = line
    var i = lbSlow + 1
    while i <= lb {
      es = es * mSlow + src[i] * kSlow
      ef = ef * mFast + src[i] * kFast
      line = ef - es
      seed += line
      i += 1
    }
    var sg = seed / Double(sig)
    macd[lb] = line
    signal[lb] = sg
    hist[lb] = line - sg
    while i < n {
      let v = src[i]
      es = es * mSlow + v * kSlow
      ef = ef * mFast + v * kFast
      line = ef - es
      sg = sg * mSig + line * kSig
      macd[i] = line
      signal[i] = sg
      hist[i] = line - sg
      i += 1
    }
    return !es.isNaN
  }

  /// MACDEXT: MACD with a moving-average type per line. Lookback max(lookback fast MA,
  /// lookback slow MA) + lookback signal MA; both MAs start where the larger lookback ends.
  static func macdext(
    _ x: Buf, _ macd: Out, _ signal: Out, _ hist: Out, fast f0: Int,
    fastType ft0: MAType, slow s0: Int, slowType st0: MAType, signal sig: Int,
    signalType sigType: MAType
  ) {
    var fast = f0, slow = s0, ft = ft0, st = st0
    if slow < fast {
      swap(&fast, &slow)
      swap(&ft, &st)
    }
    let n = x.count
    let lbLargest = max(ft.lookback(fast), st.lookback(slow))
    let lb = lbLargest + sigType.lookback(sig)
    signal.fillNaN(upTo: lb)
    hist.fillNaN(upTo: lb)
    guard n > lb else {
      macd.fillNaN(upTo: n)
      return
    }
    withScratch(n) { f in
      ma(x, macd, slow, st, from: lbLargest - st.lookback(slow))
      ma(x, f, fast, ft, from: lbLargest - ft.lookback(fast))
      for i in lbLargest..<n { macd[i] = f[i] - macd[i] }
    }
    ma(macd.input, signal, sig, sigType, from: lbLargest)
    macd.fillNaN(upTo: lb)
    for i in lb..<n { hist[i] = macd[i] - signal[i] }
  }

  /// APO = MA(fast) − MA(slow); PPO = (MA(fast) − MA(slow)) / MA(slow) · 100 (0 when MA(slow)
  /// ≈ 0). Periods swap when slow < fast; both MAs run from the first bar (TA-Lib 0.8).
  /// Lookback = lookback of the slow MA.
  static func priceOscillator(
    _ x: Buf, _ out: Out, fast f0: Int, slow s0: Int, type: MAType,
    percent: Bool
  ) {
    var fast = f0, slow = s0
    if slow < fast { swap(&fast, &slow) }
    let n = x.count
    let lb = type.lookback(slow)
    out.fillNaN(upTo: lb)
    guard n > lb else { return }
    withScratch(n) { f in
      ma(x, out, slow, type)
      ma(x, f, fast, type)
      for i in lb..<n {
        let s = out[i]
        if percent {
          out[i] = isZero(s) ? 0.0 : ((f[i] - s) / s) * 100.0
        } else {
          out[i] = f[i] - s
        }
      }
    }
  }
}
