import Analytics
import LuaRuntime
import MarketData
import Plotting

#if canImport(Glibc)
  import Glibc
#endif

/// The `plot` module: charts as PNG files, drawn by crescent's own rasteriser.
enum PlotModule {
  static let module = LuaModule(
    name: "plot",
    summary: "Charts as PNG: candlesticks with overlays and panes, lines, equity, heatmaps, histograms.",
    functions: [chart, line, equity, heatmap, histogram, monthly, show])

  static let chart = LuaFunction(
    "chart",
    LuaDoc(
      """
      A price chart: candlesticks (or "ohlc", "line") with a volume pane, overlays on the
      price, indicator panes below, and markers from masks. 1M+ bars are decimated per pixel
      column (each column shows its bars' open, high, low and close).
      """,
      parameters: [
        .init(
          "opts",
          "{bars: Bars, style?: string, overlays?: table, panes?: table, entries?: Mask, exits?: Mask, short_entries?: Mask, volume?: boolean, log?: boolean, collapse_gaps?: boolean, title?: string, width?: integer, height?: integer, scale?: number, theme?: string}",
          "overlays: {name = Series, …} or a list of {name=, values=, kind=, color=}; panes: {rsi = Series} or a list of {title=, series=, references=, range=}")
      ],
      returns: [.init("Figure")],
      example: """
        local fast, slow = ta.sma(bars.close, 10), ta.sma(bars.close, 30)
        plot.chart{bars = bars, overlays = {sma10 = fast, sma30 = slow}, panes = {rsi = ta.rsi(bars.close)},
                   entries = ta.crossover(fast, slow), exits = ta.crossunder(fast, slow)}:save("chart.png")
        """)
  ) { call in
    let opts = try PlotOptions.table(call, extraKeys: ["bars", "style", "overlays", "panes", "entries", "exits", "short_entries", "volume", "log", "collapse_gaps"])
    let bars = try call.field("bars", of: opts) { try $0.userdata(Bars.self) }
    let data = try CandleData(
      time: bars.time, open: bars.open, high: bars.high, low: bars.low, close: bars.close,
      volume: bars.volume.allSatisfy(\.isNaN) ? [] : bars.volume)
    let style = try call.field("style", of: opts) { field -> PriceChart.Style in
      switch try field.string(default: "candles") {
      case "candles": return .candles
      case "ohlc": return .ohlc
      case "line": return .line
      default: throw field.error(expected: "\"candles\", \"ohlc\" or \"line\"")
      }
    }
    let overlays = try call.field("overlays", of: opts) { try PlotOptions.overlays(call, $0, count: bars.count) }
    let panes = try call.field("panes", of: opts) { try PlotOptions.panes(call, $0, count: bars.count) }
    let markers = try PlotOptions.markers(call, opts, close: bars.close)
    let volume = try call.field("volume", of: opts) { try $0.boolean(default: true) }
    let log = try call.field("log", of: opts) { try $0.boolean(default: false) }
    let collapse = try call.field("collapse_gaps", of: opts) { try $0.boolean(default: true) }
    let title = try PlotOptions.title(call, opts) ?? defaultTitle(bars)
    let chart = PriceChart(
      data: data, style: style, overlays: overlays, panes: panes, markers: markers, showVolume: volume && !data.volume.isEmpty,
      logScale: log, collapseGaps: collapse, title: title)
    try chart.validate()
    return try PlotOptions.pushFigure(call, chart, opts)
  }

  static func defaultTitle(_ bars: Bars) -> String {
    [bars.symbol, bars.timeframe?.description].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
  }

  static let line = LuaFunction(
    "line",
    LuaDoc(
      "Lines against time (give bars = for their times) or against the sample number.",
      parameters: [
        .init("opts", "{series: Series|table, bars?: Bars, references?: number[], log?: boolean, title?: string, width?: integer, height?: integer, scale?: number, theme?: string}")
      ],
      returns: [.init("Figure")],
      example: "plot.line{series = {close = bars.close, sma = ta.sma(bars.close, 50)}, bars = bars}:save(\"line.png\")")
  ) { call in
    let opts = try PlotOptions.table(call, extraKeys: ["series", "bars", "references", "log"])
    let bars = try call.field("bars", of: opts) { $0.isNil ? nil : try $0.userdata(Bars.self) }
    let series = try call.field("series", of: opts) { try PlotOptions.overlays(call, $0, count: bars?.count) }
    guard !series.isEmpty else { throw LuaMessageError("'series' must hold at least one Series") }
    let references = try call.field("references", of: opts) { try PlotOptions.numbers(call, $0).map { ReferenceLine(value: $0) } }
    let log = try call.field("log", of: opts) { try $0.boolean(default: false) }
    let chart = LineChart(
      time: bars?.time ?? [], series: series, references: references, title: try PlotOptions.title(call, opts), logScale: log)
    return try PlotOptions.pushFigure(call, chart, opts)
  }

  static let equity = LuaFunction(
    "equity",
    LuaDoc(
      "An equity curve with an underwater drawdown pane and buy-and-hold beside it: of a backtest Result, or of an equity Series over bars.",
      parameters: [
        .init("opts", "Result|{equity: Series, bars: Bars, benchmark?: Series, title?: string, log?: boolean, width?: integer, height?: integer, scale?: number, theme?: string}", "bars give the times; benchmark defaults to buying and holding the bars' close with the same starting equity")
      ],
      returns: [.init("Figure")])
  ) { call in
    if let run = call.argument(1, "opts").userdataIfPresent(BacktestRun.self) {
      call.state.push(userdata: Figure(chart: RunCharts.equityChart(run), size: ChartSize(), theme: .light), on: call.stack)
      return 1
    }
    let opts = try PlotOptions.table(call, extraKeys: ["equity", "bars", "benchmark", "log"])
    let values = try call.field("equity", of: opts) { try $0.userdata(Series.self).values }
    let bars = try call.field("bars", of: opts) { try $0.userdata(Bars.self) }
    guard values.count == bars.count else {
      throw LuaMessageError("'equity' has \(values.count) values, the bars have \(bars.count)")
    }
    let benchmark = call.field("benchmark", of: opts) { field -> [Double] in
      if let series = field.userdataIfPresent(Series.self) { return series.values }
      guard field.isNil, let first = values.first else { return [] }
      return Benchmark.buyAndHold(bars, cash: first)
    }
    let log = try call.field("log", of: opts) { try $0.boolean(default: false) }
    let chart = EquityChart(
      time: bars.time, equity: values, benchmark: benchmark, title: try PlotOptions.title(call, opts) ?? "Equity", logScale: log)
    try chart.validate()
    return try PlotOptions.pushFigure(call, chart, opts)
  }

  static let heatmap = LuaFunction(
    "heatmap",
    LuaDoc(
      "A parameter heatmap: one cell per (x, y) pair coloured by a metric, best cell outlined.",
      parameters: [
        .init("opts", "{x: number[], y: number[], values: number[][], x_name?: string, y_name?: string, metric?: string, higher_is_better?: boolean, title?: string, width?: integer, height?: integer, scale?: number, theme?: string}", "values[row][column]: a row per y, a column per x; NaN leaves a cell grey")
      ],
      returns: [.init("Figure")])
  ) { call in
    let opts = try PlotOptions.table(call, extraKeys: ["x", "y", "values", "x_name", "y_name", "metric", "higher_is_better"])
    let x = try call.field("x", of: opts) { try PlotOptions.numbers(call, $0) }
    let y = try call.field("y", of: opts) { try PlotOptions.numbers(call, $0) }
    let rows = try call.field("values", of: opts) { field -> [[Double]] in
      let table = try field.table()
      var rows: [[Double]] = []
      for i in 0..<call.stack.rawLength(at: table.index) {
        call.stack.rawGet(tableAt: table.index, index: i + 1)
        defer { call.stack.pop() }
        rows.append(try PlotOptions.numbers(call, LuaValueReader(stack: call.stack, index: call.stack.top, position: "row [\(i + 1)] of 'values'")))
      }
      return rows
    }
    let chart = ParameterHeatmap(
      xName: try call.field("x_name", of: opts) { try $0.string(default: "x") }, xValues: x,
      yName: try call.field("y_name", of: opts) { try $0.string(default: "y") }, yValues: y, values: rows,
      metric: try call.field("metric", of: opts) { try $0.string(default: "metric") },
      higherIsBetter: try call.field("higher_is_better", of: opts) { try $0.boolean(default: true) },
      title: try PlotOptions.title(call, opts))
    try chart.validate()
    return try PlotOptions.pushFigure(call, chart, opts, width: 900, height: 700)
  }

  static let histogram = LuaFunction(
    "histogram",
    LuaDoc(
      "A histogram (trade returns, R-multiples); zero always falls on a bin edge.",
      parameters: [.init("opts", "{values: Series|number[], bins?: integer, unit?: string, title?: string, width?: integer, height?: integer, scale?: number, theme?: string}")],
      returns: [.init("Figure")])
  ) { call in
    let opts = try PlotOptions.table(call, extraKeys: ["values", "bins", "unit"])
    let values = try call.field("values", of: opts) { field in
      try field.userdataIfPresent(Series.self)?.values ?? (try PlotOptions.numbers(call, field))
    }
    let bins = try call.field("bins", of: opts) { $0.isNil ? nil : try $0.integer() }
    let unit = try call.field("unit", of: opts) { try $0.string(default: "%") }
    let chart = HistogramChart(values: values, bins: bins, unit: unit, title: try PlotOptions.title(call, opts) ?? "Distribution")
    _ = try chart.histogram()
    return try PlotOptions.pushFigure(call, chart, opts, width: 900, height: 500)
  }

  static let monthly = LuaFunction(
    "monthly",
    LuaDoc(
      "Monthly returns heatmap (percent, with yearly totals) of an equity curve.",
      parameters: [.init("opts", "{equity: Series, bars: Bars, title?: string, width?: integer, height?: integer, scale?: number, theme?: string}")],
      returns: [.init("Figure")])
  ) { call in
    let opts = try PlotOptions.table(call, extraKeys: ["equity", "bars"])
    let values = try call.field("equity", of: opts) { try $0.userdata(Series.self).values }
    let bars = try call.field("bars", of: opts) { try $0.userdata(Bars.self) }
    let returns = try MonthlyReturns.from(time: bars.time, equity: values)
    let chart = MonthlyReturnsChart(returns: returns, title: try PlotOptions.title(call, opts) ?? "Monthly returns (%)")
    return try PlotOptions.pushFigure(call, chart, opts, width: 1000, height: 500)
  }

  static let show = LuaFunction(
    "show",
    LuaDoc(
      """
      Shows a figure: inline in terminals that speak the kitty or iTerm2 image protocol
      (detected; CRESCENT_IMAGE_PROTOCOL=kitty|iterm2|none overrides), otherwise writes a PNG
      and prints its path. Returns the PNG's path.
      """,
      parameters: [.init("fig", "Figure"), .init("path", "string?", "default: a new file in $TMPDIR")],
      returns: [.init("string")])
  ) { call in
    try call.requireFileAccess()
    let figure = try call.argument(1, "fig").userdata(Figure.self)
    let pathArgument = call.argument(2, "path")
    let path = pathArgument.isNil ? temporaryPath() : try pathArgument.string()
    let png = try figure.chart.png(size: figure.size, theme: figure.theme)
    try writeFile(png, to: path)
    let environment = processEnvironment()
    var text: String
    if isatty(1) == 1, let proto = TerminalImage.detect(environment: environment) {
      text = TerminalImage.sequence(png: png, protocol: proto, environment: environment) + "\n"
    } else {
      text = path + "\n"
    }
    text.withUTF8 { bytes in _ = write(1, bytes.baseAddress, bytes.count) }
    call.stack.push(path)
    return 1
  }

  private static func temporaryPath() -> String {
    let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((directory + "/crescent-XXXXXX.png").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemps($0, 4) } ?? -1
    }
    if fd >= 0 { close(fd) }
    return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  private static func writeFile(_ bytes: [UInt8], to path: String) throws {
    guard let file = fopen(path, "wb") else {
      throw LuaMessageError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else {
      throw LuaMessageError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
  }

  private static func processEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let text = String(cString: entry)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      pointer += 1
    }
    return result
  }
}
