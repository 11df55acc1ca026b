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
  /// Returns whether no input was NaN (known on the fused SMA/EMA path, `false` otherwise).
  @discardableResult
  static func priceOscillator(
    _ x: Buf, _ out: Out, fast f0: Int, slow s0: Int, type: MAType,
    percent: Bool
  ) -> Bool {
    var fast = f0, slow = s0
    if slow < fast { swap(&fast, &slow) }
    let n = x.count
    let lb = type.lookback(slow)
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    if (type == .sma || type == .ema) && fast > 1, let src = x.baseAddress, let dst = out.baseAddress {
      @inline(__always) func emit(_ i: Int, _ f: Double, _ s: Double) {
        dst[i] = percent ? (isZero(s) ? 0.0 : ((f - s) / s) * 100.0) : f - s
      }
      return type == .sma
        ? fusedSMAs(src, n, fast, slow, emit) : fusedEMAs(src, n, fast, slow, emit)
    }
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
    return false
  }

  /// SMA(fast) and SMA(slow) of `src` in one pass, each in ``sma(_:_:_:)``'s arithmetic;
  /// `emit(i, fastMA, slowMA)` from bar slow − 1 on. Returns whether no input was NaN.
  @inline(__always)
  private static func fusedSMAs(
    _ src: UnsafePointer<Double>, _ n: Int, _ fast: Int, _ slow: Int,
    _ emit: (Int, Double, Double) -> Void
  ) -> Bool {
    var tf = 0.0, ts = 0.0
    for i in 0..<fast { tf += src[i] }
    for i in 0..<slow { ts += src[i] }
    for i in fast..<slow { tf += src[i] - src[i - fast] }
    let df = Double(fast), ds = Double(slow)
    emit(slow - 1, tf / df, ts / ds)
    var i = slow
    while i < n {
      let v = src[i]
      tf += v - src[i - fast]
      ts += v - src[i - slow]
      emit(i, tf / df, ts / ds)
      i += 1
    }
    return !ts.isNaN
  }

  /// EMA(fast) and EMA(slow) of `src` in one pass, each seeded and updated as in
  /// ``emaK(_:_:_:_:)``; `emit(i, fastMA, slowMA)` from bar slow − 1 on. Returns whether no
  /// input was NaN.
  @inline(__always)
  private static func fusedEMAs(
    _ src: UnsafePointer<Double>, _ n: Int, _ fast: Int, _ slow: Int,
    _ emit: (Int, Double, Double) -> Void
  ) -> Bool {
    let kf = 2.0 / (Double(fast) + 1.0), ks = 2.0 / (Double(slow) + 1.0)
    let mf = 1.0 - kf, ms = 1.0 - ks
    var seedF = 0.0, seedS = 0.0
    for i in 0..<fast { seedF += src[i] }
    for i in 0..<slow { seedS += src[i] }
    var ef = seedF / Double(fast)
    for i in fast..<slow { ef = ef * mf + src[i] * kf }
    var es = seedS / Double(slow)
    emit(slow - 1, ef, es)
    var i = slow
    while i < n {
      let v = src[i]
      ef = ef * mf + v * kf
      es = es * ms + v * ks
      emit(i, ef, es)
      i += 1
    }
    return !es.isNaN
  }
}
