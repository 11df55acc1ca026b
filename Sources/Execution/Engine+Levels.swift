import Simulator

/// Stops, targets and partials on every tick; max bars, break-even and trailing at closes.
extension Engine {
  /// Checks the symbol's open trades against one tick. `first`: the tick opened a candle, so
  /// a level it passed gapped and fills at the tick; otherwise a level crossed fills at the
  /// level (see `Engine`).
  ///
  /// Stops go out as stop (market) orders, targets and partials as limits at their level:
  /// an exchange may fill a resting limit only in part before the broker's fill timeout
  /// cancels the rest. The engine books what executed; the rest stays open under the same
  /// levels and is exited again on a later tick (a partial keeps its turn until its whole
  /// quantity is out). On a broker with a lot grid, partial quantities round down to the
  /// step; a partial too small to trade is skipped, and one that would leave an untradable
  /// rest takes the whole position.
  func checkLevels(symbol s: Int, price: Double, first: Bool) {
    let name = state.symbols[s].symbol
    let bar = state.symbols[s].history.count
    let barTime = state.symbols[s].aggregator.current?.time ?? 0
    let wholeUnits = config.sizing.wholeUnits
    let lots = broker.lotRules(symbol: name)
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
          barTime: barTime, reason: p.stopKind
        ).closed
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
        let done = state.positions[j].partialDone ?? 0
        let limit = first ? price : d * level(k)
        var q = min(p.partialQuantity(partials[k], wholeUnits: wholeUnits) - done, remaining)
        if let lots {
          q = lots.floor(q)
          if lots.problem(quantity: q, price: limit) != nil {
            q = 0
          } else if remaining - q > tiny && lots.problem(quantity: remaining - q, price: limit) != nil {
            q = remaining
          }
        }
        state.positions[j].nextPartial = k + 1
        state.positions[j].partialDone = nil
        if q > 0 {
          let out = exit(
            j, quantity: q, kind: .limit, price: limit, basis: price, symbol: s,
            bar: bar, barTime: barTime, reason: .partial)
          closed = out.closed
          if !closed && out.filled > 0 && out.filled < q {
            // Partly filled: the partial keeps its turn for the rest.
            state.positions[j].nextPartial = k
            state.positions[j].partialDone = done + out.filled
            remaining -= out.filled
            break
          }
        }
        remaining -= q
        k += 1
        if closed { break }
      }
      if closed { continue }
      if remaining > tiny && target <= o {
        if exit(
          j, quantity: state.positions[j].quantity, kind: .limit, price: first ? price : p.target,
          basis: price, symbol: s, bar: bar, barTime: barTime, reason: .target
        ).closed {
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
          barTime: time, reason: .maxBars
        ).closed {
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
