import MarketData

/// Memoised ATR columns, per symbol and period.
final class ATRCache {
  @exclusivity(unchecked) var columns: [[Int: [Double]]]

  init(count: Int) { columns = Array(repeating: [:], count: count) }

  init(columns: [[Int: [Double]]]) { self.columns = columns }
}

/// The bar loop shared by the vectorized and the event form: one account, any number of
/// symbols merged by time, the same order handling for both forms.
///
/// Per symbol and bar, in this order: (1) orders from the previous close fill at the open
/// (`next_open`); (2) stops, targets and partials are checked on the bar's range;
/// (3) `max_bars` exits at the close; (4) break-even and trailing stops update at the close,
/// effective next bar; (5) signals and the bar handler issue orders, which fill at this close
/// (`close`) or wait for the next open. After all symbols of a time, equity is marked.
final class Engine {
  // Stored state opts out of dynamic exclusivity checks: the engine is used from one thread
  // and never holds overlapping accesses; the checks cost more than the bar logic itself.
  let config: SimulationConfig
  let feeds: [SymbolFeed]
  let onBar: BarHandler?
  /// Reviews each entry before the cash check (the strategy's `risk`); nil: none.
  let review: EntryReview?
  /// Set on a one-symbol engine run speculatively for a portfolio (`Portfolio`): entries
  /// skip the cash check and every effect on the shared account is logged for the replay.
  let log: AccountLog?
  let partials: [PartialExit]
  /// Hot-path copies of configuration scalars (reading `config` per bar retains its arrays).
  let maxBars: Int
  let movesStops: Bool
  let fillAtClose: Bool
  let intrabar: IntrabarPolicy
  let wholeUnits: Bool
  /// Tags of open and closed trades; trades refer to them by index.
  @exclusivity(unchecked) var tags: [String] = []
  @exclusivity(unchecked) var tagIndex: [String: Int] = [:]

  @exclusivity(unchecked) var cash: Double
  @exclusivity(unchecked) var open: [OpenTrade] = []
  @exclusivity(unchecked) var lastPrice: [Double]
  @exclusivity(unchecked) var pending: [[PendingOrder]]
  /// Orders waiting in `pending`, over all symbols.
  @exclusivity(unchecked) var pendingCount = 0
  @exclusivity(unchecked) var trades: [Trade] = []
  @exclusivity(unchecked) var rejections: [Rejection] = []
  @exclusivity(unchecked) var skipped: [SkipReason: Int] = [:]
  @exclusivity(unchecked) var ledger = AmbiguityLedger()
  @exclusivity(unchecked) var commissions = 0.0
  @exclusivity(unchecked) var fills: [LevelFill] = []
  @exclusivity(unchecked) var alternativeFills: [LevelFill] = []
  @exclusivity(unchecked) var orders: [PendingOrder] = []
  /// The orders being filled at an open (swapped with a symbol's pending buffer).
  @exclusivity(unchecked) var queued: [PendingOrder] = []
  let context = StrategyContext()

  /// ATR columns per symbol, by period, computed on first use.
  let atrCache: ATRCache

  init(
    feeds: [SymbolFeed], config: SimulationConfig, onBar: BarHandler?, review: EntryReview? = nil,
    atrCache: ATRCache? = nil, log: AccountLog? = nil
  ) {
    self.config = config
    self.feeds = feeds
    self.onBar = onBar
    self.review = review
    self.log = log
    self.partials = config.exits.partials.sorted { $0.r < $1.r }
    self.maxBars = config.exits.maxBars ?? 0
    self.movesStops = config.exits.breakEvenR != nil || config.exits.trailATR != nil || config.exits.trailPercent != nil
    self.fillAtClose = config.fill == .close
    self.intrabar = config.intrabar
    self.wholeUnits = config.sizing.wholeUnits
    self.cash = config.cash
    self.lastPrice = feeds.map { $0.close.first ?? .nan }
    self.pending = Array(repeating: [], count: feeds.count)
    self.atrCache = atrCache ?? ATRCache(count: feeds.count)
  }

  func atr(_ symbol: Int, period: Int) -> [Double] {
    if let cached = atrCache.columns[symbol][period] { return cached }
    let feed = feeds[symbol]
    let values = Volatility.atr(high: feed.high, low: feed.low, close: feed.close, period: period)
    atrCache.columns[symbol][period] = values
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
    for j in open.indices {
      value += open[j].direction * open[j].quantity * (lastPrice[open[j].symbol] - open[j].entryPrice)
    }
    return value
  }

  /// Equity minus the value of open positions (the margin in use, leverage 1), at least 0.
  var available: Double {
    var margin = 0.0
    for j in open.indices { margin += open[j].quantity * lastPrice[open[j].symbol] }
    return max(0, equity - margin)
  }

  func run() throws -> BacktestResult {
    var (times, equityCurve, exposed) = feeds.count == 1 ? try runSingle(feeds[0]) : try runMerged()
    let result = finish(times: times, equityCurve: &equityCurve, exposed: exposed)
    times = []
    return result
  }

  /// One symbol: the bar loop writes the curves in place; quiet bars (nothing pending, no
  /// signal, no level to check, no handler) only mark prices and excursions.
  func runSingle(_ feed: SymbolFeed) throws -> ([Int64], [Double], [Bool]) {
    let n = feed.count
    let quietPossible = onBar == nil && maxBars == 0 && !movesStops
    let handler = onBar
    let context = self.context
    var exposed: [Bool] = []
    // Both curves are written bar by bar without a zero fill; a throwing handler leaves them
    // initialised up to the bar that threw.
    let equityCurve = try [Double](unsafeUninitializedCapacity: n) { curve, curveCount in
      exposed = try [Bool](unsafeUninitializedCapacity: n) { held, heldCount in
        for i in 0..<n {
          if quietPossible && !feed.active[i] && pendingCount == 0 && !hasLevels() {
            for j in open.indices { open[j].include(high: feed.high[i], low: feed.low[i]) }
            lastPrice[0] = feed.close[i]
          } else {
            try step(feed, symbol: 0, bar: i, handler: handler, context: context)
          }
          curve[i] = open.isEmpty ? cash : equity
          held[i] = !open.isEmpty
          curveCount = i + 1
          heldCount = i + 1
        }
      }
    }
    return (feed.time, equityCurve, exposed)
  }

  /// Several symbols merged by time; equity is marked after all symbols of a time.
  func runMerged() throws -> ([Int64], [Double], [Bool]) {
    let counts = feeds.map { $0.count }
    var cursor = Array(repeating: 0, count: feeds.count)
    var times: [Int64] = []
    var equityCurve: [Double] = []
    var exposed: [Bool] = []
    let capacity = counts.max() ?? 0
    let handler = onBar
    let context = self.context
    times.reserveCapacity(capacity)
    equityCurve.reserveCapacity(capacity)
    exposed.reserveCapacity(capacity)
    while true {
      var now = Int64.max
      for s in 0..<feeds.count where cursor[s] < counts[s] {
        now = min(now, feeds[s].time[cursor[s]])
      }
      if now == Int64.max { break }
      for s in 0..<feeds.count where cursor[s] < counts[s] && feeds[s].time[cursor[s]] == now {
        try step(feeds[s], symbol: s, bar: cursor[s], handler: handler, context: context)
        cursor[s] += 1
      }
      times.append(now)
      equityCurve.append(open.isEmpty ? cash : equity)
      exposed.append(!open.isEmpty)
    }
    return (times, equityCurve, exposed)
  }

  /// End-of-data handling and the result.
  func finish(times: [Int64], equityCurve: inout [Double], exposed: [Bool]) -> BacktestResult {
    if let log { log.barEvents = log.events.count }
    for s in 0..<feeds.count {
      for order in pending[s] { if case .enter = order { skipped[.noNextBar, default: 0] += 1 } }
    }
    var openTrades: [Trade] = []
    if config.closeAtEnd {
      while let trade = open.first {
        let bars = feeds[trade.symbol]
        let last = bars.count - 1
        let price = bars.close[last] - trade.direction * slippage(trade.symbol, price: bars.close[last], bar: last)
        book(0, quantity: trade.quantity, price: price, bar: last, reason: .end)
      }
      if !equityCurve.isEmpty { equityCurve[equityCurve.count - 1] = cash }
    } else {
      for trade in open {
        let bars = feeds[trade.symbol]
        let last = bars.count - 1
        openTrades.append(record(trade, quantity: trade.quantity, price: bars.close[last], bar: last,
          reason: .open, entryShare: trade.entryCommission, exitCommission: 0))
      }
    }
    return BacktestResult(
      symbols: feeds.map { $0.symbol }, trades: trades, openTrades: openTrades,
      time: times, equity: equityCurve, exposed: exposed, rejections: rejections,
      skipped: skipped, ambiguity: ledger, commissions: commissions, initialCash: config.cash,
      firstClose: feeds.map { $0.close.first ?? .nan },
      lastClose: feeds.map { $0.close.last ?? .nan })
  }

  /// One bar of one symbol.
  func step(_ bars: SymbolFeed, symbol s: Int, bar i: Int, handler: BarHandler?, context: StrategyContext) throws {
    if !pending[s].isEmpty {
      lastPrice[s] = bars.open[i]
      // Swap buffers instead of copying: no allocation per fill.
      swap(&queued, &pending[s])
      pendingCount -= queued.count
      try execute(queued, symbol: s, signalBar: i - 1, fillBar: i, price: bars.open[i], atOpen: true)
      queued.removeAll(keepingCapacity: true)
    }
    if !open.isEmpty { checkLevels(bars, symbol: s, bar: i) }
    lastPrice[s] = bars.close[i]
    if maxBars > 0 && !open.isEmpty { exitAged(bars, symbol: s, bar: i) }
    if movesStops && !open.isEmpty { updateStops(bars, symbol: s, bar: i) }

    if !orders.isEmpty { orders.removeAll(keepingCapacity: true) }
    if bars.active[i] { collectSignals(bars, symbol: s, bar: i) }
    if let handler {
      if context.symbolIndex != s || context.symbol.isEmpty { context.symbol = bars.symbol }
      context.symbolIndex = s
      context.bar = i
      context.time = bars.time[i]
      context.position = position(of: s)
      context.equity = equity
      context.cash = cash
      try handler(context)
      if !context.orders.isEmpty {
        orders.append(contentsOf: context.orders)
        context.orders.removeAll(keepingCapacity: true)
      }
    }
    if orders.isEmpty { return }
    if fillAtClose {
      try execute(orders, symbol: s, signalBar: i, fillBar: i, price: bars.close[i], atOpen: false)
    } else if i == bars.count - 1 {
      for order in orders { if case .enter = order { skipped[.noNextBar, default: 0] += 1 } }
    } else {
      pending[s].append(contentsOf: orders)
      pendingCount += orders.count
    }
  }

  /// Whether any open trade has a stop, target or pending partial to check.
  func hasLevels() -> Bool {
    for j in open.indices where open[j].hasLevels(partialCount: partials.count) { return true }
    return false
  }

  /// The index of `tag`, added on first use.
  func intern(_ tag: String) -> Int {
    if let index = tagIndex[tag] { return index }
    tags.append(tag)
    tagIndex[tag] = tags.count - 1
    return tags.count - 1
  }

  /// Signed open quantity of a symbol.
  func position(of symbol: Int) -> Double {
    var q = 0.0
    for j in open.indices where open[j].symbol == symbol { q += open[j].direction * open[j].quantity }
    return q
  }

  /// Orders from the vectorized signal sets at bar `i`: exits first, then entries.
  func collectSignals(_ feed: SymbolFeed, symbol s: Int, bar i: Int) {
    for k in feed.signals.indices {
      // Element access by index: iterating would copy each set and retain its columns.
      let tag = feed.signals[k].tag
      if feed.signals[k].longExit.count > i && feed.signals[k].longExit[i] {
        orders.append(.close(side: .long, tag: tag, reason: .signal))
      }
      if feed.signals[k].shortExit.count > i && feed.signals[k].shortExit[i] {
        orders.append(.close(side: .short, tag: tag, reason: .signal))
      }
      let long = feed.signals[k].longEntry.count > i && feed.signals[k].longEntry[i]
      let short = feed.signals[k].shortEntry.count > i && feed.signals[k].shortEntry[i]
      if long && short {
        skipped[.conflictingSignals, default: 0] += 1
      } else if long || short {
        let stops = feed.signals[k].stop, targets = feed.signals[k].target
        let stop = stops.count > i && !stops[i].isNaN ? stops[i] : nil
        let target = targets.count > i && !targets[i].isNaN ? targets[i] : nil
        let intent = OrderIntent(stop: stop, target: target, tag: tag)
        orders.append(.enter(side: long ? .long : .short, intent: intent, dedupe: true))
      }
    }
  }
}
