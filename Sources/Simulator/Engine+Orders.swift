/// Market orders: entries (sizing, costs, the cash check) and closes.
extension Engine {
  /// Fills `orders` of symbol `s` at `price` (the open of `fillBar`, or its close).
  func execute(_ orders: [PendingOrder], symbol s: Int, signalBar: Int, fillBar: Int, price: Double, atOpen: Bool) throws {
    let referenceBar = atOpen ? fillBar - 1 : fillBar
    for order in orders {
      switch order {
      case let .close(side, tag, reason):
        closeAll(symbol: s, side: side, tag: tag, reason: reason, price: price, bar: fillBar, referenceBar: referenceBar)
      case let .enter(side, intent, dedupe):
        try enter(symbol: s, side: side, intent: intent, dedupe: dedupe, signalBar: signalBar,
          fillBar: fillBar, price: price, referenceBar: referenceBar)
      }
    }
  }

  /// Closes the matching open trades of a symbol at market.
  func closeAll(symbol s: Int, side: Side?, tag name: String?, reason: ExitReason, price: Double, bar: Int, referenceBar: Int) {
    var tag = -1
    if let name {
      guard let index = tagIndex[name] else { return }
      tag = index
    }
    let slip = slippage(s, price: price, bar: referenceBar)
    var j = 0
    while j < open.count {
      let trade = open[j]
      if trade.symbol == s && (side == nil || trade.side == side) && (tag < 0 || trade.tag == tag) {
        book(j, quantity: trade.quantity, price: price - trade.direction * slip, bar: bar, reason: reason)
      } else {
        j += 1
      }
    }
  }

  /// The slippage amount (a price distance ≥ 0) of a market fill near `price`, using ATR of
  /// `bar` (the last completed bar) for ATR slippage.
  func slippage(_ s: Int, price: Double, bar: Int) -> Double {
    switch config.costs.slippage {
    case .none: return 0
    case let .bps(bps): return price * bps / 10_000
    case let .ticks(count, size): return count * size
    case let .atr(fraction, period):
      let value = atr(s, period: period, at: bar)
      return value.isNaN ? 0 : fraction * value
    }
  }

  /// Opens an entry: reversal, de-duplication, pyramiding, levels, sizing, the review (when
  /// the run has one), then the cash check.
  func enter(
    symbol s: Int, side: Side, intent: OrderIntent, dedupe: Bool, signalBar: Int, fillBar: Int,
    price base: Double, referenceBar: Int
  ) throws {
    closeAll(symbol: s, side: side.opposite, tag: nil, reason: .reverse, price: base, bar: fillBar, referenceBar: referenceBar)
    let tagName = intent.tag ?? ""
    let tag = intern(tagName)
    var count = 0
    for trade in open where trade.symbol == s {
      if dedupe && trade.side == side && trade.tag == tag {
        skipped[.duplicateTag, default: 0] += 1
        return
      }
      count += 1
    }
    if count >= config.pyramiding {
      skipped[.pyramiding, default: 0] += 1
      return
    }
    let bars = feeds[s]
    let d = side.direction
    let price = base + d * slippage(s, price: base, bar: referenceBar)
    func reject(_ quantity: Double, _ reason: String) {
      rejections.append(Rejection(symbol: bars.symbol, side: side, tag: tagName, bar: fillBar,
        time: bars.time[fillBar], quantity: quantity, price: price, reason: reason))
      log?.events.append(.reject(bar: fillBar))
    }
    var stop = Double.nan
    if let level = intent.stop, !level.isNaN {
      stop = level
    } else if let p = config.exits.stopPercent {
      stop = price * (1 - d * p)
    } else if let rule = config.exits.stopATR {
      let value = atr(s, period: rule.period, at: signalBar)
      if !value.isNaN { stop = price - d * rule.multiple * value }
    }
    let distance = d * (price - stop)
    var risk = distance > 0 ? distance : .nan
    var target = Double.nan
    if let level = intent.target, !level.isNaN {
      target = level
    } else if let p = config.exits.targetPercent {
      target = price * (1 + d * p)
    } else if let r = config.exits.targetR, !risk.isNaN {
      target = price + d * r * risk
    }

    var quantity: Double
    if let requested = intent.quantity {
      quantity = requested
    } else {
      switch size(symbol: s, price: price, risk: risk, signalBar: signalBar) {
      case let .success(q): quantity = q
      case let .failure(problem):
        reject(0, problem.reason)
        return
      }
    }
    if !(quantity.isFinite && quantity > 0) {
      reject(quantity, quantity == 0 ? "the size rounds to 0 units" : "the size is not a positive number (\(quantity))")
      return
    }
    if let review {
      let request = EntryRequest(
        symbol: bars.symbol, symbolIndex: s, side: side, tag: intent.tag, quantity: quantity, price: price,
        stop: stop.isNaN ? nil : stop, target: target.isNaN ? nil : target, bar: fillBar, time: bars.time[fillBar],
        position: position(of: s), equity: equity, cash: cash, available: available)
      switch try review(request) {
      case .approve: break
      case let .amend(amended, newStop, newTarget):
        if !(amended.isFinite && amended > 0) {
          reject(amended, "risk: the amended size is not a positive number (\(amended))")
          return
        }
        quantity = amended
        stop = newStop ?? .nan
        target = newTarget ?? .nan
        let amendedDistance = d * (price - stop)
        risk = amendedDistance > 0 ? amendedDistance : .nan
      case let .reject(reason):
        reject(quantity, reason)
        return
      }
    }
    let commission = config.costs.commission.amount(quantity: quantity, price: price)
    let cost = quantity * price + commission
    if let log {
      // Speculative: the portfolio replay makes the cash check against the shared account.
      log.events.append(.enter(bar: fillBar, mark: lastPrice[s], cost: cost, commission: commission,
        direction: d, quantity: quantity, price: price))
    } else {
      let funds = available
      // A relative tolerance of 1e-12 keeps an order sized to exactly the funds from failing
      // on the last bit of rounding.
      if cost > funds + funds * 1e-12 {
        reject(quantity, "insufficient funds: the order needs \(cost), \(funds) available")
        return
      }
    }
    cash -= commission
    commissions += commission
    open.append(OpenTrade(
      symbol: s, side: side, tag: tag, dedupe: dedupe, entryBar: fillBar, entryTime: bars.time[fillBar],
      entryPrice: price, quantity: quantity, entryCommission: commission, stop: stop, stopKind: .stop,
      target: target, risk: risk, initialQuantity: quantity, nextPartial: 0, best: price,
      worst: price))
  }

  /// Closes `quantity` of open trade `j` at `price` and records it; removes the trade when
  /// nothing remains.
  func book(_ j: Int, quantity: Double, price: Double, bar: Int, reason: ExitReason) {
    var trade = open[j]
    let q = min(quantity, trade.quantity)
    let commission = config.costs.commission.amount(quantity: q, price: price)
    let share = trade.quantity > 0 ? trade.entryCommission * (q / trade.quantity) : 0
    trade.include(price: price)
    let change = trade.direction * q * (price - trade.entryPrice) - commission
    cash += change
    commissions += commission
    trades.append(record(trade, quantity: q, price: price, bar: bar, reason: reason, entryShare: share, exitCommission: commission))
    trade.quantity -= q
    trade.entryCommission -= share
    let removed = trade.quantity <= q * 1e-12
    if removed {
      open.remove(at: j)
    } else {
      open[j] = trade
    }
    log?.events.append(.book(bar: bar, index: j, change: change, commission: commission, remaining: trade.quantity, removed: removed))
  }

  func record(
    _ trade: OpenTrade, quantity q: Double, price: Double, bar: Int, reason: ExitReason,
    entryShare: Double, exitCommission: Double
  ) -> Trade {
    let bars = feeds[trade.symbol]
    var excursion = trade
    excursion.include(price: price)
    let (mae, mfe) = excursion.excursions
    let gross = trade.direction * q * (price - trade.entryPrice)
    return Trade(
      symbol: bars.symbol, side: trade.side, tag: tags[trade.tag], entryBar: trade.entryBar,
      entryTime: trade.entryTime, entryPrice: trade.entryPrice, exitBar: bar, exitTime: bars.time[bar],
      exitPrice: price, quantity: q, pnl: gross - entryShare - exitCommission,
      commission: entryShare + exitCommission, exitReason: reason, maePercent: mae, mfePercent: mfe)
  }
}
