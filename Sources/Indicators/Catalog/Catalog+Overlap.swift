extension Catalog {
  static let sma = IndicatorDescriptor(
    "sma", .overlap, "Simple Moving Average", formula: "mean of the last timeperiod values",
    inputs: [.real], parameters: [.period(30, min: 1)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.sma(i[0], o, p.int(0)) } })

  static let ema = IndicatorDescriptor(
    "ema", .overlap, "Exponential Moving Average",
    formula: "k = 2/(timeperiod+1); seeded by the SMA of the first timeperiod values; ema += (x − ema)·k",
    inputs: [.real], parameters: [.period(30, min: 1)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.ema(i[0], o, p.int(0)) } })

  static let wma = IndicatorDescriptor(
    "wma", .overlap, "Weighted Moving Average",
    formula: "weights timeperiod…1 from the newest value, divided by timeperiod(timeperiod+1)/2",
    inputs: [.real], parameters: [.period(30, min: 1)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.wma(i[0], o, p.int(0)) } })

  static let dema = IndicatorDescriptor(
    "dema", .overlap, "Double Exponential Moving Average", formula: "2·EMA − EMA(EMA)",
    inputs: [.real], parameters: [.period(30, min: 1)], lookback: { 2 * ($0.int(0) - 1) },
    body: { ins, p in clean(ins) { i, o in Kernel.dema(i[0], o, p.int(0)) } })

  static let tema = IndicatorDescriptor(
    "tema", .overlap, "Triple Exponential Moving Average",
    formula: "3·EMA − 3·EMA(EMA) + EMA(EMA(EMA))",
    inputs: [.real], parameters: [.period(30, min: 1)], lookback: { 3 * ($0.int(0) - 1) },
    body: { ins, p in clean(ins) { i, o in Kernel.tema(i[0], o, p.int(0)) } })

  static let trima = IndicatorDescriptor(
    "trima", .overlap, "Triangular Moving Average",
    formula: "SMA of an SMA: triangular weights 1, 2, …, peak, …, 2, 1 over timeperiod values",
    inputs: [.real], parameters: [.period(30, min: 1)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.trima(i[0], o, p.int(0)) } })

  static let kama = IndicatorDescriptor(
    "kama", .overlap, "Kaufman Adaptive Moving Average",
    formula: "ER = |Δ over timeperiod| / Σ|Δ|; sc = (ER·(2/3 − 2/31) + 2/31)²; kama += sc·(x − kama)",
    inputs: [.real], parameters: [.period(30, min: 1)], lookback: { $0.int(0) > 1 ? $0.int(0) : 0 },
    body: { ins, p in clean(ins) { i, o in Kernel.kama(i[0], o, p.int(0)) } })

  static let mama = IndicatorDescriptor(
    "mama", .overlap, "MESA Adaptive Moving Average",
    formula:
      "Ehlers: α = fastlimit/ΔPhase in [slowlimit, fastlimit]; mama += α(x − mama); fama += α/2(mama − fama)",
    inputs: [.real],
    parameters: [
      .real("fastlimit", 0.5, min: 0.01, max: 0.99), .real("slowlimit", 0.05, min: 0.01, max: 0.99),
    ],
    outputs: ["mama", "fama"], lookback: { _ in 32 },
    body: { ins, p in
      many(ins, 2) { i, o in Kernel.mama(i[0], o[0], o[1], fast: p[0], slow: p[1]) }
    })

  static let t3 = IndicatorDescriptor(
    "t3", .overlap, "Triple Exponential Moving Average (T3)",
    formula: "Tillson: six chained EMAs; c1·e6 + c2·e5 + c3·e4 + c4·e3 with volume factor a",
    inputs: [.real], parameters: [.period(5, min: 1), .real("vfactor", 0.7, min: 0, max: 1)],
    lookback: { 6 * ($0.int(0) - 1) },
    body: { ins, p in clean(ins) { i, o in Kernel.t3(i[0], o, p.int(0), vfactor: p[1]) } })

  static let ma = IndicatorDescriptor(
    "ma", .overlap, "Moving Average", formula: "the moving average of type matype (period 1 copies)",
    inputs: [.real], parameters: [.period(30, min: 1), .maType()],
    lookback: { $0.ma(1).lookback($0.int(0)) },
    body: { ins, p in clean(ins) { i, o in Kernel.ma(i[0], o, p.int(0), p.ma(1)) } })

  static let bbands = IndicatorDescriptor(
    "bbands", .overlap, "Bollinger Bands",
    formula: "middle = MA(timeperiod, matype); upper/lower = middle ± nbdevup/nbdevdn · population stddev",
    inputs: [.real],
    parameters: [.period(20, min: 2), .real("nbdevup", 2), .real("nbdevdn", 2), .maType()],
    outputs: ["upperband", "middleband", "lowerband"], lookback: { $0.ma(3).lookback($0.int(0)) },
    body: { ins, p in
      runOptimistic(ins, outputs: 3) { i, o in
        Kernel.bbands(i[0], o[0], o[1], o[2], p.int(0), up: p[1], down: p[2], type: p.ma(3))
      }
    })

  static let midpoint = IndicatorDescriptor(
    "midpoint", .overlap, "MidPoint over period", formula: "(highest + lowest) / 2 over timeperiod",
    inputs: [.real], parameters: [.period(14, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.midpoint(i[0], o, p.int(0)) } })

  static let midprice = IndicatorDescriptor(
    "midprice", .overlap, "Midpoint Price over period",
    formula: "(highest high + lowest low) / 2 over timeperiod",
    inputs: [.high, .low], parameters: [.period(14, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.midprice(i[0], i[1], o, p.int(0)) } })

  static let sar = IndicatorDescriptor(
    "sar", .overlap, "Parabolic SAR",
    formula: "Wilder: sar += af·(ep − sar), af += acceleration up to maximum at each new extreme",
    inputs: [.high, .low],
    parameters: [.real("acceleration", 0.02, min: 0), .real("maximum", 0.2, min: 0)],
    lookback: { _ in 1 },
    body: { ins, p in
      let s = SARSettings(
        initLong: p[0], stepLong: p[0], maxLong: p[1],
        initShort: p[0], stepShort: p[0], maxShort: p[1])
      return clean(ins) { i, o in Kernel.sar(i[0], i[1], o, s) }
    })

  static let sarext = IndicatorDescriptor(
    "sarext", .overlap, "Parabolic SAR - Extended",
    formula:
      "SAR with separate long/short accelerations, a start value and an offset on reversal; short positions negative",
    inputs: [.high, .low],
    parameters: [
      .real("startvalue", 0), .real("offsetonreverse", 0, min: 0),
      .real("accelerationinitlong", 0.02, min: 0), .real("accelerationlong", 0.02, min: 0),
      .real("accelerationmaxlong", 0.2, min: 0), .real("accelerationinitshort", 0.02, min: 0),
      .real("accelerationshort", 0.02, min: 0), .real("accelerationmaxshort", 0.2, min: 0),
    ],
    lookback: { _ in 1 },
    body: { ins, p in
      let s = SARSettings(
        startValue: p[0], offsetOnReverse: p[1], initLong: p[2], stepLong: p[3],
        maxLong: p[4], initShort: p[5], stepShort: p[6], maxShort: p[7],
        signedShort: true)
      return clean(ins) { i, o in Kernel.sar(i[0], i[1], o, s) }
    })

  static let htTrendline = IndicatorDescriptor(
    "ht_trendline", .overlap, "Hilbert Transform - Instantaneous Trendline",
    formula: "Ehlers: mean price over the dominant cycle, smoothed (4, 3, 2, 1)/10",
    inputs: [.real], lookback: { _ in 63 },
    body: { ins, _ in one(ins) { i, o in Kernel.htTrendline(i[0], o) } })
}
