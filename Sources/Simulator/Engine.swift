import MarketData

/// The bar loop shared by the vectorized and the event form: one account, any number of
/// symbols merged by time, the same order handling for both forms.
///
/// Per symbol and bar, in this order: (1) orders from the previous close fill at the open
/// (`next_open`); (2) stops, targets and partials are checked on the bar's range;
/// (3) `max_bars` exits at the close; (4) break-even and trailing stops update at the close,
/// effective next bar; (5) signals and the bar handler issue orders, which fill at this close
/// (`close`) or wait for the next open. After all symbols of a time, equity is marked.
final class Engine {
  let config: SimulationConfig
  let inputs: [BacktestInput]
  let onBar: BarHandler?
  let partials: [PartialExit]

  var cash: Double
  var open: [OpenTrade] = []
  var lastPrice: [Double]
  var pending: [[PendingOrder]]
  var trades: [Trade] = []
  var rejections: [Rejection] = []
  var skipped: [SkipReason: Int] = [:]
  var ledger = AmbiguityLedger()
  var commissions = 0.0
  var fills: [LevelFill] = []
  var alternativeFills: [LevelFill] = []
  var orders: [PendingOrder] = []
  let context = StrategyContext()

  /// ATR columns per symbol, by period, computed on first use.
  var atrCache: [[Int: [Double]]]

  init(inputs: [BacktestInput], config: SimulationConfig, onBar: BarHandler?) {
    self.config = config
    self.inputs = inputs
    self.onBar = onBar
    self.partials = config.exits.partials.sorted { $0.r < $1.r }
    self.cash = config.cash
    self.lastPrice = inputs.map { $0.bars.close.first ?? .nan }
    self.pending = Array(repeating: [], count: inputs.count)
    self.atrCache = Array(repeating: [:], count: inputs.count)
  }

  func atr(_ symbol: Int, period: Int) -> [Double] {
    if let cached = atrCache[symbol][period] { return cached }
    let bars = inputs[symbol].bars
    let values = Volatility.atr(high: bars.high, low: bars.low, close: bars.close, period: period)
    atrCache[symbol][period] = values
    return values
  }

  /// The ATR value of `bar`, NaN when undefined or out of range.
  func atr(_ symbol: Int, period: Int, at bar: Int) -> Double {
    guard bar >= 0 else { return .nan }
    let values = atr(symbol, period: period)
    return bar < values.count ? values[bar] : .nan
  }

  /// Cash plus every open trade valued at its symbol's last price.
  var equity: Double {
    var value = cash
    for trade in open {
      value += trade.direction * trade.quantity * (lastPrice[trade.symbol] - trade.entryPrice)
    }
    return value
  }

  /// Equity minus the value of open positions (the margin in use, leverage 1), at least 0.
  var available: Double {
    var margin = 0.0
    for trade in open { margin += trade.quantity * lastPrice[trade.symbol] }
    return max(0, equity - margin)
  }

  func run() throws -> BacktestResult {
    let counts = inputs.map { $0.bars.count }
    var cursor = Array(repeating: 0, count: inputs.count)
    var times: [Int64] = []
    var equityCurve: [Double] = []
    var exposed: [Bool] = []
    let total = counts.reduce(0, +)
    times.reserveCapacity(inputs.count == 1 ? total : total / max(1, inputs.count))
    equityCurve.reserveCapacity(times.capacity)
    exposed.reserveCapacity(times.capacity)
    while true {
      var now = Int64.max
      for s in 0..<inputs.count where cursor[s] < counts[s] {
        now = min(now, inputs[s].bars.time[cursor[s]])
      }
      if now == Int64.max { break }
      for s in 0..<inputs.count where cursor[s] < counts[s] && inputs[s].bars.time[cursor[s]] == now {
        try step(symbol: s, bar: cursor[s])
        cursor[s] += 1
      }
      times.append(now)
      equityCurve.append(equity)
      exposed.append(!open.isEmpty)
    }
    for s in 0..<inputs.count {
      for order in pending[s] { if case .enter = order { skipped[.noNextBar, default: 0] += 1 } }
    }
    var openTrades: [Trade] = []
    if config.closeAtEnd {
      while let trade = open.first {
        let bars = inputs[trade.symbol].bars
        let last = bars.count - 1
        let price = bars.close[last] - trade.direction * slippage(trade.symbol, price: bars.close[last], bar: last)
        book(0, quantity: trade.quantity, price: price, bar: last, reason: .end)
      }
      if !equityCurve.isEmpty { equityCurve[equityCurve.count - 1] = cash }
    } else {
      for trade in open {
        let bars = inputs[trade.symbol].bars
        let last = bars.count - 1
        openTrades.append(record(trade, quantity: trade.quantity, price: bars.close[last], bar: last,
          reason: .open, entryShare: trade.entryCommission, exitCommission: 0))
      }
    }
    return BacktestResult(
      symbols: inputs.map { $0.bars.symbol }, trades: trades, openTrades: openTrades,
      time: times, equity: equityCurve, exposed: exposed, rejections: rejections,
      skipped: skipped, ambiguity: ledger, commissions: commissions, initialCash: config.cash,
      firstClose: inputs.map { $0.bars.close.first ?? .nan },
      lastClose: inputs.map { $0.bars.close.last ?? .nan })
  }

  /// One bar of one symbol.
  func step(symbol s: Int, bar i: Int) throws {
    let bars = inputs[s].bars
    let isLast = i == bars.count - 1
    if !pending[s].isEmpty {
      lastPrice[s] = bars.open[i]
      let queued = pending[s]
      pending[s].removeAll(keepingCapacity: true)
      execute(queued, symbol: s, signalBar: i - 1, fillBar: i, price: bars.open[i], atOpen: true)
    }
    checkLevels(symbol: s, bar: i)
    lastPrice[s] = bars.close[i]
    if let maxBars = config.exits.maxBars { exitAged(symbol: s, bar: i, maxBars: maxBars) }
    updateStops(symbol: s, bar: i)

    orders.removeAll(keepingCapacity: true)
    collectSignals(symbol: s, bar: i)
    if let onBar {
      context.orders = orders
      context.symbolIndex = s
      context.symbol = bars.symbol
      context.bar = i
      context.time = bars.time[i]
      context.position = position(of: s)
      context.equity = equity
      context.cash = cash
      try onBar(context)
      orders = context.orders
      context.orders = []
    }
    if orders.isEmpty { return }
    switch config.fill {
    case .close:
      execute(orders, symbol: s, signalBar: i, fillBar: i, price: bars.close[i], atOpen: false)
    case .nextOpen:
      if isLast {
        for order in orders { if case .enter = order { skipped[.noNextBar, default: 0] += 1 } }
      } else {
        pending[s].append(contentsOf: orders)
      }
    }
  }

  /// Signed open quantity of a symbol.
  func position(of symbol: Int) -> Double {
    var q = 0.0
    for trade in open where trade.symbol == symbol { q += trade.direction * trade.quantity }
    return q
  }

  /// Orders from the vectorized signal sets at bar `i`: exits first, then entries.
  func collectSignals(symbol s: Int, bar i: Int) {
    for set in inputs[s].signals {
      if !set.longExit.isEmpty && set.longExit[i] {
        orders.append(.close(side: .long, tag: set.tag, reason: .signal))
      }
      if !set.shortExit.isEmpty && set.shortExit[i] {
        orders.append(.close(side: .short, tag: set.tag, reason: .signal))
      }
      let long = !set.longEntry.isEmpty && set.longEntry[i]
      let short = !set.shortEntry.isEmpty && set.shortEntry[i]
      if long && short {
        skipped[.conflictingSignals, default: 0] += 1
      } else if long || short {
        let stop = set.stop.isEmpty || set.stop[i].isNaN ? nil : set.stop[i]
        let target = set.target.isEmpty || set.target[i].isNaN ? nil : set.target[i]
        let intent = OrderIntent(stop: stop, target: target, tag: set.tag)
        orders.append(.enter(side: long ? .long : .short, intent: intent, dedupe: true))
      }
    }
  }
}
