import LuaRuntime
import MarketData
import Simulator

/// `bt.scan`: the exit scan, the fast path for research: independent unit trades from an
/// entry mask with percent stop and target and a bar limit; no sizing, cash or costs.
enum BTScan {
  static let options = ["side", "stop_pct", "target_pct", "max_bars", "fill", "intrabar"]

  static let scan = LuaFunction(
    "scan",
    LuaDoc(
      """
      Exits of independent unit trades, one per true bar of `entries` (trades may overlap).
      An entry signalled at bar i fills at the next open (fill="next_open") or at i's close
      (fill="close"); stop = entry × (1 ∓ stop_pct), target = entry × (1 ± target_pct)
      (fractions); a bar opening beyond a level fills at the open; a bar reaching both levels
      resolves by `intrabar` and is counted in `ambiguous`; a trade open at entry + max_bars
      exits at that close, and one still open at the last bar at its close. Entries on the last
      bar with next-open fills do not fill (NaN in every column).
      """,
      parameters: [
        .init("bars", "Bars"), .init("entries", "Mask"),
        .init(
          "opts",
          "{side?: \"long\"|\"short\", stop_pct?: number, target_pct?: number, max_bars?: integer, fill?: string, intrabar?: string}?"
        ),
      ],
      returns: [
        .init(
          "table",
          "{returns = Series, entry_index = Series, exit_index = Series, entry_price = Series, exit_price = Series, reasons = {stop=, target=, max_bars=, end=}, ambiguous = integer}"
        )
      ],
      example: """
        local bars = data.synthetic{bars = 100000}
        local s = bt.scan(bars, ta.crossover(bars.close, ta.sma(bars.close, 50)), {stop_pct = 0.005, target_pct = 0.01, max_bars = 100})
        print(s.returns:mean(), s.reasons.target, s.ambiguous)
        """)
  ) { call in
    let bars = try call.argument(1, "bars").userdata(Bars.self)
    let entries = try call.argument(2, "entries").userdata(Mask.self)
    guard entries.count == bars.count else {
      throw LuaArgumentError(position: "argument #2 'entries'", expected: "a Mask of \(bars.count) values", got: "\(entries.count)")
    }
    var side = Side.long
    var stop: Double?
    var target: Double?
    var maxBars: Int?
    var fill = FillTiming.nextOpen
    var intrabar = IntrabarPolicy.pessimistic
    let opts = call.argument(3, "opts")
    if !opts.isNil {
      _ = try opts.table()
      try call.checkKeys(of: opts, known: options)
      let sideText = try call.field("side", of: opts) { try $0.string(default: "long") }
      guard let parsed = Side(rawValue: sideText) else {
        throw LuaArgumentError(position: "field 'side' of argument #3 'opts'", expected: "\"long\" or \"short\"", got: "\"\(sideText)\"")
      }
      side = parsed
      stop = try call.field("stop_pct", of: opts) { $0.isNil ? nil : try $0.number() }
      target = try call.field("target_pct", of: opts) { $0.isNil ? nil : try $0.number() }
      maxBars = try call.field("max_bars", of: opts) { $0.isNil ? nil : try $0.integer() }
      fill = try FillTiming.parse(try call.field("fill", of: opts) { try $0.string(default: "next_open") })
      intrabar = try IntrabarPolicy.parse(try call.field("intrabar", of: opts) { try $0.string(default: "pessimistic") })
    }
    let table = try ExitScan.table(
      open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: ExitScan.entryBars(of: entries), side: side,
      stopPercent: stop, targetPercent: target, maxBars: maxBars, fill: fill, intrabar: intrabar, indexBase: 1)
    push(table, on: call)
    return 1
  }

  /// Pushes the scan's columns as Series (1-based bar indices; NaN for unfilled entries)
  /// and the counts of exit reasons.
  static func push(_ table: ExitScan.Table, on call: LuaCall) {
    let stack = call.stack
    stack.newTable(recordCount: 7)
    let columns = [
      ("returns", table.returns), ("entry_index", table.entryIndex), ("exit_index", table.exitIndex),
      ("entry_price", table.entryPrice), ("exit_price", table.exitPrice),
    ]
    for (key, values) in columns {
      call.state.push(userdata: Series(values), on: stack)
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.newTable(recordCount: 4)
    for (key, count) in [("stop", table.stops), ("target", table.targets), ("max_bars", table.maxBarsExits), ("end", table.ends)] {
      stack.push(count)
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.rawSet(tableAt: -2, key: "reasons")
    stack.push(table.ambiguity.count)
    stack.rawSet(tableAt: -2, key: "ambiguous")
  }
}
