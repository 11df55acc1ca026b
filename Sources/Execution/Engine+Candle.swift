import Simulator

/// The candle close: excursions, time-based exits, stop moves, the strategy and the risk layer.
extension Engine {
  func closeCandle(_ candle: Candle, symbol s: Int) {
    let name = state.symbols[s].symbol
    for j in state.positions.indices where state.positions[j].symbol == name {
      state.positions[j].include(high: candle.high, low: candle.low)
    }
    state.symbols[s].history.append(candle)
    state.symbols[s].lastPrice = candle.close
    let bar = state.symbols[s].history.count - 1
    if let maxBars = config.exits.maxBars, maxBars > 0 {
      exitAged(symbol: s, bar: bar, time: candle.time, maxBars: maxBars)
    }
    if config.exits.breakEvenR != nil || config.exits.trailATR != nil || config.exits.trailPercent != nil {
      updateStops(symbol: s, close: candle.close)
    }
    decide(symbol: s, candle: candle, bar: bar)
    let point = EquityPoint(
      time: candle.time, value: state.positions.isEmpty ? state.cash : currentEquity,
      exposed: !state.positions.isEmpty)
    equity.append(point)
    pendingEntries.append(.equity(index: equity.count - 1, point))
  }

  /// Runs the strategy on the closed candle and the risk layer on each intent.
  func decide(symbol s: Int, candle: Candle, bar: Int) {
    let name = state.symbols[s].symbol
    let time = now
    let input = StrategyInput(
      symbol: name, bar: bar, candles: state.symbols[s].history.window, position: position(of: s),
      equity: currentEquity, cash: state.cash, time: time, timeframe: state.symbols[s].aggregator.timeframe)
    func note(_ intent: Intent?, _ verdict: Verdict, _ clientId: String?) {
      let decision = Decision(
        symbol: name, bar: bar, time: time, candle: candle, position: input.position, equity: input.equity,
        intent: intent, verdict: verdict, clientId: clientId)
      decisions.append(decision)
      record(.decision(decision))
    }
    let intents: [Intent]
    do {
      intents = try strategy.decide(input)
    } catch {
      note(nil, .reject("strategy failed: \(error)"), nil)
      return
    }
    var approved: [PendingIntent] = []
    // Entry orders of the positions that intents approved earlier in this batch close first.
    var closing: Set<String> = []
    for var intent in intents {
      let request = riskRequest(intent, symbol: s, time: time, closing: closing)
      let verdict = risk.evaluate(request, exposure: exposure, state: &state.risk)
      if verdict.isRejection {
        note(intent, verdict, nil)
        continue
      }
      if case let .resize(q) = verdict { intent.quantity = q }
      let clientId = nextClientId()
      note(intent, verdict, clientId)
      approved.append(PendingIntent(intent: intent, clientId: clientId))
      if intent.action == .close {
        for p in state.positions where p.symbol == name && (intent.tag == nil || p.tag == intent.tag) {
          closing.insert(p.entryOrder)
        }
      }
    }
    guard !approved.isEmpty else { return }
    if config.fill == .close {
      for p in approved { execute(p, symbol: s, price: candle.close, bar: bar, barTime: candle.time) }
    } else {
      state.symbols[s].pending.append(contentsOf: approved)
    }
  }

  /// The request the risk layer reviews: for an entry, the units it would trade at the
  /// latest price (the configured sizing when the intent names none), with the margin of the
  /// positions it reverses and of those in `closing` (closed by earlier intents of the same
  /// decision) freed first, as the fill will find them.
  func riskRequest(_ intent: Intent, symbol s: Int, time: Int64, closing: Set<String> = []) -> RiskRequest {
    let reference = state.symbols[s].lastPrice
    var quantity = abs(position(of: s))
    var price = reference
    if let side = intent.side {
      price = broker.expectedPrice(
        side: side == .long ? .buy : .sell, reference: reference, atr: slippageATR(s))
      if let q = intent.quantity {
        quantity = q
      } else {
        let levels = self.levels(intent, side: side, price: price, symbol: s)
        var freed = 0.0
        for p in state.positions
        where p.symbol == state.symbols[s].symbol && (p.side != side || closing.contains(p.entryOrder)) {
          freed += p.quantity * reference
        }
        switch size(symbol: s, price: price, risk: levels.risk, freed: freed) {
        case let .success(q): quantity = q
        case .failure: quantity = .nan
        }
      }
    }
    return RiskRequest(
      symbol: state.symbols[s].symbol, intent: intent, quantity: quantity, price: price,
      position: position(of: s),
      equity: currentEquity, cash: state.cash, now: time, lastTickTime: state.symbols[s].lastTickTime)
  }

  /// Fills the symbol's pending intents at `price`, the first tick of a new candle.
  func fillPending(symbol s: Int, price: Double) {
    let waiting = state.symbols[s].pending
    state.symbols[s].pending.removeAll(keepingCapacity: true)
    let bar = state.symbols[s].history.count
    let time = state.symbols[s].aggregator.current?.time ?? 0
    for p in waiting { execute(p, symbol: s, price: price, bar: bar, barTime: time) }
  }

  func execute(_ pending: PendingIntent, symbol s: Int, price: Double, bar: Int, barTime: Int64) {
    if let side = pending.intent.side {
      enter(pending, side: side, symbol: s, base: price, bar: bar, barTime: barTime)
    } else {
      closeAll(
        symbol: s, side: nil, tag: pending.intent.tag, reason: .signal, price: price, bar: bar,
        barTime: barTime)
    }
  }
}
