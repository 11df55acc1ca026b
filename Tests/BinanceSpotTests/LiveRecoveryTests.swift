import ExchangeSimulator
import Execution
import Foundation
import MarketData
import Simulator
import Testing

@testable import BinanceSpot

/// Set when the simulated process "dies": from then on nothing reaches the state.
final class DeathFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var value = false
  var dead: Bool {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
}

/// The Binance broker, with the process dying right after the exchange accepted `victim`.
struct DyingBroker: Broker {
  let base: BinanceBroker
  let victim: String?
  let flag: DeathFlag

  func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double {
    base.expectedPrice(side: side, reference: reference, atr: atr)
  }
  func commission(quantity: Double, price: Double) -> Double {
    base.commission(quantity: quantity, price: price)
  }
  func submit(_ order: Order) throws(BrokerError) -> Fill {
    let fill = try base.submit(order)
    if order.clientId == victim { flag.dead = true }
    return fill
  }
  func lookup(_ order: Order) throws(BrokerError) -> OrderLookup { try base.lookup(order) }
  func lotRules(symbol: String) -> LotRules? { base.lotRules(symbol: symbol) }
}

/// The state store until the process dies.
final class DyingStore: EngineJournal {
  let store: StateStore
  let flag: DeathFlag
  init(_ store: StateStore, _ flag: DeathFlag) {
    self.store = store
    self.flag = flag
  }
  func commit(_ entries: [JournalEntry], state: EngineState) throws(ExecutionError) {
    if flag.dead { throw .state("killed") }
    try store.commit(entries, state: state)
  }
  func stage(_ pending: PendingOrder, entries: [JournalEntry], checkpoint: EngineState?)
    throws(ExecutionError)
  {
    if flag.dead { throw .state("killed") }
    try store.stage(pending, entries: entries, checkpoint: checkpoint)
  }
}

/// Orders in flight across a crash against the exchange simulator: the restarted engine asks
/// the exchange by client id, books the fill once, and trades as an uninterrupted run.
@Suite(.serialized) struct LiveRecoveryTests {
  static let config = SimulationConfig(
    sizing: Sizing(mode: .units(10)), costs: Costs(commission: Commission(percent: 0.001)), cash: 100_000)

  static func simulator(_ bars: Bars) throws -> ExchangeSimulator {
    let simulator = ExchangeSimulator(
      apiKey: testKey, secret: testSecret,
      symbols: [
        SimulatedSymbol(
          symbol: "ABCUSDT", baseAsset: "ABC", quoteAsset: "USDT", tickSize: 0.01, stepSize: 0.001,
          minQuantity: 0.001, minNotional: 5, price: bars.open[0])
      ],
      balances: ["USDT": 1_000_000])
    try simulator.start()
    return simulator
  }

  static func broker(_ simulator: ExchangeSimulator, fills: [Fill] = []) throws -> BinanceBroker {
    try BinanceBroker(
      rest: try makeREST(simulator), credentials: try BinanceCredentials(apiKey: testKey, secret: testSecret),
      symbols: ["ABCUSDT"],
      options: BinanceBrokerOptions(
        fillTimeout: 2_000, pollInterval: 20, commission: Commission(percent: 0.001)),
      fills: fills)
  }

  /// Feeds the events from `start` (the simulator's price follows the ticks) and finishes;
  /// returns false when the process died on the way.
  static func drive<B: Broker>(
    _ engine: Engine<B>, _ events: [FeedEvent], from start: Int = 0, _ simulator: ExchangeSimulator
  ) throws(ExecutionError) -> Bool {
    do {
      for event in events.dropFirst(start) {
        if let tick = event.tick { simulator.setPrice(symbol: "ABCUSDT", price: tick.price) }
        try engine.handle(event)
      }
      try engine.finish()
    } catch {
      guard case let .state(message) = error, message.contains("killed") else { throw error }
      return false
    }
    return true
  }

  @Test func aFillTheExchangeMadeBeforeTheCrashIsBookedOnce() throws {
    let bars = EngineParityTests.bars(count: 250)
    let events = try ReplayFeed(bars: [bars], policy: Self.config.intrabar).events
    let timeframe = Timeframe(count: 1, unit: .day)
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("crescent-recovery-\(UUID())")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }

    let cleanExchange = try Self.simulator(bars)
    defer { cleanExchange.stop() }
    let clean = try Engine(
      symbols: ["ABCUSDT"], timeframe: timeframe, config: Self.config, strategy: EngineParityTests.strategy(),
      broker: try Self.broker(cleanExchange), runId: "live",
      journal: try StateStore(directory: root + "/clean"))
    #expect(try Self.drive(clean, events, cleanExchange))
    #expect(clean.trades.count >= 4)
    let ids = try StateStore(directory: root + "/clean").orders().map(\.clientId)

    // The first entry, the first exit and the last order, each killed after the exchange filled it.
    for victim in [ids[0], ids[1], ids[ids.count - 1]] {
      let exchange = try Self.simulator(bars)
      defer { exchange.stop() }
      let dir = root + "/" + victim
      let flag = DeathFlag()
      let first = try Engine(
        symbols: ["ABCUSDT"], timeframe: timeframe, config: Self.config,
        strategy: EngineParityTests.strategy(),
        broker: DyingBroker(base: try Self.broker(exchange), victim: victim, flag: flag), runId: "live",
        journal: DyingStore(try StateStore(directory: dir), flag))
      #expect(try !Self.drive(first, events, exchange))
      #expect(exchange.orderCount(clientId: victim) == 1)
      #expect(try !StateStore(directory: dir).fills().map(\.clientId).contains(victim))
      let inFlight = try StateStore(directory: dir).pendingOrders()
      #expect(inFlight.map(\.order.clientId) == [victim])
      let crashedAt = try #require(inFlight.first).eventIndex

      // A new process: the broker knows only the committed fills; the exchange has the rest.
      let second = try DryRun.open(
        directory: dir, symbols: ["ABCUSDT"], timeframe: timeframe, config: Self.config,
        strategy: EngineParityTests.strategy(), runId: "live"
      ) { fills throws(ExecutionError) in
        do { return try Self.broker(exchange, fills: fills) } catch { throw .state("\(error)") }
      }
      #expect(try StateStore(directory: dir).fills().filter { $0.clientId == victim }.count == 1)
      #expect(try StateStore(directory: dir).pendingOrders().isEmpty)
      // The feed goes on after the event that sent the order; it never delivers it again.
      if case .finish = try #require(inFlight.first).event {
        // The last order went out as the run closed its trade at the end of the feed.
        #expect(second.state.finished)
      } else {
        #expect(second.state.events == crashedAt + 1)
      }
      #expect(try Self.drive(second, events, from: crashedAt + 1, exchange))
      #expect(second.trades.count == clean.trades.count)
      for (a, b) in zip(second.trades, clean.trades) {
        #expect(a.entryBar == b.entryBar && a.exitBar == b.exitBar && a.exitReason == b.exitReason)
        #expect(a.quantity == b.quantity && a.entryPrice == b.entryPrice && a.exitPrice == b.exitPrice)
        #expect(abs(a.pnl - b.pnl) <= 1e-6)
      }
      let placed = exchange.orders
      #expect(Set(placed.map(\.clientId)).count == placed.count, "an order placed twice")
      #expect(placed.map(\.clientId) == ids)
      let fills = try StateStore(directory: dir).fills()
      #expect(fills.map(\.clientId) == ids)
    }
  }

  @Test func lookupSettlesWhatTheExchangeKnows() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let first = try makeBroker(simulator)
    let fill = try first.submit(marketOrder("lk-1", quantity: 0.02))
    // Another process asks by client id: the same fill, nothing placed.
    let second = try makeBroker(simulator, fillTimeout: 200)
    guard case let .filled(found) = try second.lookup(marketOrder("lk-1", quantity: 0.02)) else {
      Issue.record("lk-1 not found")
      return
    }
    #expect(found.quantity == fill.quantity && found.price == fill.price)
    #expect(abs(found.commission - fill.commission) < 1e-9)
    #expect(try second.lookup(marketOrder("lk-2")) == .unknown)
    #expect(simulator.orderCount(clientId: "lk-1") == 1)
    #expect(simulator.orderCount(clientId: "lk-2") == 0)
    // A resting limit that never trades is cancelled at the fill timeout: nothing executed.
    _ = try first.rest.place(
      clientId: "lk-3", symbol: "BTCUSDT", side: .sell, quantity: "0.01", limit: "60000")
    let resting = Order(
      clientId: "lk-3", symbol: "BTCUSDT", side: .sell, kind: .limit, quantity: 0.01, price: 60_000,
      slippageBasis: 60_000, atr: .nan, time: 1, purpose: "target")
    #expect(try second.lookup(resting) == .unfilled(.canceled))
  }

  @Test func lotRulesComeFromTheSymbolFilters() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let broker = try makeBroker(simulator)
    let eth = try #require(broker.lotRules(symbol: "ETHUSDT"))
    let rules = try #require(broker.rules["ETHUSDT"])
    #expect(eth.step == max(rules.stepSize, rules.marketStepSize))
    #expect(eth.step == 0.0001)
    #expect(eth.minQuantity == 0.0001)
    #expect(eth.minNotional == rules.minNotional)
    #expect(broker.lotRules(symbol: "NOPE") == nil)
    #expect(AnyBroker(broker, name: "binance").lotRules(symbol: "ETHUSDT") == eth)
  }
}
