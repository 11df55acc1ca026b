import Simulator

/// Stops, targets and partials on every tick; max bars, break-even and trailing at closes.
extension Engine {
  /// Checks the symbol's open trades against one tick. `first`: the tick opened a candle, so
  /// a level it passed gapped and fills at the tick; otherwise a level crossed fills at the
  /// level (see `Engine`).
  func checkLevels(symbol s: Int, price: Double, first: Bool) {
    let name = state.symbols[s].symbol
    let bar = state.symbols[s].history.count
    let barTime = state.symbols[s].aggregator.current?.time ?? 0
    let wholeUnits = config.sizing.wholeUnits
    var j = 0
    while j < state.positions.count {
      let p = state.positions[j]
      guard p.symbol == name, p.hasLevels(partialCount: partials.count) else {
        j += 1
        continue
      }
      let d = p.direction
      let o = d * price
      let stop = p.stop.isNaN ? -Double.infinity : d * p.stop
      let target = p.target.isNaN ? Double.infinity : d * p.target
      let partialCount = p.risk.isNaN ? 0 : partials.count
      let base = d * p.entryPrice
      let tiny = p.quantity * 1e-12
      func level(_ k: Int) -> Double { base + partials[k].r * p.risk }
      func closeStop(at fillPrice: Double) -> Bool {
        exit(
          j, quantity: p.quantity, kind: .stop, price: fillPrice, basis: p.stop, symbol: s, bar: bar,
          barTime: barTime, reason: p.stopKind)
      }

      if stop >= o {
        // Gapped past the stop at the open, or reached it along the path.
        if closeStop(at: first ? price : p.stop) { continue }
        j += 1
        continue
      }
      var remaining = p.quantity
      var k = p.nextPartial
      var closed = false
      // At the open every level already passed fills at the open; later, partial levels up
      // to the target fill at their levels, in price order.
      while k < partialCount && level(k) <= o && (first || level(k) <= target) && remaining > tiny {
        let q = min(p.partialQuantity(partials[k], wholeUnits: wholeUnits), remaining)
        state.positions[j].nextPartial = k + 1
        if q > 0 {
          closed = exit(
            j, quantity: q, kind: .limit, price: first ? price : d * level(k), basis: price, symbol: s,
            bar: bar, barTime: barTime, reason: .partial)
        }
        remaining -= q
        k += 1
        if closed { break }
      }
      if closed { continue }
      if remaining > tiny && target <= o {
        if exit(
          j, quantity: state.positions[j].quantity, kind: .limit, price: first ? price : p.target,
          basis: price, symbol: s, bar: bar, barTime: barTime, reason: .target)
        {
          continue
        }
      }
      j += 1
    }
  }

  /// Closes the symbol's trades held `maxBars` candles at the close of candle `bar`.
  func exitAged(symbol s: Int, bar: Int, time: Int64, maxBars: Int) {
    let name = state.symbols[s].symbol
    let close = state.symbols[s].lastPrice
    var j = 0
    while j < state.positions.count {
      let p = state.positions[j]
      if p.symbol == name && bar - p.entryBar >= maxBars {
        if !exit(
          j, quantity: p.quantity, kind: .market, price: close, basis: close, symbol: s, bar: bar,
          barTime: time, reason: .maxBars)
        {
          j += 1
        }
      } else {
        j += 1
      }
    }
  }

  /// Moves stops at a close: to the entry once the best price reached entry ± break_even_r × R,
  /// and to the trailing level; a stop never loosens; effective from the next tick.
  func updateStops(symbol s: Int, close: Double) {
    let name = state.symbols[s].symbol
    let history = state.symbols[s].history
    for j in state.positions.indices where state.positions[j].symbol == name {
      let p = state.positions[j]
      let d = p.direction
      let current = p.stop.isNaN ? -Double.infinity : d * p.stop
      var stop = current
      var kind = p.stopKind
      if let r = config.exits.breakEvenR, !p.risk.isNaN {
        let entry = d * p.entryPrice
        if d * p.best >= entry + r * p.risk && entry > stop {
          stop = entry
          kind = .breakEven
        }
      }
      var trail = -Double.infinity
      if let rule = config.exits.trailATR {
        let value = history.atr(period: rule.period)
        if !value.isNaN { trail = d * close - rule.multiple * value }
      }
      if let pct = config.exits.trailPercent { trail = max(trail, d * close * (1 - d * pct)) }
      if trail > stop {
        stop = trail
        kind = .trail
      }
      if stop.isFinite && stop != current {
        state.positions[j].stop = d * stop
        state.positions[j].stopKind = kind
      }
    }
  }
}
