extension Catalog {
  private static func dmi(
    _ name: String, _ title: String, _ formula: String, _ line: DirectionalLine,
    inputs: [IndicatorInput], min: Int, lookback: @escaping @Sendable (Int) -> Int
  )
    -> IndicatorDescriptor
  {
    IndicatorDescriptor(
      name, .momentum, title, formula: formula, inputs: inputs, parameters: [.period(14, min: min)],
      lookback: { lookback($0.int(0)) },
      body: { ins, p in
        clean(ins) { i, o in
          Kernel.directional(i[0], i[1], i.count > 2 ? i[2] : i[1], o, p.int(0), line)
        }
      })
  }

  static let adx = dmi(
    "adx", "Average Directional Movement Index",
    "Wilder: mean of the first timeperiod DX, then adx = (adx·(n−1) + dx)/n", .adx,
    inputs: [.high, .low, .close], min: 2, lookback: { 2 * $0 - 1 })
  static let dx = dmi(
    "dx", "Directional Movement Index", "100·|+DI − −DI| / (+DI + −DI)", .dx,
    inputs: [.high, .low, .close], min: 2, lookback: { $0 })
  static let plusDI = dmi(
    "plus_di", "Plus Directional Indicator", "100 · Wilder-smoothed +DM / smoothed TR", .plusDI,
    inputs: [.high, .low, .close], min: 1, lookback: { $0 })
  static let minusDI = dmi(
    "minus_di", "Minus Directional Indicator", "100 · Wilder-smoothed −DM / smoothed TR", .minusDI,
    inputs: [.high, .low, .close], min: 1, lookback: { $0 })
  static let plusDM = dmi(
    "plus_dm", "Plus Directional Movement", "Wilder-smoothed +DM: s = s − s/n + dm", .plusDM,
    inputs: [.high, .low], min: 1, lookback: { $0 > 1 ? $0 - 1 : 1 })
  static let minusDM = dmi(
    "minus_dm", "Minus Directional Movement", "Wilder-smoothed −DM: s = s − s/n + dm", .minusDM,
    inputs: [.high, .low], min: 1, lookback: { $0 > 1 ? $0 - 1 : 1 })

  static let adxr = IndicatorDescriptor(
    "adxr", .momentum, "Average Directional Movement Index Rating",
    formula: "(ADX + ADX timeperiod−1 bars ago) / 2", inputs: [.high, .low, .close],
    parameters: [.period(14, min: 2)], lookback: { 3 * $0.int(0) - 2 },
    body: { ins, p in clean(ins) { i, o in Kernel.adxr(i[0], i[1], i[2], o, p.int(0)) } })

  static let apo = IndicatorDescriptor(
    "apo", .momentum, "Absolute Price Oscillator", formula: "MA(fastperiod) − MA(slowperiod)",
    inputs: [.real],
    parameters: [
      .period("fastperiod", 12, min: 2), .period("slowperiod", 26, min: 2), .maType("matype", .ema),
    ],
    lookback: { $0.ma(2).lookback(Swift.max($0.int(0), $0.int(1))) },
    body: { ins, p in
      clean(ins) { i, o in
        Kernel.priceOscillator(i[0], o, fast: p.int(0), slow: p.int(1), type: p.ma(2), percent: false)
      }
    })

  static let ppo = IndicatorDescriptor(
    "ppo", .momentum, "Percentage Price Oscillator",
    formula: "(MA(fastperiod) − MA(slowperiod)) / MA(slowperiod) · 100",
    inputs: [.real],
    parameters: [
      .period("fastperiod", 12, min: 2), .period("slowperiod", 26, min: 2), .maType("matype", .ema),
    ],
    lookback: { $0.ma(2).lookback(Swift.max($0.int(0), $0.int(1))) },
    body: { ins, p in
      clean(ins) { i, o in
        Kernel.priceOscillator(i[0], o, fast: p.int(0), slow: p.int(1), type: p.ma(2), percent: true)
      }
    })

  static let aroon = IndicatorDescriptor(
    "aroon", .momentum, "Aroon",
    formula: "down/up = 100/n · (n − bars since the lowest low / highest high) over n+1 bars",
    inputs: [.high, .low], parameters: [.period(14, min: 2)], outputs: ["aroondown", "aroonup"],
    lookback: { $0.int(0) },
    body: { ins, p in runOptimistic(ins, outputs: 2) { i, o in Kernel.aroon(i[0], i[1], o[0], o[1], nil, p.int(0)) } })

  static let aroonosc = IndicatorDescriptor(
    "aroonosc", .momentum, "Aroon Oscillator", formula: "aroon up − aroon down",
    inputs: [.high, .low], parameters: [.period(14, min: 2)], lookback: { $0.int(0) },
    body: { ins, p in clean(ins) { i, o in Kernel.aroon(i[0], i[1], nil, nil, o, p.int(0)) } })

  static let bop = IndicatorDescriptor(
    "bop", .momentum, "Balance Of Power", formula: "(close − open) / (high − low), 0 on a zero range",
    inputs: [.open, .high, .low, .close], lookback: { _ in 0 },
    body: { ins, _ in clean(ins) { i, o in Kernel.bop(i[0], i[1], i[2], i[3], o) } })

  static let cci = IndicatorDescriptor(
    "cci", .momentum, "Commodity Channel Index",
    formula: "(tp − SMA(tp)) / (0.015 · mean deviation), tp = (h + l + c)/3",
    inputs: [.high, .low, .close], parameters: [.period(14, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.cci(i[0], i[1], i[2], o, p.int(0)) } })

  static let cmo = IndicatorDescriptor(
    "cmo", .momentum, "Chande Momentum Oscillator",
    formula: "100·(G − L)/(G + L) with Wilder-smoothed gains G and losses L",
    inputs: [.real], parameters: [.period(14, min: 2)], lookback: { $0.int(0) },
    body: { ins, p in clean(ins) { i, o in Kernel.rsi(i[0], o, p.int(0), cmo: true) } })

  static let macd = IndicatorDescriptor(
    "macd", .momentum, "Moving Average Convergence/Divergence",
    formula: "EMA(fast) − EMA(slow); signal = EMA(macd, signalperiod); hist = macd − signal",
    inputs: [.real],
    parameters: [
      .period("fastperiod", 12, min: 2), .period("slowperiod", 26, min: 2),
      .period("signalperiod", 9, min: 1),
    ],
    outputs: ["macd", "macdsignal", "macdhist"],
    lookback: { Swift.max($0.int(0), $0.int(1)) - 1 + $0.int(2) - 1 },
    body: { ins, p in
      runOptimistic(ins, outputs: 3) { i, o in
        Kernel.macd(i[0], o[0], o[1], o[2], fast: p.int(0), slow: p.int(1), signal: p.int(2))
      }
    })

  static let macdext = IndicatorDescriptor(
    "macdext", .momentum, "MACD with controllable MA type",
    formula: "MA(fast, fastmatype) − MA(slow, slowmatype); signal = MA(macd, signalperiod, signalmatype)",
    inputs: [.real],
    parameters: [
      .period("fastperiod", 12, min: 2), .maType("fastmatype"), .period("slowperiod", 26, min: 2),
      .maType("slowmatype"), .period("signalperiod", 9, min: 1), .maType("signalmatype"),
    ],
    outputs: ["macd", "macdsignal", "macdhist"],
    lookback: {
      Swift.max($0.ma(1).lookback($0.int(0)), $0.ma(3).lookback($0.int(2))) + $0.ma(5).lookback($0.int(4))
    },
    body: { ins, p in
      many(ins, 3) { i, o in
        Kernel.macdext(
          i[0], o[0], o[1], o[2], fast: p.int(0), fastType: p.ma(1), slow: p.int(2),
          slowType: p.ma(3), signal: p.int(4), signalType: p.ma(5))
      }
    })

  static let macdfix = IndicatorDescriptor(
    "macdfix", .momentum, "Moving Average Convergence/Divergence Fix 12/26",
    formula: "MACD with fixed k = 0.15 (12) and 0.075 (26)",
    inputs: [.real], parameters: [.period("signalperiod", 9, min: 1)],
    outputs: ["macd", "macdsignal", "macdhist"], lookback: { 25 + $0.int(0) - 1 },
    body: { ins, p in
      runOptimistic(ins, outputs: 3) { i, o in
        Kernel.macd(i[0], o[0], o[1], o[2], fast: 12, slow: 26, signal: p.int(0), fixed: true)
      }
    })

  static let mfi = IndicatorDescriptor(
    "mfi", .momentum, "Money Flow Index",
    formula: "100·Σ positive flow / Σ flow, flow = tp·volume by direction of tp",
    inputs: [.high, .low, .close, .volume], parameters: [.period(14, min: 2)], lookback: { $0.int(0) },
    body: { ins, p in clean(ins) { i, o in Kernel.mfi(i[0], i[1], i[2], i[3], o, p.int(0)) } })

  private static func change(_ name: String, _ title: String, _ formula: String, _ kind: ChangeKind)
    -> IndicatorDescriptor
  {
    IndicatorDescriptor(
      name, .momentum, title, formula: formula, inputs: [.real], parameters: [.period(10, min: 1)],
      lookback: { $0.int(0) },
      body: { ins, p in clean(ins) { i, o in Kernel.change(i[0], o, p.int(0), kind) } })
  }

  static let mom = change("mom", "Momentum", "x − x[n bars ago]", .momentum)
  static let roc = change("roc", "Rate of change", "(x / prev − 1) · 100, 0 when prev is 0", .roc)
  static let rocp = change("rocp", "Rate of change Percentage", "(x − prev) / prev, 0 when prev is 0", .rocp)
  static let rocr = change("rocr", "Rate of change ratio", "x / prev, 0 when prev is 0", .rocr)
  static let rocr100 = change(
    "rocr100", "Rate of change ratio 100 scale", "x / prev · 100, 0 when prev is 0", .rocr100)

  static let rsi = IndicatorDescriptor(
    "rsi", .momentum, "Relative Strength Index",
    formula: "100·G/(G + L) with Wilder-smoothed gains G and losses L",
    inputs: [.real], parameters: [.period(14, min: 2)], lookback: { $0.int(0) },
    body: { ins, p in clean(ins) { i, o in Kernel.rsi(i[0], o, p.int(0)) } })

  static let stoch = IndicatorDescriptor(
    "stoch", .momentum, "Stochastic",
    formula: "slowk = MA(100·(c − LL)/(HH − LL), slowk_period); slowd = MA(slowk, slowd_period)",
    inputs: [.high, .low, .close],
    parameters: [
      .period("fastk_period", 5, min: 1), .period("slowk_period", 3, min: 1), .maType("slowk_matype"),
      .period("slowd_period", 3, min: 1), .maType("slowd_matype"),
    ],
    outputs: ["slowk", "slowd"],
    lookback: { $0.int(0) - 1 + $0.ma(2).lookback($0.int(1)) + $0.ma(4).lookback($0.int(3)) },
    body: { ins, p in
      runOptimistic(ins, outputs: 2) { i, o in
        Kernel.stoch(
          i[0], i[1], i[2], o[0], o[1], fastK: p.int(0), slowK: p.int(1), slowKType: p.ma(2),
          slowD: p.int(3), slowDType: p.ma(4))
      }
    })

  static let stochf = IndicatorDescriptor(
    "stochf", .momentum, "Stochastic Fast",
    formula: "fastk = 100·(c − LL)/(HH − LL); fastd = MA(fastk, fastd_period)",
    inputs: [.high, .low, .close],
    parameters: [
      .period("fastk_period", 5, min: 1), .period("fastd_period", 3, min: 1), .maType("fastd_matype"),
    ],
    outputs: ["fastk", "fastd"], lookback: { $0.int(0) - 1 + $0.ma(2).lookback($0.int(1)) },
    body: { ins, p in
      runOptimistic(ins, outputs: 2) { i, o in
        Kernel.stochf(i[0], i[1], i[2], o[0], o[1], fastK: p.int(0), fastD: p.int(1), type: p.ma(2))
      }
    })

  static let stochrsi = IndicatorDescriptor(
    "stochrsi", .momentum, "Stochastic Relative Strength Index", formula: "STOCHF applied to RSI(timeperiod)",
    inputs: [.real],
    parameters: [
      .period(14, min: 2), .period("fastk_period", 5, min: 1), .period("fastd_period", 3, min: 1),
      .maType("fastd_matype"),
    ],
    outputs: ["fastk", "fastd"], lookback: { $0.int(0) + $0.int(1) - 1 + $0.ma(3).lookback($0.int(2)) },
    body: { ins, p in
      many(ins, 2) { i, o in
        Kernel.stochrsi(i[0], o[0], o[1], p.int(0), fastK: p.int(1), fastD: p.int(2), type: p.ma(3))
      }
    })

  static let trix = IndicatorDescriptor(
    "trix", .momentum, "1-day Rate-Of-Change (ROC) of a Triple Smooth EMA",
    formula: "ROC(1) of EMA(EMA(EMA(x)))", inputs: [.real], parameters: [.period(30, min: 1)],
    lookback: { 3 * ($0.int(0) - 1) + 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.trix(i[0], o, p.int(0)) } })

  static let ultosc = IndicatorDescriptor(
    "ultosc", .momentum, "Ultimate Oscillator",
    formula: "100·(4A₁ + 2A₂ + A₃)/7, A = Σ(c − true low)/Σ true range over the sorted periods",
    inputs: [.high, .low, .close],
    parameters: [
      .period("timeperiod1", 7, min: 1), .period("timeperiod2", 14, min: 1),
      .period("timeperiod3", 28, min: 1),
    ],
    lookback: { Swift.max($0.int(0), $0.int(1), $0.int(2)) },
    body: { ins, p in
      clean(ins) { i, o in Kernel.ultosc(i[0], i[1], i[2], o, [p.int(0), p.int(1), p.int(2)]) }
    })

  static let willr = IndicatorDescriptor(
    "willr", .momentum, "Williams' %R", formula: "−100·(HH − c)/(HH − LL)",
    inputs: [.high, .low, .close], parameters: [.period(14, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.willr(i[0], i[1], i[2], o, p.int(0)) } })
}
