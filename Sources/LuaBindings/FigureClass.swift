import LuaRuntime
import Plotting

/// A chart made by `plot.*`, with its size and theme, ready to save or show.
struct Figure {
  let chart: any Chart
  var size: ChartSize
  var theme: Theme
}

/// `crescent.Figure`: `fig:save(path)` writes a PNG; `plot.show(fig)` displays it.
enum FigureClass {
  static let spec = LuaClass<Figure>(
    name: "Figure",
    summary: "A chart from plot.*: fig:save(path) writes it as PNG.",
    methods: [
      LuaFunction(
        "save",
        LuaDoc(
          "Renders the figure and writes a PNG file; returns the path.",
          parameters: [.init("path", "string")], returns: [.init("string")],
          example: "plot.chart{bars = bars}:save(\"chart.png\")")
      ) { call in
        try call.requireFileAccess()
        let figure = try call.argument(1, "self").userdata(Figure.self)
        let path = try call.argument(2, "path").string()
        try figure.chart.save(to: path, size: figure.size, theme: figure.theme)
        call.stack.push(path)
        return 1
      }
    ],
    metamethods: [
      LuaFunction("__tostring", LuaDoc("A one-line description.", returns: [.init("string")])) { call in
        let figure = try call.argument(1, "self").userdata(Figure.self)
        call.stack.push("Figure(\(type(of: figure.chart)), \(figure.size.width)×\(figure.size.height))")
        return 1
      }
    ]
  )
}

extension PlotError: LuaRaisable {
  public var luaErrorKind: LuaError.Kind { .runtime }
}
