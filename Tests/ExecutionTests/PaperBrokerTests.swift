import Execution
import Simulator
import Testing

/// The paper broker's fill model and idempotent submission.
@Suite struct PaperBrokerTests {
  func order(
    _ id: String, _ side: OrderSide, _ kind: OrderKind, price: Double, basis: Double, quantity: Double = 10,
    atr: Double = .nan
  ) -> Order {
    Order(
      clientId: id, symbol: "X", side: side, kind: kind, quantity: quantity, price: price,
      slippageBasis: basis, atr: atr, time: 0, purpose: "test")
  }

  @Test func marketAndStopOrdersSlipLimitsDoNot() throws {
    var broker = PaperBroker(
      costs: Costs(commission: Commission(percent: 0.001, minimum: 1), slippage: .bps(10)))
    #expect(try broker.submit(order("a", .buy, .market, price: 100, basis: 100)).price == 100.1)
    #expect(try broker.submit(order("b", .sell, .market, price: 100, basis: 100)).price == 99.9)
    // A gapped stop fills at the tick, slipped by the stop level's bps.
    #expect(try broker.submit(order("c", .sell, .stop, price: 90, basis: 95)).price == 90 - 0.095)
    let limit = try broker.submit(order("d", .sell, .limit, price: 110, basis: 110))
    #expect(limit.price == 110)
    #expect(limit.commission == max(0.001 * 10 * 110, 1))
    #expect(broker.expectedPrice(side: .buy, reference: 100, atr: .nan) == 100.1)
  }

  @Test func atrAndTickSlippage() throws {
    var atr = PaperBroker(costs: Costs(slippage: .atr(fraction: 0.5, period: 14)))
    #expect(try atr.submit(order("a", .buy, .market, price: 100, basis: 100, atr: 2)).price == 101)
    #expect(try atr.submit(order("b", .buy, .market, price: 100, basis: 100, atr: .nan)).price == 100)
    var ticks = PaperBroker(costs: Costs(slippage: .ticks(count: 3, size: 0.25)))
    #expect(try ticks.submit(order("c", .sell, .market, price: 100, basis: 100)).price == 99.25)
  }

  @Test func resubmittingAClientIdReturnsTheFirstFill() throws {
    var broker = PaperBroker(costs: Costs())
    let first = try broker.submit(order("x-1", .buy, .market, price: 100, basis: 100))
    let again = try broker.submit(order("x-1", .buy, .market, price: 120, basis: 120, quantity: 99))
    #expect(again == first)
    #expect(broker.fills.count == 1)
    // Fills given at start (a restart) are known too.
    var restarted = PaperBroker(costs: Costs(), fills: [first])
    #expect(try restarted.submit(order("x-1", .buy, .market, price: 5, basis: 5)) == first)
  }

  @Test func refusesBadOrdersWithTheReason() {
    var broker = PaperBroker(costs: Costs())
    #expect(throws: BrokerError(clientId: "q", message: "quantity must be a positive number, got 0.0")) {
      try broker.submit(order("q", .buy, .market, price: 100, basis: 100, quantity: 0))
    }
    #expect(throws: BrokerError.self) {
      try broker.submit(order("p", .buy, .market, price: .nan, basis: 100))
    }
  }
}
