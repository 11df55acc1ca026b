import Simulator

extension Engine {
  /// The run in the backtest's result form, for Analytics (stats and run files).
  ///
  /// Equity points of several symbols at one time merge into one (the last written, which
  /// saw every symbol of that time); open
  /// trades (when `closeAtEnd` is false or the run is not finished) are valued at the last
  /// price. The intrabar ambiguity ledger stays empty: ticks leave no ambiguity.
  public func result() -> BacktestResult {
    var time: [Int64] = []
    var values: [Double] = []
    var exposed: [Bool] = []
    for point in equity {
      if let last = time.last, last == point.time {
        values[values.count - 1] = point.value
        exposed[exposed.count - 1] = point.exposed
      } else {
        time.append(point.time)
        values.append(point.value)
        exposed.append(point.exposed)
      }
    }
    let openTrades = state.positions.map { p in
      let price = lastPrice(p.symbol)
      var excursion = p
      excursion.include(price: price)
      let history = index(of: p.symbol).map { state.symbols[$0].history }
      return Trade(
        symbol: p.symbol, side: p.side, tag: p.tag, entryBar: p.entryBar, entryTime: p.entryTime,
        entryPrice: p.entryPrice,
        exitBar: (history?.count ?? 1) - 1, exitTime: history?.candles.last?.time ?? p.entryTime,
        exitPrice: price,
        quantity: p.quantity, pnl: p.direction * p.quantity * (price - p.entryPrice) - p.entryCommission,
        commission: p.entryCommission, exitReason: .open,
        maePercent: excursion.direction * (excursion.worst - p.entryPrice) / p.entryPrice * 100,
        mfePercent: excursion.direction * (excursion.best - p.entryPrice) / p.entryPrice * 100)
    }
    var skipped: [SkipReason: Int] = [:]
    for (key, count) in state.skipped {
      if let reason = SkipReason(rawValue: key) { skipped[reason] = count }
    }
    return BacktestResult(
      symbols: state.symbols.map(\.symbol), trades: trades, openTrades: openTrades, time: time,
      equity: values,
      exposed: exposed,
      rejections: rejections.map {
        Rejection(
          symbol: $0.symbol, side: $0.side, tag: $0.tag, bar: $0.bar, time: $0.time, quantity: $0.quantity,
          price: $0.price, reason: $0.reason)
      },
      skipped: skipped, ambiguity: AmbiguityLedger(), commissions: state.commissions,
      initialCash: config.cash,
      firstClose: state.symbols.map { $0.history.firstClose },
      lastClose: state.symbols.map { $0.history.candles.last?.close ?? .nan })
  }
}
