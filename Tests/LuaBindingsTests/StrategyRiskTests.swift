import LuaBindings
import LuaRuntime
import MarketData
import Simulator
import Testing

/// The strategy's `risk` function reviews every entry at its fill, in both forms.
@Suite struct StrategyRiskTests {
  static let bars: Bars = {
    var generator = SyntheticBars(count: 3_000, seed: 5, timeframe: Timeframe(count: 1, unit: .hour), volatility: 0.01)
    generator.symbol = "SYNTH"
    return (try? generator.generate()) ?? Bars(time: [], open: [], high: [], low: [], close: [], volume: [], symbol: "")
  }()

  /// SmaCross(10, 20) long and short, as signals or as on_bar, with `risk` (Lua source of a
  /// function, or nil) and `extra` keys.
  static func strategy(form: String, risk: String?, extra: String = "") -> String {
    let body: String
    if form == "signals" {
      body = """
        signals = function(b, p)
          local fast, slow = ta.sma(b.close, 10), ta.sma(b.close, 20)
          local up, down = ta.crossover(fast, slow), ta.crossunder(fast, slow)
          return {long_entry = up, long_exit = down, short_entry = down, short_exit = up}
        end,
        """
    } else {
      body = """
        on_bar = function(ctx, bar)
          if bar.index == 1 then
            local fast, slow = ta.sma(source.close, 10), ta.sma(source.close, 20)
            up, down = {}, {}
            for _, i in ipairs(ta.crossover(fast, slow):indices()) do up[i] = true end
            for _, i in ipairs(ta.crossunder(fast, slow):indices()) do down[i] = true end
          end
          if up[bar.index] then ctx:close(); ctx:buy() elseif down[bar.index] then ctx:close(); ctx:sell() end
        end,
        """
    }
    // risk first: its line numbers (in error messages) are the same in both forms.
    return "{risk = \(risk ?? "nil"),\n\(body)\nexits = {stop_pct = 0.02},\n\(extra)}"
  }

  func run(_ source: String, bars: [Bars] = [StrategyRiskTests.bars], budget: LuaBudget? = nil) throws -> BacktestRun {
    let state = try CrescentLibrary.makeState()
    // The same bars as `bars` (data.synthetic is the domain generator), for on_bar.
    _ = state.evaluate("source = data.synthetic{bars = 3000, seed = 5, timeframe = '1h', vol = 0.01}")
    try state.load(source: "return " + source, name: "=strategy")
    try state.call(arguments: 0, results: 1)
    if let budget { state.setBudget(budget) }
    defer { state.stack.pop() }
    return try StrategyRunner.run(state: state, strategy: -1, name: "t", bars: bars, options: RunOptions())
  }

  @Test func approvingLeavesTheVectorizedRunUnchanged() throws {
    let plain = try run(Self.strategy(form: "signals", risk: nil))
    #expect(plain.result.trades.count > 100)
    for risk in ["function(intent, account) return intent end", "function() return true end"] {
      let reviewed = try run(Self.strategy(form: "signals", risk: risk))
      #expect(reviewed.strategy.hasRisk)
      #expect(reviewed.result.trades == plain.result.trades)
      #expect(reviewed.result.equity == plain.result.equity)
      #expect(reviewed.result.rejections.isEmpty)
    }
  }

  @Test func riskSeesTheSizedEntryAtItsFill() throws {
    // Records what risk saw, then checks it against the trades the run opened.
    let risk = """
      function(intent, account)
        seen[#seen + 1] = {intent.side, intent.qty, intent.price, intent.stop, account.index, account.position,
          account.cash, account.equity, account.available, intent.symbol, intent.target}
        return intent
      end
      """
    let state = try CrescentLibrary.makeState()
    _ = state.evaluate("seen = {}")
    try state.load(source: "return " + Self.strategy(form: "signals", risk: risk, extra: "sizing = {mode = 'units', units = 7},"), name: "=s")
    try state.call(arguments: 0, results: 1)
    let run = try StrategyRunner.run(state: state, strategy: -1, name: "t", bars: [Self.bars], options: RunOptions())
    state.stack.pop()
    let entries = run.result.trades
    guard case .values(let count) = state.evaluate("return #seen") else { Issue.record("no seen table"); return }
    #expect(count == ["\(entries.count)"])
    for (k, trade) in entries.prefix(20).enumerated() {
      let row = "seen[\(k + 1)]"
      guard case .values(let values) = state.evaluate(
        "return \(row)[1], \(row)[2], \(row)[3] == \(trade.entryPrice), \(row)[5], \(row)[6], \(row)[9] <= \(row)[8], \(row)[10], \(row)[11] == nil")
      else { Issue.record("no row \(k)"); return }
      #expect(values == [trade.side == .long ? "\"buy\"" : "\"sell\"", "7.0", "true", "\(trade.entryBar + 1)", "0.0", "true", "\"SYNTH\"", "true"])
    }
  }

  @Test func resizingChangesTheQuantity() throws {
    let run = try run(
      Self.strategy(
        form: "signals", risk: "function(intent) intent.qty = math.floor(intent.qty / 4); return intent end",
        extra: "sizing = {mode = 'units', units = 10},"))
    #expect(run.result.trades.count > 100)
    #expect(run.result.trades.allSatisfy { $0.quantity == 2 })
  }

  @Test func rejectingRecordsTheReason() throws {
    let plain = try run(Self.strategy(form: "signals", risk: nil))
    let run = try run(
      Self.strategy(
        form: "signals", risk: "function(intent, account) if intent.side == 'sell' then return nil, 'no shorts' end return intent end"))
    #expect(run.result.trades.allSatisfy { $0.side == .long })
    #expect(run.result.trades.count > 50)
    #expect(run.result.rejections.count == plain.result.trades.filter { $0.side == .short }.count)
    #expect(run.result.rejections.allSatisfy { $0.reason == "risk: no shorts" && $0.side == .short })
    let silent = try self.run(Self.strategy(form: "signals", risk: "function() return false end"))
    #expect(silent.result.trades.isEmpty)
    #expect(silent.result.rejections.first?.reason == "risk: no reason given")
  }

  @Test func aRaisingRiskFunctionRejectsAndTheRunGoesOn() throws {
    let run = try run(
      Self.strategy(form: "signals", risk: "function(intent, account) if account.index % 2 == 0 then error('even bar') end return intent end"))
    #expect(run.result.trades.count > 30)
    #expect(run.result.trades.allSatisfy { $0.entryBar % 2 == 0 })
    #expect(!run.result.rejections.isEmpty)
    #expect(run.result.rejections.allSatisfy { $0.reason.hasPrefix("risk function failed: strategy:") && $0.reason.hasSuffix("even bar") })
    #expect(run.result.rejections.allSatisfy { $0.bar % 2 == 1 })
  }

  @Test func badAnswersFailClosed() throws {
    let cases: [(String, String)] = [
      ("function() return 42 end", "risk function failed: 'risk(intent, account)' must be to return the intent table"),
      ("function(i) i.side = i.side == 'buy' and 'sell' or 'buy'; return i end", "risk function failed: risk may resize an intent"),
      ("function(i) i.qty = 'lots'; return i end", "risk function failed: 'risk(...) result.qty' must be a number"),
      ("function(i) i.size = 1; return i end", "risk function failed: unknown key 'size'"),
      ("function(i) i.qty = -1; return i end", "risk: the amended size is not a positive number (-1.0)"),
    ]
    for (risk, reason) in cases {
      let run = try run(Self.strategy(form: "signals", risk: risk))
      #expect(run.result.trades.isEmpty, "\(risk)")
      #expect(run.result.rejections.first.map { $0.reason.hasPrefix(reason) } == true, "\(risk): \(run.result.rejections.first?.reason ?? "none")")
    }
  }

  @Test func aBudgetKillInsideRiskStopsTheRun() throws {
    let error = #expect(throws: LuaError.self) {
      _ = try run(Self.strategy(form: "signals", risk: "function() while true do end end"), budget: LuaBudget(instructions: 2_000_000))
    }
    #expect(error?.kind == .instructionLimit)
  }

  @Test func bothFormsGiveTheSameTradesAndRejections() throws {
    let risks = [
      "function(intent, account) return intent end",
      // Resize by equity, reject some, raise on others, move the stop.
      """
      function(intent, account)
        if account.index % 7 == 0 then return nil, 'seventh bar' end
        if account.index % 11 == 0 then error('eleventh bar') end
        intent.qty = math.floor(account.equity * 0.5 / intent.price)
        if intent.side == 'buy' then intent.stop = intent.price * 0.985 end
        return intent
      end
      """,
    ]
    for risk in risks {
      for extra in ["", "fill = 'close',", "sizing = {mode = 'risk', risk = 0.02, whole_units = true},"] {
        let vectorized = try run(Self.strategy(form: "signals", risk: risk, extra: extra))
        let event = try run(Self.strategy(form: "on_bar", risk: risk, extra: extra))
        #expect(vectorized.result.trades.count > 50)
        #expect(event.result.trades == vectorized.result.trades)
        #expect(event.result.rejections == vectorized.result.rejections)
        #expect(event.result.equity == vectorized.result.equity)
      }
    }
  }

  @Test func aPortfolioWithRiskSeesTheSharedAccount() throws {
    let others = try (1...2).map { k in
      var generator = SyntheticBars(count: 3_000, seed: UInt64(5 + k), timeframe: Timeframe(count: 1, unit: .hour), volatility: 0.01)
      generator.symbol = "S\(k)"
      return try generator.generate()
    }
    let risk = "function(intent, account) if account.available < 2000 then return nil, 'keep 2000' end return intent end"
    let source = Self.strategy(form: "signals", risk: risk, extra: "sizing = {mode = 'cash', cash = 2500}, cash = 6000,")
    let run = try run(source, bars: [Self.bars] + others)
    #expect(run.result.rejections.contains { $0.reason == "risk: keep 2000" })
    #expect(Set(run.result.trades.map(\.symbol)).count == 3)
  }
}
