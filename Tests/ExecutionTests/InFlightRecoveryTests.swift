import Execution
import Foundation
import MarketData
import Simulator
import Testing

/// An account that outlives engine processes: it fills orders with the paper model and
/// remembers each client id, as an exchange does. `dieAfter` makes the process "die" right
/// after the exchange accepted that order; `dieBefore` makes it die just before sending it.
final class TestExchange: @unchecked Sendable {
  let costs: Costs
  var fills: [String: Fill] = [:]
  var placements: [String: Int] = [:]
  var dieAfter: String?
  var dieBefore: String?
  var dead = false

  init(costs: Costs) { self.costs = costs }
}

/// The engine's side of `TestExchange`.
struct TestExchangeBroker: Broker {
  let exchange: TestExchange

  func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double {
    PaperBroker(costs: exchange.costs).expectedPrice(side: side, reference: reference, atr: atr)
  }

  func commission(quantity: Double, price: Double) -> Double {
    PaperBroker(costs: exchange.costs).commission(quantity: quantity, price: price)
  }

  mutating func submit(_ order: Order) throws(BrokerError) -> Fill {
    if let done = exchange.fills[order.clientId] { return done }
    if exchange.dieBefore == order.clientId {
      exchange.dead = true
      throw BrokerError(clientId: order.clientId, message: "the process died before sending")
    }
    var paper = PaperBroker(costs: exchange.costs)
    let fill = try paper.submit(order)
    exchange.fills[order.clientId] = fill
    exchange.placements[order.clientId, default: 0] += 1
    if exchange.dieAfter == order.clientId { exchange.dead = true }
    return fill
  }

  func lookup(_ order: Order) throws(BrokerError) -> OrderLookup {
    exchange.fills[order.clientId].map { .filled($0) } ?? .unknown
  }
}

/// The state store, until the exchange says the process died: from then on nothing more is
/// committed (the process is gone before its end-of-event commit).
final class DyingJournal: EngineJournal {
  let store: StateStore
  let exchange: TestExchange

  init(_ store: StateStore, _ exchange: TestExchange) {
    self.store = store
    self.exchange = exchange
  }

  func commit(_ entries: [JournalEntry], state: EngineState) throws(ExecutionError) {
    if exchange.dead { throw .state("killed") }
    try store.commit(entries, state: state)
  }

  func stage(_ pending: PendingOrder, entries: [JournalEntry], checkpoint: EngineState?)
    throws(ExecutionError)
  {
    if exchange.dead { throw .state("killed") }
    try store.stage(pending, entries: entries, checkpoint: checkpoint)
  }
}

/// An order placed at the exchange whose outcome the process did not commit before dying,
/// with a feed that does not deliver the event again (as a live exchange stream): the
/// restart books it once, from the exchange's answer, and ends like an uninterrupted run.
@Suite(.serialized) struct InFlightRecoveryTests {
  static let config = CrashSafetyTests.config

  struct Outcome: Equatable {
    var orders: [Order]
    var fills: [Fill]
    var trades: [Trade]
  }

  static func outcome(_ dir: String) throws -> Outcome {
    let store = try StateStore(directory: dir)
    return Outcome(orders: try store.orders(), fills: try store.fills(), trades: try store.trades())
  }

  static func strategy(_ closes: [Double]) -> ClosureStrategy {
    ClosureStrategy { input in
      let window = input.candles.suffix(200).map(\.close)
      let n = window.count
      guard n > 20 else { return [] }
      func mean(_ end: Int, _ k: Int) -> Double { window[(end - k)..<end].reduce(0, +) / Double(k) }
      if mean(n - 1, 5) <= mean(n - 1, 20) && mean(n, 5) > mean(n, 20) && input.position <= 0 {
        return [.buy()]
      }
      if mean(n - 1, 5) >= mean(n - 1, 20) && mean(n, 5) < mean(n, 20) && input.position > 0 {
        return [.close()]
      }
      return []
    }
  }

  /// Feeds `events` from `start` until the end (then finishes) or until the journal
  /// refuses a commit because the process "died"; returns whether it died.
  static func drive(_ engine: Engine<TestExchangeBroker>, _ events: [FeedEvent], from start: Int)
    throws(ExecutionError) -> Bool
  {
    var i = start
    do {
      while i < events.count {
        try engine.handle(events[i])
        i += 1
      }
      try engine.finish()
    } catch {
      guard case let .state(message) = error, message.contains("killed") else { throw error }
      return true
    }
    return false
  }

  static func open(_ dir: String, _ exchange: TestExchange, _ bars: Bars, dying: Bool) throws -> Engine<
    TestExchangeBroker
  > {
    let store = try StateStore(directory: dir)
    let saved = try store.load()
    let engine = try Engine(
      symbols: [bars.symbol], timeframe: Timeframe(count: 1, unit: .day), config: config,
      strategy: strategy(bars.close), broker: TestExchangeBroker(exchange: exchange), runId: "live",
      journal: dying ? DyingJournal(store, exchange) : store)
    if let saved { try engine.restore(saved) }
    return engine
  }

  @Test func anOrderFilledBeforeTheCrashIsBookedOnceAfterTheRestart() throws {
    let bars = try Support.goog()
    let events = try ReplayFeed(bars: [bars], policy: Self.config.intrabar).events
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("crescent-inflight-\(UUID())")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }

    let reference = TestExchange(costs: Self.config.costs)
    let clean = try Self.open(root + "/reference", reference, bars, dying: false)
    #expect(try !Self.drive(clean, events, from: 0))
    let expected = try Self.outcome(root + "/reference")
    #expect(expected.trades.count > 20)
    #expect(Set(expected.trades.map(\.exitReason)).isSuperset(of: [.partial, .signal]))

    // Entries, partials, stops and signal exits, each killed right after the exchange filled it.
    let ids = expected.orders.map(\.clientId)
    let victims = stride(from: 0, to: ids.count, by: max(1, ids.count / 12)).map { ids[$0] }
    for victim in victims {
      let dir = root + "/" + victim
      let exchange = TestExchange(costs: Self.config.costs)
      exchange.dieAfter = victim
      let first = try Self.open(dir, exchange, bars, dying: true)
      #expect(try Self.drive(first, events, from: 0), "the run did not reach \(victim)")
      // The exchange holds the order; the state has it only as in flight.
      let store = try StateStore(directory: dir)
      let inFlight = try store.pendingOrders()
      #expect(inFlight.map(\.order.clientId).contains(victim))
      // Where the feed was: it goes on after this event whatever the state holds.
      let crashedAt = try #require(inFlight.first).eventIndex
      #expect(try !store.fills().map(\.clientId).contains(victim))
      #expect(exchange.placements[victim] == 1)

      exchange.dead = false
      exchange.dieAfter = nil
      let second = try Self.open(dir, exchange, bars, dying: false)
      // A live feed continues after the event that sent the order; it never delivers it again.
      #expect(second.state.events == crashedAt + 1)
      #expect(try !Self.drive(second, events, from: crashedAt + 1))
      let got = try Self.outcome(dir)
      #expect(got == expected, "killed after \(victim)")
      #expect(Set(got.orders.map(\.clientId)).count == got.orders.count, "duplicate client order id")
      #expect(got.fills.filter { $0.clientId == victim }.count == 1)
      #expect(exchange.placements.values.allSatisfy { $0 == 1 }, "an order placed twice")
      #expect(try store.pendingOrders().isEmpty)
    }
  }

  @Test func anOrderTheExchangeNeverReceivedIsDroppedAndRecorded() throws {
    let bars = try Support.goog()
    let events = try ReplayFeed(bars: [bars], policy: Self.config.intrabar).events
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("crescent-inflight-\(UUID())")
      .path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let reference = TestExchange(costs: Self.config.costs)
    #expect(
      try !Self.drive(try Self.open(root + "/reference", reference, bars, dying: false), events, from: 0))
    let entries = try StateStore(directory: root + "/reference").orders().filter { $0.purpose == "entry" }
    let victim = try #require(entries.dropFirst().first).clientId

    let dir = root + "/dropped"
    let exchange = TestExchange(costs: Self.config.costs)
    // The process dies after recording the entry as in flight, before sending it.
    exchange.dieBefore = victim
    #expect(try Self.drive(try Self.open(dir, exchange, bars, dying: true), events, from: 0))
    let pending = try StateStore(directory: dir).pendingOrders()
    #expect(pending.map(\.order.clientId) == [victim])
    let record = try #require(pending.first)
    #expect(record.purpose == "entry" && record.trade == victim)
    #expect(record.decision?.clientId == victim)
    // Status shows it as an open order, in flight.
    let open = try RunStatus.read(directory: dir).openOrders
    #expect(open.map(\.clientId) == [victim])
    #expect(open.first?.purpose == "entry (in flight)")

    exchange.dead = false
    exchange.dieBefore = nil
    let second = try Self.open(dir, exchange, bars, dying: false)
    #expect(exchange.placements[victim] == nil)
    let refused = try #require(second.rejections.first { $0.clientId == victim })
    #expect(refused.reason.contains("never received"))
    #expect(try !Self.drive(second, events, from: record.eventIndex + 1))
    let got = try Self.outcome(dir)
    #expect(!got.fills.map(\.clientId).contains(victim))
    #expect(Set(got.orders.map(\.clientId)).count == got.orders.count)
    #expect(exchange.placements.values.allSatisfy { $0 == 1 })
    // The run goes on: later entries trade under fresh client ids.
    #expect(got.trades.count > 10)
    #expect(try StateStore(directory: dir).pendingOrders().isEmpty)
  }

  @Test func aReplayResumesAtTheEventAfterTheRecoveredOne() throws {
    let bars = try Support.goog()
    let events = try ReplayFeed(bars: [bars], policy: Self.config.intrabar).events
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crescent-inflight-\(UUID())")
      .path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let exchange = TestExchange(costs: Self.config.costs)
    exchange.dieAfter = "live-1"
    #expect(try Self.drive(try Self.open(dir, exchange, bars, dying: true), events, from: 0))
    let record = try #require(try StateStore(directory: dir).pendingOrders().first)
    let checkpoint = try #require(try StateStore(directory: dir).load()).state.events
    // The checkpoint is the state just before the event that sent the order.
    #expect(record.eventIndex == checkpoint)
    exchange.dead = false
    let second = try Self.open(dir, exchange, bars, dying: false)
    #expect(second.state.events == checkpoint + 1)
    #expect(try StateStore(directory: dir).load()?.state.events == checkpoint + 1)
    #expect(try StateStore(directory: dir).fills().map(\.clientId).contains("live-1"))
  }
}
