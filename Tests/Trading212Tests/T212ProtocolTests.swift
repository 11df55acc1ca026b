import BrokerSupport
import Execution
import Foundation
import Testing
import Trading212Simulator

@testable import Trading212

/// The adapter against the in-process simulated Trading212, one protocol case each.
@Suite(.serialized) struct T212ProtocolTests {
  @Test func authenticationWithTheKeyPairAndAccountMetadata() throws {
    let fx = try T212Fixture()
    defer { fx.simulator.stop() }
    #expect { _ = try T212Fixture.Bad(fx).broker() } throws: { "\($0)".contains("401") }
    #expect(fx.simulator.unauthorized >= 1)
    let broker = try fx.broker()
    #expect(broker.accountCurrency == "GBP")
    let vusa = try #require(broker.instrument(symbol: "VUSA"))
    #expect(vusa.quoteCurrency == "GBX" && vusa.settlementCurrency == "GBP" && vusa.unitsPerSettlement == 100)
    #expect(vusa.brokerSymbol == "VUSAl_EQ" && vusa.settlementValue(7512.5) == 75.125)
    #expect(broker.instrument(symbol: "QQQ")?.settlementCurrency == "USD")
    #expect(AnyBroker(broker, name: "trading212").instrument(symbol: "QQQ")?.brokerSymbol == "QQQ_US_EQ")
    #expect(AnyBroker(PaperBroker(costs: .init()), name: "paper").accountCurrency == nil)
  }

  @Test func marketOrdersBuyAndSellFractionalQuantities() throws {
    let fx = try T212Fixture()
    defer { fx.simulator.stop() }
    fx.simulator.scriptPrices(ticker: "QQQ_US_EQ", [401.5, 402.25])
    let b = try fx.broker()
    let buy = try b.submit(order("m-1", quantity: 0.75))
    #expect(buy.quantity == 0.75 && buy.price == 401.5 && buy.commission == 0)
    let sell = try b.submit(order("m-2", .sell, quantity: 0.75))
    #expect(sell.price == 402.25)
    #expect(fx.orders.map { $0["side"] as? String } == ["BUY", "SELL"])
    #expect(try b.submit(order("m-1", quantity: 0.75)) == buy)
    #expect(fx.orders.count == 2)
    let pence = try b.submit(order("m-3", quantity: 2, price: 7500, symbol: "VUSA"))
    #expect(pence.price == 7500)
  }

  @Test func partialFillsAddUpToOneFill() throws {
    let fx = try T212Fixture()
    defer { fx.simulator.stop() }
    fx.simulator.setPartialFills(3)
    fx.simulator.setFillDelay(milliseconds: 60)
    let b = try fx.broker()
    let fill = try b.submit(order("p-1", quantity: 3))
    #expect(abs(fill.quantity - 3) < 1e-9 && fill.price == 400)
  }

  @Test func aRestingLimitIsCancelledAndACrossedOneFills() throws {
    let fx = try T212Fixture()
    defer { fx.simulator.stop() }
    let b = try fx.broker(fillTimeout: 200)
    #expect { _ = try b.submit(order("l-1", quantity: 1, kind: .limit, price: 390)) } throws: { "\($0)".contains("nothing executed") }
    #expect(fx.orders.first?["status"] as? String == "CANCELLED")
    // Once the second limit rests at Trading212, the market crosses it.
    let simulator = fx.simulator
    DispatchQueue.global().async {
      let deadline = Date().addingTimeInterval(10)
      while simulator.orderCount < 2 && Date() < deadline { usleep(20_000) }
      usleep(100_000)
      simulator.setPrice(ticker: "QQQ_US_EQ", price: 389)
    }
    let slow = try fx.broker(fillTimeout: 3_000)
    let fill = try slow.submit(order("l-2", quantity: 1, kind: .limit, price: 390))
    #expect(fill.price == 390)
  }

  @Test func aRejectedOrderIsAnErrorAndNothingIsJournalledAsPlaced() throws {
    let fx = try T212Fixture()
    defer { fx.simulator.stop() }
    fx.simulator.rejectNextOrder()
    let journal = scratchFile("trading212-orders.jsonl")
    let b = try fx.broker(journal: journal)
    #expect { _ = try b.submit(order("r-1")) } throws: { "\($0)".contains("400") }
    #expect(try OrderJournal(path: journal).entry(clientId: "r-1")?.brokerId == nil)
    #expect { _ = try b.submit(order("r-2", quantity: 5000, symbol: "VUSA")) } throws: { "\($0)".contains("maximum") }
    #expect(fx.orders.isEmpty)
  }

  @Test func aConnectionLostAfterThePlacementFindsTheOrderInsteadOfPlacingAgain() throws {
    let fx = try T212Fixture()
    defer { fx.simulator.stop() }
    fx.simulator.dropAfterNextOrder()
    let b = try fx.broker(journal: scratchFile("trading212-orders.jsonl"))
    let fill = try b.submit(order("d-1", quantity: 2))
    #expect(fill.quantity == 2)
    #expect(fx.orders.count == 1, "placed twice: \(fx.orders)")
  }

  @Test func rateLimitsAreKeptFromTheHeaders() throws {
    // Documented periods divided by 10: GET /orders/{id} allows 1 per 0.1 s.
    let fx = try T212Fixture(rateScale: 10)
    defer { fx.simulator.stop() }
    fx.simulator.setPartialFills(5)
    fx.simulator.setFillDelay(milliseconds: 100)
    let b = try fx.broker()
    _ = try b.submit(order("rl-1", quantity: 5))
    // The broker waited for resets instead of drawing 429s (each answer says none remain).
    #expect(b.rest.waited.values.reduce(0, +) > 0)
    #expect(fx.simulator.rateLimited == 0)
  }

  @Test func a429IsWaitedOutAndRetried() throws {
    let fx = try T212Fixture(rateScale: 10)
    defer { fx.simulator.stop() }
    let a = try fx.rest(), c = try fx.rest()
    _ = try a.accountSummary()
    // A second client on the same account does not know the first one's budget: 429, then a retry.
    _ = try c.accountSummary()
    #expect(fx.simulator.rateLimited == 1)
  }

  @Test func aRestartAdoptsAnOrderSentWithoutAnAnswer() throws {
    let fx = try T212Fixture()
    defer { fx.simulator.stop() }
    let journal = scratchFile("trading212-orders.jsonl")
    // The previous process journalled the intent, sent the POST and died before the answer.
    let earlier = try OrderJournal(path: journal)
    try earlier.recordIntent(order("k-1", quantity: 3), sentAt: Int64(Date().timeIntervalSince1970 * 1000))
    _ = try fx.rest().place(ticker: "QQQ_US_EQ", quantity: 3, limit: nil)
    let broker = try fx.broker(journal: journal)
    guard case let .filled(fill) = try broker.lookup(order("k-1", quantity: 3)) else {
      Issue.record("not found")
      return
    }
    #expect(fill.quantity == 3)
    let b = broker
    #expect(try b.submit(order("k-1", quantity: 3)) == fill)
    #expect(fx.orders.count == 1)
    #expect(try OrderJournal(path: journal).entry(clientId: "k-1")?.brokerId != nil)
    // An intent whose POST never went out is unknown, and its submit places it once.
    try OrderJournal(path: journal).recordIntent(order("k-2", quantity: 7), sentAt: Int64(Date().timeIntervalSince1970 * 1000))
    let again = try fx.broker(journal: journal)
    #expect(try again.lookup(order("k-2", quantity: 7)) == .unknown)
    let c = again
    _ = try c.submit(order("k-2", quantity: 7))
    #expect(fx.orders.count == 2)
  }

  @Test func accountQueriesAnswer() throws {
    let fx = try T212Fixture()
    defer { fx.simulator.stop() }
    let b = try fx.broker()
    _ = try b.submit(order("a-1", quantity: 1.5))
    let balances = try b.balances()
    #expect(balances.first?.asset == "GBP")
    #expect(balances.contains { $0.asset == "QQQ_US_EQ" && $0.free == 1.5 })
    #expect(try b.openOrders(symbol: nil).isEmpty)
    #expect(try b.order(clientId: "a-1", symbol: "QQQ")?.status == .filled)
  }
}

extension T212Fixture {
  /// The fixture's broker with a wrong secret.
  struct Bad {
    let fx: T212Fixture
    init(_ fx: T212Fixture) { self.fx = fx }
    func broker() throws -> Trading212Broker {
      try Trading212Broker(rest: fx.rest(secret: "wrong-secret"), symbols: ["QQQ_US_EQ"])
    }
  }
}
