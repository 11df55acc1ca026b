import Indicators
import LuaRuntime
import MarketData

/// The `ta` module: TA-Lib's functions under TA-Lib's lowercase names, generated from the
/// Indicators catalogue, plus crossover/crossunder and VWAP.
///
/// Calling convention: functions of one series take a Series (`ta.rsi(s, 14)`); functions
/// of high/low/close (and open, volume) take Bars (`ta.atr(bars, 14)`); BETA and CORREL take
/// two Series. Parameters follow in TA-Lib's order, nil or missing ones take TA-Lib's
/// defaults. Several outputs are several return values in TA-Lib's order. Outputs are as
/// long as the input, NaN through the lookback. MAXINDEX and MININDEX return 1-based
/// positions. `ta.sma(s, {10, 20, 50})` and `ta.ema(s, {…})` compute several periods in one
/// pass and return one Series per period.
enum TAModule {
  static var module: LuaModule {
    LuaModule(
      name: "ta",
      summary: "Technical indicators: TA-Lib's functions with TA-Lib's numbers, plus crossovers and VWAP.",
      functions: Indicators.catalog.map(function(for:)) + [crossover, crossunder, vwap])
  }

  static func function(for descriptor: IndicatorDescriptor) -> LuaFunction {
    LuaFunction(descriptor.name, documentation(descriptor)) { call in
      let (inputs, consumed) = try readInputs(call, descriptor)
      let firstParameter = consumed + 1
      if descriptor.name == "sma" || descriptor.name == "ema", call.stack.type(at: firstParameter) == .table {
        return try multiPeriod(call, descriptor.name, input: inputs[0], at: firstParameter)
      }
      var parameters: [Double] = []
      let top = call.argumentCount
      if top >= firstParameter {
        for (offset, parameter) in descriptor.parameters.enumerated() {
          let position = firstParameter + Int32(offset)
          guard position <= top else { break }
          let reader = call.argument(position, parameter.name)
          if reader.isNil {
            parameters.append(parameter.defaultValue)
          } else {
            parameters.append(try reader.number())
          }
        }
        if top >= firstParameter + Int32(descriptor.parameters.count) {
          throw LuaMessageError(
            "expected at most \(descriptor.parameters.count) parameters after the inputs, got \(top - firstParameter + 1)")
        }
      }
      var outputs = try descriptor.compute(inputs, parameters)
      if descriptor.name == "maxindex" || descriptor.name == "minindex" {
        // Lua positions are 1-based; shift in place rather than copying 10M-element arrays.
        for j in outputs.indices {
          outputs[j].withUnsafeMutableBufferPointer { values in
            for i in values.indices { values[i] += 1 }
          }
        }
      }
      for output in outputs { call.state.push(userdata: Series(output), on: call.stack) }
      return Int32(outputs.count)
    }
  }

  /// The input arrays and how many Lua arguments they took.
  private static func readInputs(_ call: LuaCall, _ descriptor: IndicatorDescriptor) throws -> ([[Double]], Int32) {
    let columns: [IndicatorInput] = [.open, .high, .low, .close, .volume]
    if descriptor.inputs.contains(where: columns.contains) {
      let bars = try call.argument(1, "bars").userdata(Bars.self)
      let inputs = descriptor.inputs.map { input -> [Double] in
        switch input {
        case .open: return bars.open
        case .high: return bars.high
        case .low: return bars.low
        case .volume: return bars.volume
        default: return bars.close
        }
      }
      return (inputs, 1)
    }
    var inputs: [[Double]] = []
    for (i, _) in descriptor.inputs.enumerated() {
      inputs.append(try call.argument(Int32(i + 1), descriptor.inputs.count == 1 ? "real" : "real\(i)").userdata(Series.self).values)
    }
    return (inputs, Int32(inputs.count))
  }

  private static func multiPeriod(_ call: LuaCall, _ name: String, input: [Double], at position: Int32) throws -> Int32 {
    let list = call.argument(position, "periods")
    var periods: [Int] = []
    for i in 1...max(1, call.stack.rawLength(at: position)) where call.stack.rawLength(at: position) > 0 {
      call.stack.rawGet(tableAt: position, index: i)
      defer { call.stack.pop() }
      guard let period = call.stack.integer(at: -1), call.stack.type(at: -1) == .number else {
        throw LuaArgumentError(position: "element [\(i)] of \(list.position)", expected: "integer", got: call.stack.typeName(at: -1))
      }
      periods.append(period)
    }
    let outputs = name == "sma" ? try Indicators.sma(input, periods: periods) : try Indicators.ema(input, periods: periods)
    for output in outputs { call.state.push(userdata: Series(output), on: call.stack) }
    return Int32(outputs.count)
  }

  static func documentation(_ d: IndicatorDescriptor) -> LuaDoc {
    let columns: [IndicatorInput] = [.open, .high, .low, .close, .volume]
    var parameters: [LuaDoc.Parameter] = []
    if d.inputs.contains(where: columns.contains) {
      parameters.append(.init("bars", "Bars", "uses " + d.inputs.map(\.rawValue).joined(separator: ", ")))
    } else if d.inputs.count == 1 {
      parameters.append(.init("real", "Series"))
    } else {
      for i in d.inputs.indices { parameters.append(.init("real\(i)", "Series")) }
    }
    for p in d.parameters {
      let type = d.name == "sma" || d.name == "ema" ? "integer|integer[]?" : (p.kind == .real ? "number?" : "integer?")
      parameters.append(.init(p.name, type, "default \(formatDefault(p.defaultValue)); \(p.expectation)"))
    }
    let lookback = (try? d.lookback()) ?? 0
    let returns = d.outputs.map { LuaDoc.Return("Series", $0) }
    var summary = "\(d.title) (\(d.group.rawValue)).\n\(d.formula)\nLookback at the defaults: \(lookback) bars (NaN before)."
    if d.name == "sma" || d.name == "ema" {
      summary += "\nA list of periods computes them all in one pass and returns one Series per period."
    }
    let call = parameters.first.map { $0.name == "bars" ? "bars" : "bars.close" } ?? "bars.close"
    let names = d.outputs.count > 1 ? "local " + d.outputs.joined(separator: ", ") + " = " : "local \(d.name) = "
    return LuaDoc(summary, parameters: parameters, returns: returns, example: names + "ta.\(d.name)(\(call))")
  }

  private static func formatDefault(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  static let crossover = cross("crossover", above: true)
  static let crossunder = cross("crossunder", above: false)

  private static func cross(_ name: String, above: Bool) -> LuaFunction {
    let relation = above ? "above" : "below"
    return LuaFunction(
      name,
      LuaDoc(
        "Mask: a crosses \(relation) b on this bar (a[i] \(above ? ">" : "<") b[i] and a[i-1] \(above ? "<=" : ">=") b[i-1]); false on the first bar and wherever a value is NaN. b may be a number.",
        parameters: [.init("a", "Series"), .init("b", "Series|number")], returns: [.init("Mask")],
        example: "local entries = ta.\(name)(ta.sma(bars.close, 10), ta.sma(bars.close, 20))")
    ) { call in
      let a = try call.argument(1, "a").userdata(Series.self)
      let b = call.argument(2, "b")
      let result: [Bool]
      if let series = b.userdataIfPresent(Series.self) {
        result = above ? try Indicators.crossover(a.values, series.values) : try Indicators.crossunder(a.values, series.values)
      } else {
        guard b.type == .number else { throw b.error(expected: "Series or number") }
        let level = try b.number()
        result = above ? Indicators.crossover(a.values, level: level) : Indicators.crossunder(a.values, level: level)
      }
      call.state.push(userdata: Mask(result), on: call.stack)
      return 1
    }
  }

  static let vwap = LuaFunction(
    "vwap",
    LuaDoc(
      """
      Session-anchored VWAP: Σ(typical price · volume) / Σ volume since the bar's session
      began, typical price = (high + low + close) / 3. Sessions start each day at `start`
      (UTC, default "00:00") and last `hours` (default 24). NaN while the session's volume is 0.
      """,
      parameters: [.init("bars", "Bars"), .init("opts", "{start?: string, hours?: number}?")],
      returns: [.init("Series")],
      example: "local v = ta.vwap(bars, {start = \"13:30\", hours = 24})")
  ) { call in
    let bars = try call.argument(1, "bars").userdata(Bars.self)
    var offset: Int64 = 0
    var session: Int64 = UTCTime.nanosecondsPerDay
    let opts = call.argument(2, "opts")
    if !opts.isNil {
      _ = try opts.table()
      try call.checkKeys(of: opts, known: ["start", "hours"])
      offset = try call.field("start", of: opts) { field in
        if field.isNil { return 0 }
        let text = try field.string()
        let parts = text.split(separator: ":").compactMap { Int64($0) }
        guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else {
          throw field.error(expected: "a UTC time of day \"HH:MM\"")
        }
        return (parts[0] * 60 + parts[1]) * 60 * UTCTime.nanosecondsPerSecond
      }
      session = try call.field("hours", of: opts) { field in
        let hours = try field.number(default: 24)
        guard hours > 0, hours <= 24 * 366 else { throw field.error(expected: "a number of hours > 0") }
        return Int64(hours * 3600) * UTCTime.nanosecondsPerSecond
      }
    }
    let values = try Indicators.vwap(
      time: bars.time, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume,
      session: session, offset: offset)
    call.state.push(userdata: Series(values), on: call.stack)
    return 1
  }
}

extension IndicatorError: LuaRaisable {
  public var luaErrorKind: LuaError.Kind { .runtime }
}
