import MarketData

/// Several symbols sharing one account, simulated one symbol per core where the account
/// lets them be independent, with results bit for bit those of the sequential engine.
///
/// What couples symbols is the account alone: sizing that reads equity (`equity`, `risk`,
/// `volatility` modes), the cash check of every entry (an order the account cannot pay for
/// is rejected), the equity and cash an event-form `onBar` reads, and an entry review (the
/// strategy's Lua `risk`, which must also run on the Lua state's thread). Everything else —
/// fills, slippage, stops, targets, partials, break-even and trailing updates, `max_bars`,
/// de-duplication, pyramiding counts, MAE/MFE, the trade records — depends on one symbol's
/// bars and signals only.
///
/// So with `units` or `cash` sizing, no `onBar` and no review, each symbol runs in its own
/// engine on its own thread, speculating that every entry passes the cash check, and logs
/// every effect on the account (`AccountLog`). A sequential replay then walks the symbols
/// merged by time exactly as `Engine.runMerged` does — same order of cash and commission
/// updates, same open-trade order for the equity sums, same cash check — and merges trades,
/// rejections and the ambiguity ledger in the sequential order. Floating-point sums are
/// taken in the same order, so the result is identical. If the replay finds an entry the
/// shared account refuses, the speculation is void from that point (that symbol's later
/// trades would differ) and the caller runs the sequential engine instead.
enum Portfolio {
  /// Whether symbols can be simulated apart: sizing that reads no account value, no
  /// per-bar handler and no entry review.
  static func independent(_ config: SimulationConfig, onBar: BarHandler?, review: EntryReview?) -> Bool {
    guard onBar == nil && review == nil else { return false }
    switch config.sizing.mode {
    case .units, .cash: return true
    case .equity, .risk, .volatility: return false
    }
  }

  /// Runs each symbol speculatively in parallel and replays the account; nil when the shared
  /// account refuses an entry the speculation took (run the sequential engine then).
  static func run(_ feeds: [SymbolFeed], config: SimulationConfig, atr: [[Int: [Double]]]) -> BacktestResult? {
    let runs = Parallel.map(feeds.count) { s -> (BacktestResult, AccountLog)? in
      let log = AccountLog()
      let engine = Engine(
        feeds: [feeds[s]], config: config, onBar: nil, atrCache: ATRCache(columns: [atr[s]]), log: log)
      guard let result = try? engine.runSpeculative() else { return nil }
      return (result, log)
    }
    var results: [BacktestResult] = []
    var logs: [AccountLog] = []
    for run in runs {
      guard let (result, log) = run else { return nil }
      results.append(result)
      logs.append(log)
    }
    var replay = AccountReplay(feeds: feeds, results: results, logs: logs, cash: config.cash)
    return replay.run(closeAtEnd: config.closeAtEnd)
  }
}

extension Engine {
  /// The bar loop of one symbol without curves (a speculative portfolio member): the same
  /// steps and quiet-bar shortcut as `runSingle`.
  func runSpeculative() throws -> BacktestResult {
    let feed = feeds[0]
    let quietPossible = onBar == nil && maxBars == 0 && !movesStops
    for i in 0..<feed.count {
      if quietPossible && !feed.active[i] && pendingCount == 0 && !hasLevels() {
        for j in open.indices { open[j].include(high: feed.high[i], low: feed.low[i]) }
        lastPrice[0] = feed.close[i]
      } else {
        try step(feed, symbol: 0, bar: i, handler: nil, context: context)
      }
    }
    var curve: [Double] = []
    return finish(times: [], equityCurve: &curve, exposed: [])
  }
}

/// The sequential half of a portfolio run: the shared account, updated from the symbols'
/// logs in the order the sequential engine would have updated it.
struct AccountReplay {
  /// An open trade as the account sees it.
  struct Held {
    var symbol: Int
    var direction: Double
    var quantity: Double
    var entryPrice: Double
  }

  let feeds: [SymbolFeed]
  let results: [BacktestResult]
  let logs: [AccountLog]
  var cash: Double
  let initialCash: Double
  var commissions = 0.0
  var ledger = AmbiguityLedger()
  var open: [Held] = []
  var lastPrice: [Double]
  var trades: [Trade] = []
  var rejections: [Rejection] = []
  /// Per symbol: next event, next trade record, next rejection, next ambiguous exit.
  var nextEvent: [Int]
  var nextTrade: [Int]
  var nextRejection: [Int]
  var nextAmbiguity: [Int]

  init(feeds: [SymbolFeed], results: [BacktestResult], logs: [AccountLog], cash: Double) {
    self.feeds = feeds
    self.results = results
    self.logs = logs
    self.cash = cash
    self.initialCash = cash
    lastPrice = feeds.map { $0.close.first ?? .nan }
    nextEvent = Array(repeating: 0, count: feeds.count)
    nextTrade = nextEvent
    nextRejection = nextEvent
    nextAmbiguity = nextEvent
  }

  /// `Engine.equity`, summed in the same order.
  var equity: Double {
    var value = cash
    for j in open.indices {
      value += open[j].direction * open[j].quantity * (lastPrice[open[j].symbol] - open[j].entryPrice)
    }
    return value
  }

  /// `Engine.available`, summed in the same order.
  var available: Double {
    var margin = 0.0
    for j in open.indices { margin += open[j].quantity * lastPrice[open[j].symbol] }
    return max(0, equity - margin)
  }

  /// Position in `open` of the symbol's `index`-th open trade.
  func held(symbol s: Int, index: Int) -> Int? {
    var seen = 0
    for j in open.indices where open[j].symbol == s {
      if seen == index { return j }
      seen += 1
    }
    return nil
  }

  /// Applies one event of symbol `s`; false when the account refuses an entry.
  mutating func apply(_ event: AccountEvent, symbol s: Int) -> Bool {
    switch event {
    case let .enter(_, mark, cost, commission, direction, quantity, price):
      lastPrice[s] = mark
      let funds = available
      if cost > funds + funds * 1e-12 { return false }
      cash -= commission
      commissions += commission
      open.append(Held(symbol: s, direction: direction, quantity: quantity, entryPrice: price))
    case let .book(_, index, change, commission, remaining, removed):
      guard let j = held(symbol: s, index: index) else { return false }
      cash += change
      commissions += commission
      trades.append(results[s].trades[nextTrade[s]])
      nextTrade[s] += 1
      if removed { open.remove(at: j) } else { open[j].quantity = remaining }
    case .reject:
      rejections.append(results[s].rejections[nextRejection[s]])
      nextRejection[s] += 1
    case let .ambiguity(_, pessimistic, optimistic, nearest):
      ledger.count += 1
      ledger.pnl[.pessimistic, default: 0] += pessimistic
      ledger.pnl[.optimistic, default: 0] += optimistic
      ledger.pnl[.nearest, default: 0] += nearest
      // The bar's fills are booked after this event, so the next merged row is its first.
      var exit = results[s].ambiguity.exits[nextAmbiguity[s]]
      exit.tradeIndex = trades.count
      ledger.exits.append(exit)
      nextAmbiguity[s] += 1
    }
    return true
  }

  /// The merged bar loop of `Engine.runMerged` and the end of `Engine.finish`, with the
  /// symbols' steps replaced by their logged events; nil when an entry is refused.
  mutating func run(closeAtEnd: Bool) -> BacktestResult? {
    let n = feeds.count
    let counts = feeds.map { $0.count }
    var cursor = Array(repeating: 0, count: n)
    let capacity = counts.max() ?? 0
    var times: [Int64] = []
    var equityCurve: [Double] = []
    var exposed: [Bool] = []
    times.reserveCapacity(capacity)
    equityCurve.reserveCapacity(capacity)
    exposed.reserveCapacity(capacity)
    while true {
      var now = Int64.max
      for s in 0..<n where cursor[s] < counts[s] { now = min(now, feeds[s].time[cursor[s]]) }
      if now == Int64.max { break }
      for s in 0..<n where cursor[s] < counts[s] && feeds[s].time[cursor[s]] == now {
        let i = cursor[s]
        let log = logs[s]
        while nextEvent[s] < log.barEvents && log.events[nextEvent[s]].bar == i {
          if !apply(log.events[nextEvent[s]], symbol: s) { return nil }
          nextEvent[s] += 1
        }
        lastPrice[s] = feeds[s].close[i]
        cursor[s] += 1
      }
      times.append(now)
      equityCurve.append(open.isEmpty ? cash : equity)
      exposed.append(!open.isEmpty)
    }
    // Every bar event was replayed at its bar (a log out of step voids the replay).
    for s in 0..<n where nextEvent[s] != logs[s].barEvents { return nil }
    var openTrades: [Trade] = []
    var nextOpen = Array(repeating: 0, count: n)
    if closeAtEnd {
      // The sequential engine closes the oldest open trade first, over all symbols; each
      // symbol's own end closes come in the same relative order.
      while let first = open.first {
        let s = first.symbol
        guard nextEvent[s] < logs[s].events.count, apply(logs[s].events[nextEvent[s]], symbol: s) else { return nil }
        nextEvent[s] += 1
      }
      if !equityCurve.isEmpty { equityCurve[equityCurve.count - 1] = cash }
    } else {
      for held in open {
        openTrades.append(results[held.symbol].openTrades[nextOpen[held.symbol]])
        nextOpen[held.symbol] += 1
      }
    }
    var skipped: [SkipReason: Int] = [:]
    for result in results { skipped.merge(result.skipped, uniquingKeysWith: +) }
    return BacktestResult(
      symbols: feeds.map { $0.symbol }, trades: trades, openTrades: openTrades, time: times, equity: equityCurve,
      exposed: exposed, rejections: rejections, skipped: skipped, ambiguity: ledger, commissions: commissions,
      initialCash: initialCash, firstClose: feeds.map { $0.close.first ?? .nan },
      lastClose: feeds.map { $0.close.last ?? .nan })
  }
}
