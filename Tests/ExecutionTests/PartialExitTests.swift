import Execution
import MarketData
import Simulator
import Testing

/// A book too thin for the first `thinOrders` limit orders: each fills only `fraction` of
/// its quantity (on the lot step when there is one); everything else fills like paper.
struct ThinBookBroker: Broker {
  var paper: PaperBroker
  var fraction: Double
  var thinOrders: Int
  var lots: LotRules?
  var sent: [Order] = []

  func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double {
    paper.expectedPrice(side: side, reference: reference, atr: atr)
  }

  func commission(quantity: Double, price: Double) -> Double {
    paper.commission(quantity: quantity, price: price)
  }

  mutating func submit(_ order: Order) throws(BrokerError) -> Fill {
    sent.append(order)
    var fill = try paper.submit(order)
    if order.kind == .limit && thinOrders > 0 {
      thinOrders -= 1
      let part = order.quantity * fraction
      fill.quantity = lots?.floor(part) ?? part
      fill.commission = commission(quantity: fill.quantity, price: fill.price)
    }
    return fill
  }

  func lookup(_ order: Order) throws(BrokerError) -> OrderLookup { try paper.lookup(order) }

  func lotRules(symbol: String) -> LotRules? { lots }
}

/// Exits book what the broker executed; entries and partials keep to the lot grid.
@Suite struct PartialExitTests {
  static let minute: Int64 = 60_000_000_000

  /// Buys once, at the close of the first candle.
  static var buyOnce: ClosureStrategy {
    ClosureStrategy { input in input.bar == 0 && input.position == 0 ? [.buy()] : [] }
  }

  /// One candle at 100 (the entry fills at its close), then `prices` as ticks of the next.
  static func run(
    _ broker: ThinBookBroker, exits: ExitRules, sizing: Sizing = Sizing(mode: .units(10)), prices: [Double]
  ) throws -> Engine<ThinBookBroker> {
    let config = SimulationConfig(exits: exits, sizing: sizing, fill: .close, cash: 10_000)
    let engine = try Engine(
      symbols: ["X"], timeframe: Timeframe(count: 1, unit: .minute), config: config, strategy: buyOnce,
      broker: broker)
    try engine.process(Tick(time: 0, price: 100), symbol: 0)
    for (k, price) in prices.enumerated() {
      try engine.process(Tick(time: minute + Int64(k) * 1_000_000_000, price: price), symbol: 0)
    }
    return engine
  }

  @Test func aPartlyFilledTargetBooksTheFilledQuantityAndClosesTheRestLater() throws {
    let broker = ThinBookBroker(paper: PaperBroker(costs: Costs()), fraction: 0.4, thinOrders: 1)
    let engine = try Self.run(broker, exits: ExitRules(targetPercent: 0.05), prices: [100, 106, 106.5])
    #expect(engine.trades.map(\.quantity) == [4, 6])
    #expect(engine.trades.map(\.exitReason) == [.target, .target])
    #expect(engine.trades.map(\.exitPrice) == [105, 105])
    #expect(engine.positions.isEmpty)
    #expect(engine.cash == 10_000 + 10 * 5)
    // Both exits were limits at the target; the second asked only for what was left.
    let exits = engine.broker.sent.filter { $0.purpose == "target" }
    #expect(exits.map(\.quantity) == [10, 6])
    #expect(exits.allSatisfy { $0.kind == .limit && $0.price == 105 })
  }

  @Test func aPartlyFilledPartialKeepsItsTurnForTheRest() throws {
    let broker = ThinBookBroker(paper: PaperBroker(costs: Costs()), fraction: 0.4, thinOrders: 1)
    // R = 5: the partial of half the position at 105, the stop at 95.
    let engine = try Self.run(
      broker, exits: ExitRules(stopPercent: 0.05, partials: [PartialExit(r: 1, fraction: 0.5)]),
      prices: [100, 106, 106.5, 100, 94])
    #expect(engine.trades.map(\.quantity) == [2, 3, 5])
    #expect(engine.trades.map(\.exitReason) == [.partial, .partial, .stop])
    #expect(engine.positions.isEmpty)
    #expect(engine.cash == 10_000 + 5 * 5 - 5 * 5)
  }

  @Test func aPartlyFilledExitLeavesTheRestOpenUntilTheNextCrossing() throws {
    let broker = ThinBookBroker(paper: PaperBroker(costs: Costs()), fraction: 0.3, thinOrders: 1)
    let engine = try Self.run(broker, exits: ExitRules(targetPercent: 0.05), prices: [100, 106, 104])
    #expect(engine.trades.map(\.quantity) == [3])
    let open = try #require(engine.positions.first)
    #expect(open.quantity == 7)
    #expect(open.target == 105)
    #expect(engine.position(of: 0) == 7)
  }

  @Test func lotRulesRoundDownOnTheGrid() {
    let lots = LotRules(step: 0.001, minQuantity: 0.002, minNotional: 10)
    #expect(lots.floor(0.123456) == 0.123)
    #expect(lots.floor(0.0019) == 0.001)
    #expect(LotRules(step: 0.1).floor(0.3) == 0.3)
    #expect(LotRules(step: 0.01).floor(333.3333333) == 333.33)
    #expect(LotRules(step: 0).floor(1.23456) == 1.23456)
    #expect(LotRules(step: 1).floor(7.999999) == 7)
    #expect(lots.problem(quantity: 0.001, price: 50_000)?.contains("below the lot minimum") == true)
    #expect(lots.problem(quantity: 0.002, price: 1_000)?.contains("notional") == true)
    #expect(lots.problem(quantity: 0.002, price: 50_000) == nil)
  }

  @Test func entriesRoundToTheBrokersLotStep() throws {
    let lots = LotRules(step: 0.01, minQuantity: 0.01, minNotional: 5)
    let broker = ThinBookBroker(paper: PaperBroker(costs: Costs()), fraction: 1, thinOrders: 0, lots: lots)
    let engine = try Self.run(
      broker, exits: ExitRules(), sizing: Sizing(mode: .cash(1_000 / 3)), prices: [100])
    // 333.33 / 100 = 3.3333 units, sent as 3.33.
    #expect(engine.broker.sent.first?.quantity == 3.33)
    #expect(engine.positions.first?.quantity == 3.33)

    // Worth less than the minimum notional once rounded: refused before the broker sees it.
    let small = ThinBookBroker(paper: PaperBroker(costs: Costs()), fraction: 1, thinOrders: 0, lots: lots)
    let refused = try Self.run(small, exits: ExitRules(), sizing: Sizing(mode: .cash(4.999)), prices: [100])
    #expect(refused.broker.sent.isEmpty)
    #expect(refused.positions.isEmpty)
    #expect(refused.rejections.first?.reason.contains("below the minimum 5") == true)

    // The paper broker has no grid: the size is kept as computed.
    let paper = ThinBookBroker(paper: PaperBroker(costs: Costs()), fraction: 1, thinOrders: 0)
    let exact = try Self.run(paper, exits: ExitRules(), sizing: Sizing(mode: .cash(1_000 / 3)), prices: [100])
    #expect(exact.positions.first?.quantity == (1_000.0 / 3) / 100)
  }

  @Test func partialsNeverLeaveAnUntradableRest() throws {
    let exits = ExitRules(stopPercent: 0.05, partials: [PartialExit(r: 1, fraction: 0.6)])
    let lots = LotRules(step: 1, minQuantity: 3)
    func trades(units: Double) throws -> [Double] {
      let broker = ThinBookBroker(paper: PaperBroker(costs: Costs()), fraction: 1, thinOrders: 0, lots: lots)
      let engine = try Self.run(
        broker, exits: exits, sizing: Sizing(mode: .units(units)), prices: [100, 106])
      return engine.trades.map(\.quantity)
    }
    // 0.6 × 7 = 4.2 → 4, leaving 3: tradable.
    #expect(try trades(units: 7) == [4])
    // 0.6 × 5 = 3, leaving 2 (below the minimum 3): the whole position goes.
    #expect(try trades(units: 5) == [5])
    // 0.6 × 4 = 2.4 → 2, below the minimum: the partial is skipped.
    #expect(try trades(units: 4) == [])
  }
}
