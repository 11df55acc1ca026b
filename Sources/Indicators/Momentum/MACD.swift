extension Kernel {
  /// MACD = EMA(fast) − EMA(slow), signal = EMA(MACD, signal), hist = MACD − signal; the
  /// periods are swapped when slow < fast. As in TA-Lib both EMAs start at bar slow − 1 (the
  /// fast EMA is seeded by the SMA of the `fast` bars ending there). `fixed` uses MACDFIX's
  /// 12/26 with k = 0.15 and 0.075. Lookback (slow − 1) + (signal − 1).
  static func macd(_ x: Buf, _ macd: Out, _ signal: Out, _ hist: Out, fast f0: Int, slow s0: Int,
                   signal sig: Int, fixed: Bool = false) {
    var fast = f0, slow = s0
    if slow < fast { swap(&fast, &slow) }
    let kFast = fixed ? 0.15 : 2.0 / (Double(fast) + 1.0)
    let kSlow = fixed ? 0.075 : 2.0 / (Double(slow) + 1.0)
    let n = x.count
    let lbSlow = slow - 1
    let lb = lbSlow + (sig - 1)
    signal.fillNaN(upTo: lb)
    hist.fillNaN(upTo: lb)
    guard n > lb else {
      macd.fillNaN(upTo: n)
      return
    }
    withScratch(n) { f in
      emaK(x, macd, slow, kSlow)
      emaK(x.from(slow - fast), f.from(slow - fast), fast, kFast)
      for i in lbSlow..<n { macd[i] = f[i] - macd[i] }
    }
    emaK(macd.input.from(lbSlow), signal.from(lbSlow), sig, 2.0 / (Double(sig) + 1.0))
    macd.fillNaN(upTo: lb)
    for i in lb..<n { hist[i] = macd[i] - signal[i] }
  }

  /// MACDEXT: MACD with a moving-average type per line. Lookback max(lookback fast MA,
  /// lookback slow MA) + lookback signal MA; both MAs start where the larger lookback ends.
  static func macdext(_ x: Buf, _ macd: Out, _ signal: Out, _ hist: Out, fast f0: Int,
                      fastType ft0: MAType, slow s0: Int, slowType st0: MAType, signal sig: Int,
                      signalType sigType: MAType) {
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
  static func priceOscillator(_ x: Buf, _ out: Out, fast f0: Int, slow s0: Int, type: MAType,
                              percent: Bool) {
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

  /// TRIX = 1-bar ROC of EMA(EMA(EMA(x))), in percent. Lookback 3(p − 1) + 1.
  static func trix(_ x: Buf, _ out: Out, _ p: Int) {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: 3 * lb + 1)
    guard n > 3 * lb + 1 else { return }
    withScratch(n) { a in
      withScratch(n) { b in
        ema(x, a, p)
        ema(a.input.from(lb), b.from(lb), p)
        ema(b.input.from(2 * lb), a.from(2 * lb), p)
        change(a.input.from(3 * lb), out.from(3 * lb), 1, .roc)
      }
    }
  }
}
