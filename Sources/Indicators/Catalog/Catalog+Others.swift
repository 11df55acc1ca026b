extension Catalog {
  // MARK: Volume

  static let ad = IndicatorDescriptor(
    "ad", .volume, "Chaikin A/D Line", formula: "running Σ ((c − l) − (h − c))/(h − l) · volume",
    inputs: [.high, .low, .close, .volume], lookback: { _ in 0 },
    body: { ins, _ in clean(ins) { i, o in Kernel.ad(i[0], i[1], i[2], i[3], o) } })

  static let adosc = IndicatorDescriptor(
    "adosc", .volume, "Chaikin A/D Oscillator",
    formula: "EMA(AD, fast) − EMA(AD, slow), EMAs seeded by the first AD value",
    inputs: [.high, .low, .close, .volume],
    parameters: [.period("fastperiod", 3, min: 2), .period("slowperiod", 10, min: 2)],
    lookback: { Swift.max($0.int(0), $0.int(1)) - 1 },
    body: { ins, p in
      clean(ins) { i, o in Kernel.adosc(i[0], i[1], i[2], i[3], o, fast: p.int(0), slow: p.int(1)) }
    })

  static let obv = IndicatorDescriptor(
    "obv", .volume, "On Balance Volume", formula: "first volume, then ± volume on up/down closes",
    inputs: [.close, .volume], lookback: { _ in 0 },
    body: { ins, _ in clean(ins) { i, o in Kernel.obv(i[0], i[1], o) } })

  // MARK: Volatility

  static let atr = IndicatorDescriptor(
    "atr", .volatility, "Average True Range",
    formula: "Wilder: mean of the first n true ranges, then atr = (atr·(n−1) + tr)/n",
    inputs: [.high, .low, .close], parameters: [.period(14, min: 1)], lookback: { Swift.max($0.int(0), 1) },
    body: { ins, p in clean(ins) { i, o in Kernel.atr(i[0], i[1], i[2], o, p.int(0), normalized: false) } })

  static let natr = IndicatorDescriptor(
    "natr", .volatility, "Normalized Average True Range", formula: "ATR / close · 100",
    inputs: [.high, .low, .close], parameters: [.period(14, min: 1)], lookback: { Swift.max($0.int(0), 1) },
    body: { ins, p in clean(ins) { i, o in Kernel.atr(i[0], i[1], i[2], o, p.int(0), normalized: true) } })

  static let trange = IndicatorDescriptor(
    "trange", .volatility, "True Range", formula: "max(h − l, |h − c₋₁|, |l − c₋₁|)",
    inputs: [.high, .low, .close], lookback: { _ in 1 },
    body: { ins, _ in clean(ins) { i, o in Kernel.trange(i[0], i[1], i[2], o) } })

  // MARK: Price transform

  static let avgprice = IndicatorDescriptor(
    "avgprice", .price, "Average Price", formula: "(o + h + l + c) / 4",
    inputs: [.open, .high, .low, .close], lookback: { _ in 0 },
    body: { ins, _ in clean(ins) { i, o in Kernel.price(i[0], i[1], i[2], i[3], o, .average) } })
  static let medprice = IndicatorDescriptor(
    "medprice", .price, "Median Price", formula: "(h + l) / 2", inputs: [.high, .low], lookback: { _ in 0 },
    body: { ins, _ in clean(ins) { i, o in Kernel.price(nil, i[0], i[1], nil, o, .median) } })
  static let typprice = IndicatorDescriptor(
    "typprice", .price, "Typical Price", formula: "(h + l + c) / 3", inputs: [.high, .low, .close],
    lookback: { _ in 0 },
    body: { ins, _ in clean(ins) { i, o in Kernel.price(nil, i[0], i[1], i[2], o, .typical) } })
  static let wclprice = IndicatorDescriptor(
    "wclprice", .price, "Weighted Close Price", formula: "(h + l + 2c) / 4", inputs: [.high, .low, .close],
    lookback: { _ in 0 },
    body: { ins, _ in clean(ins) { i, o in Kernel.price(nil, i[0], i[1], i[2], o, .weightedClose) } })

  // MARK: Statistics

  static let beta = IndicatorDescriptor(
    "beta", .statistics, "Beta",
    formula: "regression slope of real0's one-bar returns on real1's over timeperiod returns",
    inputs: [.real0, .real1], parameters: [.period(5, min: 1)], lookback: { $0.int(0) },
    body: { ins, p in clean(ins) { i, o in Kernel.beta(i[0], i[1], o, p.int(0)) } })

  static let correl = IndicatorDescriptor(
    "correl", .statistics, "Pearson's Correlation Coefficient (r)",
    formula: "cov(x, y) / (σx·σy) over timeperiod, from running sums",
    inputs: [.real0, .real1], parameters: [.period(30, min: 1)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.correl(i[0], i[1], o, p.int(0)) } })

  private static func regression(_ name: String, _ title: String, _ formula: String, _ what: RegressionValue)
    -> IndicatorDescriptor
  {
    IndicatorDescriptor(
      name, .statistics, title, formula: formula, inputs: [.real], parameters: [.period(14, min: 2)],
      lookback: { $0.int(0) - 1 },
      body: { ins, p in clean(ins) { i, o in Kernel.linearRegression(i[0], o, p.int(0), what) } })
  }

  static let linearreg = regression(
    "linearreg", "Linear Regression", "least-squares line over timeperiod, value at the newest bar", .value)
  static let linearregAngle = regression(
    "linearreg_angle", "Linear Regression Angle", "atan(slope) in degrees", .angle)
  static let linearregIntercept = regression(
    "linearreg_intercept", "Linear Regression Intercept", "least-squares line's value at the oldest bar",
    .intercept)
  static let linearregSlope = regression(
    "linearreg_slope", "Linear Regression Slope", "least-squares slope per bar", .slope)
  static let tsf = regression(
    "tsf", "Time Series Forecast", "least-squares line extended one bar ahead", .forecast)

  static let stddev = IndicatorDescriptor(
    "stddev", .statistics, "Standard Deviation", formula: "√(mean(x²) − mean(x)²) · nbdev (population)",
    inputs: [.real], parameters: [.period(5, min: 2), .real("nbdev", 1)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.stddev(i[0], o, p.int(0), nbdev: p[1]) } })

  static let variance = IndicatorDescriptor(
    "var", .statistics, "Variance",
    formula: "mean(x²) − mean(x)² (population; nbdev is ignored, as in TA-Lib)",
    inputs: [.real], parameters: [.period(5, min: 1), .real("nbdev", 1)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.variance(i[0], o, p.int(0)) } })

  // MARK: Math operators

  static let max = IndicatorDescriptor(
    "max", .math, "Highest value over a specified period",
    formula: "max over timeperiod (O(n), van Herk–Gil–Werman blocks)",
    inputs: [.real], parameters: [.period(30, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.windowExtreme(i[0], o, p.int(0), isMax: true) } })
  static let min = IndicatorDescriptor(
    "min", .math, "Lowest value over a specified period",
    formula: "min over timeperiod (O(n), van Herk–Gil–Werman blocks)",
    inputs: [.real], parameters: [.period(30, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.windowExtreme(i[0], o, p.int(0), isMax: false) } })
  static let sum = IndicatorDescriptor(
    "sum", .math, "Summation", formula: "Σ over timeperiod (running sum)",
    inputs: [.real], parameters: [.period(30, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in clean(ins) { i, o in Kernel.sum(i[0], o, p.int(0)) } })
  static let maxindex = IndicatorDescriptor(
    "maxindex", .math, "Index of highest value over a specified period",
    formula: "0-based index into the input of the max over timeperiod (the binding adds 1 for Lua)",
    inputs: [.real], parameters: [.period(30, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in
      runOptimistic(ins, outputs: 1) { i, o, offset in
        let clean = Kernel.windowExtremeIndex(i[0], o[0], p.int(0), isMax: true)
        if offset > 0 { for j in 0..<o[0].count { o[0][j] += Double(offset) } }
        return clean
      }
    })
  static let minindex = IndicatorDescriptor(
    "minindex", .math, "Index of lowest value over a specified period",
    formula: "0-based index into the input of the min over timeperiod (the binding adds 1 for Lua)",
    inputs: [.real], parameters: [.period(30, min: 2)], lookback: { $0.int(0) - 1 },
    body: { ins, p in
      runOptimistic(ins, outputs: 1) { i, o, offset in
        let clean = Kernel.windowExtremeIndex(i[0], o[0], p.int(0), isMax: false)
        if offset > 0 { for j in 0..<o[0].count { o[0][j] += Double(offset) } }
        return clean
      }
    })
}
