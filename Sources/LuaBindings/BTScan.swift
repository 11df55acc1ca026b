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
    let result = try ExitScan.run(
      open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: indices(of: entries), side: side,
      stopPercent: stop, targetPercent: target, maxBars: maxBars, fill: fill, intrabar: intrabar)
    push(result, side: side, on: call)
    return 1
  }

  /// The true positions of `mask`, in order. Bool is one byte holding 0 or 1, so eight
  /// flags are read as one word: a popcount counts them and all-false words are skipped.
  static func indices(of mask: Mask) -> [Int] {
    mask.values.withUnsafeBufferPointer { flags in
      // SAFETY: the raw view covers exactly the flags' bytes; word loads stay below
      // `words * 8 <= n` and the tail loop reads the remaining bytes one by one.
      let bytes = UnsafeRawBufferPointer(flags)
      let n = bytes.count
      let words = n / 8
      var count = 0
      for w in 0..<words { count &+= bytes.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self).nonzeroBitCount }
      for i in (words * 8)..<n { count &+= Int(bytes[i]) }
      // One spare slot: the fill writes every candidate index and advances past true ones.
      return [Int](unsafeUninitializedCapacity: count + 1) { buffer, initialized in
        var k = 0
        for w in 0..<words where bytes.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) != 0 {
          let base = w * 8
          for i in base..<(base + 8) {
            buffer[k] = i
            k &+= Int(bytes[i])
          }
        }
        for i in (words * 8)..<n {
          buffer[k] = i
          k &+= Int(bytes[i])
        }
        initialized = count
      }
    }
  }

  /// Pushes the scan's columns as Series (1-based bar indices; NaN for unfilled entries)
  /// and the counts of exit reasons.
  static func push(_ result: ExitScan.Result, side: Side, on call: LuaCall) {
    let stack = call.stack
    let m = result.entryBar.count
    let d = side.direction
    var returns = [Double](repeating: .nan, count: m)
    var entryIndex = [Double](repeating: .nan, count: m)
    var exitIndex = [Double](repeating: .nan, count: m)
    var stops = 0, targets = 0, horizons = 0, ends = 0
    for k in 0..<m where result.entryBar[k] >= 0 {
      returns[k] = d * (result.exitPrice[k] / result.entryPrice[k] - 1)
      entryIndex[k] = Double(result.entryBar[k] + 1)
      exitIndex[k] = Double(result.exitBar[k] + 1)
      switch result.reason[k] {
      case .stop: stops += 1
      case .target: targets += 1
      case .maxBars: horizons += 1
      default: ends += 1
      }
    }
    stack.newTable(recordCount: 7)
    let columns: [(String, [Double])] = [
      ("returns", returns), ("entry_index", entryIndex), ("exit_index", exitIndex),
      ("entry_price", result.entryPrice), ("exit_price", result.exitPrice),
    ]
    for (key, values) in columns {
      call.state.push(userdata: Series(values), on: stack)
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.newTable(recordCount: 4)
    for (key, count) in [("stop", stops), ("target", targets), ("max_bars", horizons), ("end", ends)] {
      stack.push(count)
      stack.rawSet(tableAt: -2, key: key)
    }
    stack.rawSet(tableAt: -2, key: "reasons")
    stack.push(result.ambiguity.count)
    stack.rawSet(tableAt: -2, key: "ambiguous")
  }
}
