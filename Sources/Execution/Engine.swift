import MarketData
import Simulator

/// The dry-run engine: ticks → candles → strategy on each closed candle → risk layer →
/// broker, with position management on every tick under the simulator's rules.
///
/// Per tick of a symbol, in this order:
/// 1. If the tick opens a new period, the previous candle closes: surviving trades take its
///    range into their excursions; `max_bars` exits at its close; break-even and trailing
///    stops move (effective from the next tick); the strategy decides; the risk layer reviews
///    each intent; approved intents fill at this close (`fill = close`) or wait for the next
///    tick (`next_open`); equity is marked.
/// 2. Pending intents fill at this tick's price when it opens a candle.
/// 3. Stops, targets and partials are checked. The first tick of a candle may gap past a level
///    and fills at its own price (slippage on the stop level for stops); later ticks are
///    taken as a continuous path, so a level crossed fills at the level (stops with slippage,
///    targets and partials as limits). Feeding a bar's open, extremes and close as four ticks,
///    in the order the simulator's intrabar policy visits them, reproduces `Backtest.run`.
///
/// The clock is injected: by default it is the time of the latest tick, so replays are
/// deterministic. Every tick that changes anything commits its changes and the state in one
/// transaction through the journal; `resume` restarts from the last commit. Before an order
/// goes to the broker, the state before its event is committed with the order as pending,
/// and `recover` settles such orders with the broker after a crash.
public final class Engine<B: Broker> {
  public let config: SimulationConfig
  public var broker: B
  let strategy: any Strategy
  let risk: RiskLayer
  let clock: (() -> Int64)?
  var journal: (any EngineJournal)?
  let partials: [PartialExit]
  let runId: String

  public internal(set) var state: EngineState
  /// Closed trades (and closed parts), in the order they closed.
  public internal(set) var trades: [Trade] = []
  /// Every decision, in order.
  public internal(set) var decisions: [Decision] = []
  /// Equity at each candle close, and whether a trade was open then (before end-of-run closes).
  public internal(set) var equity: [EquityPoint] = []
  public internal(set) var rejections: [EntryRejection] = []
  /// Changes of the tick being processed, committed at its end.
  var pendingEntries: [JournalEntry] = []
  /// Whether `pendingEntries` holds more than equity marks (those alone wait for the next
  /// commit: a restart regenerates them from the checkpoint).
  var pendingChange = false
  /// The event being processed and the state before it, while a journal is attached.
  var inFlight: EventInFlight?
  /// During `recover`: the broker's answers for the orders the previous process left in
  /// flight, by client id, consumed as the re-run sends them.
  var recovered: [String: OrderLookup] = [:]

  /// - Parameters:
  ///   - symbols: the instruments, one candle stream each.
  ///   - timeframe: the candle period.
  ///   - window: candles the strategy sees (at least 2; volatility sizing needs period + 1).
  ///   - runId: prefix of client order ids (unique per run and state directory).
  ///   - clock: the engine clock (nanoseconds, UTC); nil uses the latest tick's time.
  public init(
    symbols: [String], timeframe: Timeframe, config: SimulationConfig, strategy: any Strategy, broker: B,
    limits: RiskLimits = RiskLimits(), review: RiskReview? = nil, window: Int = 500, runId: String = "run",
    clock: (() -> Int64)? = nil, journal: (any EngineJournal)? = nil
  ) throws(ExecutionError) {
    guard !symbols.isEmpty else {
      throw .invalidArgument("symbols", expected: "at least one symbol", got: "none")
    }
    guard Set(symbols).count == symbols.count else {
      throw .invalidArgument("symbols", expected: "distinct names", got: symbols.joined(separator: ", "))
    }
    do { try config.validate() } catch { throw .config(error) }
    var periods: [Int] = []
    if let rule = config.exits.stopATR { periods.append(rule.period) }
    if let rule = config.exits.trailATR { periods.append(rule.period) }
    if case let .atr(_, period) = config.costs.slippage { periods.append(period) }
    var limit = max(window, 2)
    if case let .volatility(_, period) = config.sizing.mode { limit = max(limit, period + 1) }
    var states: [SymbolState] = []
    for symbol in symbols {
      states.append(
        SymbolState(
          symbol: symbol, aggregator: try CandleAggregator(timeframe: timeframe),
          history: CandleHistory(limit: limit, atrPeriods: periods)))
    }
    self.config = config
    self.broker = broker
    self.strategy = strategy
    self.risk = RiskLayer(limits: limits, review: review)
    self.clock = clock
    self.journal = journal
    self.partials = config.exits.partials.sorted { $0.r < $1.r }
    self.runId = runId
    self.state = EngineState(symbols: states, cash: config.cash)
  }

  /// Continues from a checkpoint (and the trades, decisions and equity already committed).
  public func resume(
    from saved: EngineState, trades: [Trade], decisions: [Decision], equity: [EquityPoint],
    rejections: [EntryRejection]
  ) throws(ExecutionError) {
    guard saved.symbols.map(\.symbol) == state.symbols.map(\.symbol) else {
      throw .state(
        "the saved run trades \(saved.symbols.map(\.symbol)), this one \(state.symbols.map(\.symbol))")
    }
    state = saved
    self.trades = trades
    self.decisions = decisions
    self.equity = equity
    self.rejections = rejections
  }

  /// Index of `symbol`, nil for an instrument the engine does not know.
  public func index(of symbol: String) -> Int? { state.symbols.firstIndex { $0.symbol == symbol } }

  /// The engine clock.
  var now: Int64 {
    if let clock { return clock() }
    var latest = Int64.min
    for s in state.symbols.indices { latest = max(latest, state.symbols[s].lastTickTime) }
    return latest
  }

  /// Signed open quantity of a symbol.
  public func position(of symbol: Int) -> Double {
    let name = state.symbols[symbol].symbol
    var q = 0.0
    for p in state.positions where p.symbol == name { q += p.direction * p.quantity }
    return q
  }

  /// Open positions.
  public var positions: [Position] { state.positions }
  public var cash: Double { state.cash }

  /// Cash plus every open trade valued at its symbol's last price.
  public var currentEquity: Double {
    var value = state.cash
    for p in state.positions {
      value += p.direction * p.quantity * (lastPrice(p.symbol) - p.entryPrice)
    }
    return value
  }

  /// Equity minus the value of open positions (margin in use, leverage 1), at least 0.
  var available: Double {
    var margin = 0.0
    for p in state.positions { margin += p.quantity * lastPrice(p.symbol) }
    return max(0, currentEquity - margin)
  }

  /// Value of open positions at their last prices.
  var exposure: Double {
    var value = 0.0
    for p in state.positions { value += p.quantity * lastPrice(p.symbol) }
    return value
  }

  func lastPrice(_ symbol: String) -> Double {
    for s in state.symbols where s.symbol == symbol { return s.lastPrice }
    return .nan
  }

  /// Processes one tick of symbol index `s` and commits what it changed.
  public func process(_ tick: Tick, symbol s: Int) throws(ExecutionError) {
    guard !state.finished else { throw .state("the run is finished; start a new one") }
    guard state.symbols.indices.contains(s) else {
      throw .invalidArgument("symbol", expected: "an index below \(state.symbols.count)", got: "\(s)")
    }
    let journaled = begin(.tick(symbol: s, tick))
    defer { if journaled { inFlight = nil } }
    let (closed, opened) = try state.symbols[s].aggregator.add(tick)
    // The tick that closes a candle is the freshest data the decision can rely on.
    state.symbols[s].lastTickTime = tick.time
    if let closed { closeCandle(closed, symbol: s) }
    state.symbols[s].lastPrice = tick.price
    if opened && !state.symbols[s].pending.isEmpty { fillPending(symbol: s, price: tick.price) }
    if !state.positions.isEmpty { checkLevels(symbol: s, price: tick.price, first: opened) }
    state.events += 1
    if pendingChange || pendingEntries.count >= 4096 { try commit() }
  }

  /// Closes symbol `s`'s open candle now (a bar file's bar ended): the candle-close work of
  /// step 1 runs; the next tick opens a new candle. Counts as one feed event.
  public func closeCandle(of s: Int) throws(ExecutionError) {
    guard !state.finished else { throw .state("the run is finished; start a new one") }
    guard state.symbols.indices.contains(s) else {
      throw .invalidArgument("symbol", expected: "an index below \(state.symbols.count)", got: "\(s)")
    }
    let journaled = begin(.close(symbol: s))
    defer { if journaled { inFlight = nil } }
    if let candle = state.symbols[s].aggregator.flush() { closeCandle(candle, symbol: s) }
    state.events += 1
    if pendingChange || pendingEntries.count >= 4096 { try commit() }
  }

  /// Closes open candles whose period ended by `time` (a clock tick without trades).
  public func advance(to time: Int64) throws(ExecutionError) {
    let journaled = begin(.advance(time: time))
    defer { if journaled { inFlight = nil } }
    for s in state.symbols.indices {
      if let candle = state.symbols[s].aggregator.advance(to: time) { closeCandle(candle, symbol: s) }
    }
    try commit()
  }

  /// Ends a replay: closes the last candles (the strategy sees them), drops intents that would
  /// need a later tick, closes open trades at the last close when `closeAtEnd`, and commits.
  public func finish() throws(ExecutionError) {
    guard !state.finished else { return }
    let journaled = begin(.finish)
    defer { if journaled { inFlight = nil } }
    for s in state.symbols.indices {
      if let candle = state.symbols[s].aggregator.flush() { closeCandle(candle, symbol: s) }
    }
    for s in state.symbols.indices {
      for p in state.symbols[s].pending where p.intent.action != .close {
        state.skipped["no_next_bar", default: 0] += 1
      }
      state.symbols[s].pending.removeAll()
    }
    if config.closeAtEnd {
      // One attempt per trade: a refused or partly filled exit leaves it open.
      var j = 0
      while j < state.positions.count {
        let p = state.positions[j]
        guard let s = index(of: p.symbol) else {
          j += 1
          continue
        }
        let history = state.symbols[s].history
        let bar = history.count - 1
        let time = history.candles.last?.time ?? 0
        if !exit(
          j, quantity: p.quantity, kind: .market, price: state.symbols[s].lastPrice,
          basis: state.symbols[s].lastPrice, symbol: s, bar: bar, barTime: time, reason: .end
        ).closed {
          j += 1
        }
      }
      if !equity.isEmpty {
        equity[equity.count - 1].value = state.cash
        pendingEntries.append(.equity(index: equity.count - 1, equity[equity.count - 1]))
      }
    }
    state.finished = true
    pendingChange = true
    try commit()
  }

  /// Commits the changes of the current tick with the state.
  func commit() throws(ExecutionError) {
    guard !pendingEntries.isEmpty || pendingChange else { return }
    if var journal {
      try journal.commit(pendingEntries, state: state)
      self.journal = journal
    }
    pendingEntries.removeAll(keepingCapacity: true)
    pendingChange = false
  }

  /// Records a change for the commit at the end of the tick.
  func record(_ entry: JournalEntry) {
    pendingEntries.append(entry)
    pendingChange = true
  }

  /// Entries skipped by reason (duplicate tag, pyramiding, no next candle).
  public var skipped: [String: Int] { state.skipped }

  func nextClientId() -> String {
    state.orderSequence += 1
    return "\(runId)-\(state.orderSequence)"
  }
}
