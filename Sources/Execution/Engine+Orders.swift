import Simulator

/// Entries (levels, sizing, the cash check) and exits through the broker, with the
/// simulator's bookkeeping.
extension Engine {
  /// ATR of the latest closed candle for ATR slippage; NaN otherwise.
  func slippageATR(_ s: Int) -> Double {
    if case let .atr(_, period) = config.costs.slippage {
      return state.symbols[s].history.atr(period: period)
    }
    return .nan
  }

  /// Stop, target and R of an entry filled at `price` (intent levels first, then exit rules;
  /// ATR stops use the latest closed candle, the signal candle).
  func levels(_ intent: Intent, side: Side, price: Double, symbol s: Int) -> (
    stop: Double, target: Double, risk: Double
  ) {
    let d = side.direction
    var stop = Double.nan
    if let level = intent.stop, !level.isNaN {
      stop = level
    } else if let p = config.exits.stopPercent {
      stop = price * (1 - d * p)
    } else if let rule = config.exits.stopATR {
      let value = state.symbols[s].history.atr(period: rule.period)
      if !value.isNaN { stop = price - d * rule.multiple * value }
    }
    let distance = d * (price - stop)
    let risk = distance > 0 ? distance : .nan
    var target = Double.nan
    if let level = intent.target, !level.isNaN {
      target = level
    } else if let p = config.exits.targetPercent {
      target = price * (1 + d * p)
    } else if let r = config.exits.targetR, !risk.isNaN {
      target = price + d * r * risk
    }
    return (stop, target, risk)
  }

  /// Units for an entry at `price` under the configured sizing (the simulator's `size`).
  /// `freed`: margin of open positions to count as closed (an estimate before a reversal).
  func size(symbol s: Int, price: Double, risk: Double, freed: Double = 0) -> Result<Double, SizingFailure> {
    let whole = config.sizing.wholeUnits
    func units(_ numerator: Double, _ denominator: Double) -> Double {
      whole ? Arithmetic.floorDivide(numerator, denominator) : numerator / denominator
    }
    let commission = config.costs.commission
    switch config.sizing.mode {
    case let .units(n): return .success(whole ? n.rounded(.down) : n)
    case let .cash(amount): return .success(units(amount, price))
    case let .equity(fraction):
      let funds = freed > 0 ? max(0, currentEquity - max(0, exposure - freed)) : available
      let budget = funds * fraction - commission.fixed
      return .success(units(budget, price * (1 + commission.percent) + commission.perUnit))
    case let .risk(fraction):
      if risk.isNaN {
        return .failure(SizingFailure(reason: "risk sizing needs a stop on the losing side of the entry"))
      }
      return .success(units(fraction * currentEquity, risk))
    case let .volatility(target, period):
      let sigma = state.symbols[s].history.returnDeviation(period: period)
      if sigma.isNaN {
        return .failure(
          SizingFailure(reason: "volatility sizing needs \(period) returns before the signal bar"))
      }
      if sigma == 0 {
        return .failure(SizingFailure(reason: "volatility sizing: returns have zero deviation"))
      }
      return .success(units(target * currentEquity / sigma, price))
    }
  }

  func enter(_ pending: PendingIntent, side: Side, symbol s: Int, base: Double, bar: Int, barTime: Int64) {
    closeAll(
      symbol: s, side: side.opposite, tag: nil, reason: .reverse, price: base, bar: bar, barTime: barTime,
      decision: pending.clientId)
    let intent = pending.intent
    let name = state.symbols[s].symbol
    let tag = intent.tag ?? ""
    let dedupe = intent.tag != nil
    var count = 0
    for p in state.positions where p.symbol == name {
      if dedupe && p.side == side && p.tag == tag {
        state.skipped["duplicate_tag", default: 0] += 1
        return
      }
      count += 1
    }
    if count >= config.pyramiding {
      state.skipped["pyramiding", default: 0] += 1
      return
    }
    let orderSide: OrderSide = side == .long ? .buy : .sell
    let atr = slippageATR(s)
    let price = broker.expectedPrice(side: orderSide, reference: base, atr: atr)
    func reject(_ quantity: Double, _ reason: String) {
      let rejection = EntryRejection(
        symbol: name, side: side, tag: tag, bar: bar, clientId: pending.clientId, time: barTime,
        quantity: quantity,
        price: price, reason: reason)
      rejections.append(rejection)
      record(.rejection(rejection))
    }
    let (stop, target, risk) = levels(intent, side: side, price: price, symbol: s)
    var quantity: Double
    if let requested = intent.quantity {
      quantity = requested
    } else {
      switch size(symbol: s, price: price, risk: risk) {
      case let .success(q): quantity = q
      case let .failure(problem):
        reject(0, problem.reason)
        return
      }
    }
    if !(quantity.isFinite && quantity > 0) {
      reject(
        quantity,
        quantity == 0 ? "the size rounds to 0 units" : "the size is not a positive number (\(quantity))")
      return
    }
    // On the broker's lot grid, so that every later exit of the position stays tradable.
    if let lots = broker.lotRules(symbol: name) {
      let rounded = lots.floor(quantity)
      if let problem = lots.problem(quantity: rounded, price: price) {
        reject(
          rounded, "the size \(quantity) rounds down to \(rounded) on the lot step \(lots.step): \(problem)")
        return
      }
      quantity = rounded
    }
    let cost = quantity * price + broker.commission(quantity: quantity, price: price)
    let funds = available
    if cost > funds + funds * 1e-12 {
      reject(quantity, "insufficient funds: the order needs \(cost), \(funds) available")
      return
    }
    let order = Order(
      clientId: pending.clientId, symbol: name, side: orderSide, kind: .market, quantity: quantity,
      price: base,
      slippageBasis: base, atr: atr, time: now, purpose: "entry")
    record(.order(order))
    let fill: Fill
    do {
      fill = try send(order, trade: pending.clientId, decision: pending.clientId)
    } catch {
      reject(quantity, "broker refused the order: \(error.message)")
      return
    }
    record(.fill(fill))
    state.cash -= fill.commission
    state.commissions += fill.commission
    state.positions.append(
      Position(
        symbol: name, side: side, tag: tag, dedupe: dedupe, entryBar: bar, entryTime: barTime,
        entryPrice: fill.price,
        quantity: fill.quantity, entryCommission: fill.commission, stop: stop, stopKind: .stop,
        target: target, risk: risk,
        initialQuantity: fill.quantity, nextPartial: 0, best: fill.price, worst: fill.price,
        entryOrder: pending.clientId))
  }

  /// Closes the matching open trades of a symbol at market.
  func closeAll(
    symbol s: Int, side: Side?, tag: String?, reason: ExitReason, price: Double, bar: Int, barTime: Int64,
    decision: String? = nil
  ) {
    let name = state.symbols[s].symbol
    var j = 0
    while j < state.positions.count {
      let p = state.positions[j]
      if p.symbol == name && (side == nil || p.side == side) && (tag == nil || p.tag == tag) {
        if !exit(
          j, quantity: p.quantity, kind: .market, price: price, basis: price, symbol: s, bar: bar,
          barTime: barTime, reason: reason, decision: decision
        ).closed {
          j += 1
        }
      } else {
        j += 1
      }
    }
  }

  /// Sends an exit of `quantity` of position `j` to the broker and books exactly what the
  /// fill executed: a partly filled exit closes that part (a trade of the filled quantity,
  /// with its share of the entry commission) and leaves the rest open, for the position
  /// management to exit on a later tick or candle. Returns whether the position closed
  /// completely (and left `positions`) and the quantity booked (0 when refused).
  @discardableResult
  func exit(
    _ j: Int, quantity: Double, kind: OrderKind, price: Double, basis: Double, symbol s: Int, bar: Int,
    barTime: Int64,
    reason: ExitReason, decision: String? = nil
  ) -> ExitOutcome {
    var p = state.positions[j]
    let q = min(quantity, p.quantity)
    let order = Order(
      clientId: nextClientId(), symbol: p.symbol, side: p.side == .long ? .sell : .buy, kind: kind,
      quantity: q,
      price: price, slippageBasis: basis, atr: slippageATR(s), time: now, purpose: reason.rawValue)
    record(.order(order))
    func refuse(_ why: String) -> ExitOutcome {
      let rejection = EntryRejection(
        symbol: p.symbol, side: p.side, tag: p.tag, bar: bar, clientId: order.clientId, time: barTime,
        quantity: q,
        price: price, reason: why)
      rejections.append(rejection)
      record(.rejection(rejection))
      return ExitOutcome(closed: false, filled: 0)
    }
    let fill: Fill
    do {
      fill = try send(order, trade: p.entryOrder, decision: decision)
    } catch {
      return refuse("broker refused the exit: \(error.message)")
    }
    guard fill.quantity.isFinite, fill.quantity > 0 else {
      return refuse("the broker reported a fill of \(fill.quantity) units for the exit")
    }
    record(.fill(fill))
    // What executed, never more than the position holds.
    let filled = min(fill.quantity, p.quantity)
    let share = p.quantity > 0 ? p.entryCommission * (filled / p.quantity) : 0
    p.include(price: fill.price)
    state.cash += p.direction * filled * (fill.price - p.entryPrice) - fill.commission
    state.commissions += fill.commission
    let (mae, mfe) = (
      p.direction * (p.worst - p.entryPrice) / p.entryPrice * 100,
      p.direction * (p.best - p.entryPrice) / p.entryPrice * 100
    )
    let trade = Trade(
      symbol: p.symbol, side: p.side, tag: p.tag, entryBar: p.entryBar, entryTime: p.entryTime,
      entryPrice: p.entryPrice,
      exitBar: bar, exitTime: barTime, exitPrice: fill.price, quantity: filled,
      pnl: p.direction * filled * (fill.price - p.entryPrice) - share - fill.commission,
      commission: share + fill.commission,
      exitReason: reason, maePercent: mae, mfePercent: mfe)
    trades.append(trade)
    record(.trade(trade))
    p.quantity -= filled
    p.entryCommission -= share
    if p.quantity <= filled * 1e-12 {
      state.positions.remove(at: j)
      return ExitOutcome(closed: true, filled: filled)
    }
    state.positions[j] = p
    return ExitOutcome(closed: false, filled: filled)
  }
}

/// What an exit did: whether the position closed completely, and the quantity booked.
struct ExitOutcome {
  var closed: Bool
  var filled: Double
}

/// Why an entry could not be sized.
struct SizingFailure: Error {
  var reason: String
}
