/// Stops, targets, partials, max bars, break-even and trailing.
extension Engine {
  /// Checks every open trade of symbol `s` against bar `i`'s range and books the fills.
  func checkLevels(_ feed: SymbolFeed, symbol s: Int, bar i: Int) {
    let o = feed.open[i], h = feed.high[i], l = feed.low[i]
    var j = 0
    while j < open.count {
      if open[j].symbol != s {
        j += 1
        continue
      }
      if !open[j].hasLevels(partialCount: partials.count) {
        open[j].include(high: h, low: l)
        j += 1
        continue
      }
      let trade = open[j]
      let slip = slippage(s, price: trade.stop.isNaN ? o : trade.stop, bar: i - 1)
      let first = Intrabar.favourableFirst(intrabar, side: trade.side, open: o, high: h, low: l)
      fills.removeAll(keepingCapacity: true)
      let (ambiguous, next) = Intrabar.walk(
        trade, partials: partials, wholeUnits: wholeUnits, open: o, high: h, low: l, favourableFirst: first, stopSlippage: slip,
        into: &fills)
      if fills.isEmpty {
        open[j].include(high: h, low: l)
        j += 1
        continue
      }
      if ambiguous { recordAmbiguity(trade, open: o, high: h, low: l, bar: i, stopSlippage: slip, time: feed.time[i]) }
      let before = open.count
      open[j].nextPartial = next
      for fill in fills {
        book(j, quantity: fill.quantity, price: fill.price, bar: i, reason: fill.reason)
        if open.count < before { break }
      }
      if open.count == before {
        open[j].include(high: h, low: l)
        j += 1
      }
    }
  }

  /// Adds an ambiguous bar to the ledger: the net P&L of its fills under every policy.
  /// The bar's first fill will be the next trade row.
  func recordAmbiguity(
    _ trade: OpenTrade, open o: Double, high h: Double, low l: Double, bar: Int, stopSlippage: Double, time: Int64
  ) {
    ledger.count += 1
    var byPolicy = (0.0, 0.0, 0.0)
    var booked = 0.0
    for policy in IntrabarPolicy.allCases {
      let first = Intrabar.favourableFirst(policy, side: trade.side, open: o, high: h, low: l)
      alternativeFills.removeAll(keepingCapacity: true)
      _ = Intrabar.walk(
        trade, partials: partials, wholeUnits: wholeUnits, open: o, high: h, low: l, favourableFirst: first,
        stopSlippage: stopSlippage, into: &alternativeFills)
      var pnl = 0.0
      for fill in alternativeFills {
        let commission = config.costs.commission.amount(quantity: fill.quantity, price: fill.price)
        let share = trade.entryCommission * (fill.quantity / trade.quantity)
        pnl += trade.direction * fill.quantity * (fill.price - trade.entryPrice) - commission - share
      }
      ledger.pnl[policy, default: 0] += pnl
      switch policy {
      case .pessimistic: byPolicy.0 = pnl
      case .optimistic: byPolicy.1 = pnl
      case .nearest: byPolicy.2 = pnl
      }
      if policy == intrabar { booked = pnl }
    }
    ledger.exits.append(AmbiguousExit(
      tradeIndex: trades.count, time: time, stopFirstPnL: byPolicy.0, favourableFirstPnL: byPolicy.1, bookedPnL: booked))
    log?.events.append(.ambiguity(bar: bar, pessimistic: byPolicy.0, optimistic: byPolicy.1, nearest: byPolicy.2))
  }

  /// Closes trades of symbol `s` held `maxBars` (> 0) bars at bar `i`'s close.
  func exitAged(_ feed: SymbolFeed, symbol s: Int, bar i: Int) {
    let close = feed.close[i]
    var j = 0
    while j < open.count {
      let trade = open[j]
      if trade.symbol == s && i - trade.entryBar >= maxBars {
        let price = close - trade.direction * slippage(s, price: close, bar: i)
        book(j, quantity: trade.quantity, price: price, bar: i, reason: .maxBars)
      } else {
        j += 1
      }
    }
  }

  /// Moves stops at bar `i`'s close: to the entry once the best price reached entry ±
  /// break_even_r × R, and to the trailing level; a stop never loosens. The moved stop counts
  /// from the next bar (this bar was already checked).
  func updateStops(_ feed: SymbolFeed, symbol s: Int, bar i: Int) {
    let close = feed.close[i]
    for j in open.indices where open[j].symbol == s {
      let d = open[j].direction
      var stop = open[j].stop.isNaN ? -Double.infinity : d * open[j].stop
      var kind = open[j].stopKind
      if let r = config.exits.breakEvenR, !open[j].risk.isNaN {
        let entry = d * open[j].entryPrice
        if d * open[j].best >= entry + r * open[j].risk && entry > stop {
          stop = entry
          kind = .breakEven
        }
      }
      var trail = -Double.infinity
      if let rule = config.exits.trailATR {
        let value = atr(s, period: rule.period, at: i)
        if !value.isNaN { trail = d * close - rule.multiple * value }
      }
      if let p = config.exits.trailPercent { trail = max(trail, d * close * (1 - d * p)) }
      if trail > stop {
        stop = trail
        kind = .trail
      }
      if stop.isFinite && stop != (open[j].stop.isNaN ? -Double.infinity : d * open[j].stop) {
        open[j].stop = d * stop
        open[j].stopKind = kind
      }
    }
  }
}
