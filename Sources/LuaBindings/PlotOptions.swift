import LuaRuntime
import MarketData
import Plotting

/// Reading plot option tables: sizes, themes, series lists, panes and markers.
enum PlotOptions {
  static let frameKeys = ["width", "height", "scale", "theme", "title"]

  /// `width` (1200), `height` (700), `scale` (1), `theme` ("light" | "dark").
  static func frame(_ call: LuaCall, _ opts: LuaValueReader, width: Int = 1200, height: Int = 700) throws
    -> (ChartSize, Theme)
  {
    let w = try call.field("width", of: opts) { try $0.integer(default: width) }
    let h = try call.field("height", of: opts) { try $0.integer(default: height) }
    let scale = try call.field("scale", of: opts) { try $0.number(default: 1) }
    let theme = try call.field("theme", of: opts) { field -> Theme in
      switch try field.string(default: "light") {
      case "light": return .light
      case "dark": return .dark
      default: throw field.error(expected: "\"light\" or \"dark\"")
      }
    }
    let size = ChartSize(width: w, height: h, scale: scale)
    _ = try size.pixels()
    return (size, theme)
  }

  /// The options table of a plot function (argument 1), checked against the frame keys and
  /// `extraKeys`.
  static func table(_ call: LuaCall, extraKeys: [String]) throws -> LuaValueReader {
    let opts = try call.argument(1, "opts").table()
    try call.checkKeys(of: opts, known: frameKeys + extraKeys)
    return opts
  }

  /// Pushes `chart` as a Figure sized and themed by `opts`; returns the result count.
  static func pushFigure(
    _ call: LuaCall, _ chart: any Chart, _ opts: LuaValueReader, width: Int = 1200, height: Int = 700
  ) throws -> Int32 {
    let (size, theme) = try frame(call, opts, width: width, height: height)
    call.state.push(userdata: Figure(chart: chart, size: size, theme: theme), on: call.stack)
    return 1
  }

  static func title(_ call: LuaCall, _ opts: LuaValueReader) throws -> String? {
    try call.field("title", of: opts) { $0.isNil ? nil : try $0.string() }
  }

  /// A list of series: `{name = Series, …}` (sorted by name), a list of
  /// `{name=, values=, kind="line"|"histogram"|"dots", color="#rrggbb"}` tables, or one Series.
  static func overlays(_ call: LuaCall, _ reader: LuaValueReader, count: Int?) throws -> [Overlay] {
    if reader.isNil { return [] }
    if let series = reader.userdataIfPresent(Series.self) {
      return [try checked(Overlay(name: "series", values: series.values), count, reader)]
    }
    let table = try reader.table()
    var overlays: [Overlay] = []
    let stack = call.stack
    let length = stack.rawLength(at: table.index)
    if length > 0 {
      for i in 1...length {
        stack.rawGet(tableAt: table.index, index: i)
        defer { stack.pop() }
        let item = LuaValueReader(stack: stack, index: stack.top, position: "element [\(i)] of \(reader.position)")
        overlays.append(try checked(overlay(call, item, defaultName: "series \(i)"), count, item))
      }
    } else {
      for name in stack.stringKeys(ofTableAt: table.index).sorted() {
        let item = try call.field(name, of: table) { field in
          if let series = field.userdataIfPresent(Series.self) { return Overlay(name: name, values: series.values) }
          return try overlay(call, field, defaultName: name)
        }
        overlays.append(try checked(item, count, reader))
      }
    }
    return overlays
  }

  private static func overlay(_ call: LuaCall, _ item: LuaValueReader, defaultName: String) throws -> Overlay {
    if let series = item.userdataIfPresent(Series.self) { return Overlay(name: defaultName, values: series.values) }
    let table = try item.table()
    try call.checkKeys(of: table, known: ["name", "values", "kind", "color", "width"])
    let name = try call.field("name", of: table) { try $0.string(default: defaultName) }
    let values = try call.field("values", of: table) { try $0.userdata(Series.self).values }
    let kind = try call.field("kind", of: table) { field -> Overlay.Kind in
      switch try field.string(default: "line") {
      case "line": return .line
      case "histogram": return .histogram
      case "dots": return .dots
      default: throw field.error(expected: "\"line\", \"histogram\" or \"dots\"")
      }
    }
    let color = try call.field("color", of: table) { field -> RGBA? in
      if field.isNil { return nil }
      guard let color = RGBA(css: try field.string()) else { throw field.error(expected: "a colour \"#rrggbb\"") }
      return color
    }
    let width = try call.field("width", of: table) { try $0.number(default: 1.5) }
    return Overlay(name: name, values: values, kind: kind, color: color, style: StrokeStyle(width: width))
  }

  private static func checked(_ overlay: Overlay, _ count: Int?, _ reader: LuaValueReader) throws -> Overlay {
    if let count, overlay.values.count != count {
      throw LuaMessageError("\(reader.position): series '\(overlay.name)' has \(overlay.values.count) values, the bars have \(count)")
    }
    return overlay
  }

  /// Panes: a list of `{title=, series=<overlays>, references={30, 70}, range={0, 100}}`, or a
  /// name → Series map where `rsi` gets RSI's 0–100 range and 30/70 band.
  static func panes(_ call: LuaCall, _ reader: LuaValueReader, count: Int) throws -> [IndicatorPane] {
    if reader.isNil { return [] }
    let table = try reader.table()
    let stack = call.stack
    let length = stack.rawLength(at: table.index)
    var panes: [IndicatorPane] = []
    if length == 0 {
      for name in stack.stringKeys(ofTableAt: table.index).sorted() {
        let values = try call.field(name, of: table) { try $0.userdata(Series.self).values }
        guard values.count == count else {
          throw LuaMessageError("pane '\(name)' has \(values.count) values, the bars have \(count)")
        }
        panes.append(name.lowercased() == "rsi" ? .rsi(values) : IndicatorPane(title: name, series: [Overlay(name: name, values: values)]))
      }
      return panes
    }
    for i in 1...length {
      stack.rawGet(tableAt: table.index, index: i)
      defer { stack.pop() }
      let item = try LuaValueReader(stack: stack, index: stack.top, position: "pane [\(i)]").table()
      try call.checkKeys(of: item, known: ["title", "series", "references", "range"])
      let title = try call.field("title", of: item) { try $0.string(default: "pane \(i)") }
      let series = try call.field("series", of: item) { try overlays(call, $0, count: count) }
      let references = try call.field("references", of: item) { field -> [ReferenceLine] in
        try numbers(call, field).map { ReferenceLine(value: $0) }
      }
      let range = try call.field("range", of: item) { field -> ClosedRange<Double>? in
        if field.isNil { return nil }
        let bounds = try numbers(call, field)
        guard bounds.count == 2, bounds[0] < bounds[1] else { throw field.error(expected: "{low, high} with low < high") }
        return bounds[0]...bounds[1]
      }
      panes.append(IndicatorPane(title: title, series: series, references: references, range: range))
    }
    return panes
  }

  /// A Lua list of numbers.
  static func numbers(_ call: LuaCall, _ reader: LuaValueReader) throws -> [Double] {
    if reader.isNil { return [] }
    let table = try reader.table()
    var values: [Double] = []
    let length = call.stack.rawLength(at: table.index)
    for i in 0..<length {
      call.stack.rawGet(tableAt: table.index, index: i + 1)
      defer { call.stack.pop() }
      guard call.stack.type(at: -1) == .number, let value = call.stack.number(at: -1) else {
        throw LuaArgumentError(position: "element [\(i + 1)] of \(reader.position)", expected: "number", got: call.stack.typeName(at: -1))
      }
      values.append(value)
    }
    return values
  }

  /// Markers from masks: `entries` (long entries at the close), `exits`, `short_entries`.
  static func markers(_ call: LuaCall, _ opts: LuaValueReader, close: [Double]) throws -> [Marker] {
    var markers: [Marker] = []
    for (key, kind) in [("entries", Marker.Kind.longEntry), ("short_entries", .shortEntry), ("exits", .exit)] {
      let mask = try call.field(key, of: opts) { $0.isNil ? nil : try $0.userdata(Mask.self) }
      guard let mask else { continue }
      guard mask.count == close.count else {
        throw LuaMessageError("'\(key)' has \(mask.count) values, the bars have \(close.count)")
      }
      for index in mask.indices() { markers.append(Marker(index: index, price: close[index], kind: kind)) }
    }
    return markers
  }
}
