extension Catalog {
  static let supertrend = IndicatorDescriptor(
    "supertrend", .extra, "Supertrend",
    formula:
      "hl2 ± multiplier·ATR(timeperiod) ratcheted bands; line = lower band in uptrends, upper in downtrends; direction ±1",
    inputs: [.high, .low, .close],
    parameters: [.period(10, min: 1), .real("multiplier", 3, min: 0)],
    outputs: ["supertrend", "direction"], lookback: { Swift.max($0.int(0), 1) },
    body: { ins, p in
      runOptimistic(ins, outputs: 2) { i, o in Kernel.supertrend(i[0], i[1], i[2], o[0], o[1], p.int(0), multiplier: p[1]) }
    })

  static let keltner = IndicatorDescriptor(
    "keltner", .extra, "Keltner Channel",
    formula: "middle = EMA(close, timeperiod); upper/lower = middle ± multiplier·ATR(atr_period)",
    inputs: [.high, .low, .close],
    parameters: [.period(20, min: 1), .real("multiplier", 2), .period("atr_period", 10, min: 1)],
    outputs: ["upperband", "middleband", "lowerband"],
    lookback: { Swift.max($0.int(0) - 1, Swift.max($0.int(2), 1)) },
    body: { ins, p in
      many(ins, 3) { i, o in
        Kernel.keltner(i[0], i[1], i[2], o[0], o[1], o[2], p.int(0), multiplier: p[1], atrPeriod: p.int(2))
      }
    })

  static let donchian = IndicatorDescriptor(
    "donchian", .extra, "Donchian Channel",
    formula: "upper = highest high, lower = lowest low over timeperiod, middle = their mean",
    inputs: [.high, .low], parameters: [.period(20, min: 1)],
    outputs: ["upperband", "middleband", "lowerband"], lookback: { $0.int(0) - 1 },
    body: { ins, p in many(ins, 3) { i, o in Kernel.donchian(i[0], i[1], o[0], o[1], o[2], p.int(0)) } })

  static let ichimoku = IndicatorDescriptor(
    "ichimoku", .extra, "Ichimoku Kinko Hyo",
    formula:
      "tenkan/kijun = midprice; senkou A = (tenkan + kijun)/2 and senkou B = midprice, shifted forward; chikou = close shifted back",
    inputs: [.high, .low, .close],
    parameters: [
      .period("tenkan", 9, min: 1), .period("kijun", 26, min: 1), .period("senkou_b", 52, min: 1),
      IndicatorParameter("displacement", .integer, default: 26, min: 0, max: 100_000),
    ],
    outputs: ["tenkan", "kijun", "senkou_a", "senkou_b", "chikou"],
    lookback: { $0.int(0) - 1 },
    body: { ins, p in
      many(ins, 5) { i, o in
        Kernel.ichimoku(
          i[0], i[1], i[2], o, tenkan: p.int(0), kijun: p.int(1), senkouB: p.int(2),
          displacement: p.int(3))
      }
    })

  static let heikinashi = IndicatorDescriptor(
    "heikinashi", .extra, "Heikin-Ashi candles",
    formula: "close = (o+h+l+c)/4; open = (prev open + prev close)/2; high/low include open and close",
    inputs: [.open, .high, .low, .close], outputs: ["open", "high", "low", "close"], lookback: { _ in 0 },
    body: { ins, _ in many(ins, 4) { i, o in Kernel.heikinAshi(i[0], i[1], i[2], i[3], o) } })

  static let pivots = IndicatorDescriptor(
    "pivots", .extra, "Classic pivot points",
    formula:
      "from the previous bar: P = (H+L+C)/3, R1 = 2P−L, S1 = 2P−H, R2 = P+(H−L), S2 = P−(H−L), R3 = H+2(P−L), S3 = L−2(H−P)",
    inputs: [.high, .low, .close], outputs: ["pivot", "r1", "s1", "r2", "s2", "r3", "s3"],
    lookback: { _ in 1 },
    body: { ins, _ in many(ins, 7) { i, o in Kernel.pivots(i[0], i[1], i[2], o) } })

  static let zscore = IndicatorDescriptor(
    "zscore", .extra, "Z-score",
    formula: "(x − mean) / population stddev over timeperiod; 0 on a flat window",
    inputs: [.real], parameters: [.period(20, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in one(ins) { i, o in Kernel.zscore(i[0], o, p.int(0)) } })
}
