import BrokerSupport
import Execution
import Foundation
import IBGatewaySimulator
import Testing

@testable import InteractiveBrokers

/// The adapter against the in-process simulated TWS, one protocol case each.
@Suite(.serialized) struct IBProtocolTests {
  @Test func handshakeLoadsAccountCurrencyAndContracts() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    let broker = try fx.broker()
    defer { broker.stop() }
    #expect(broker.account == "DU1234567")
    #expect(broker.accountCurrency == "USD")
    #expect(broker.instrument(symbol: "QQQ") == InstrumentInfo(symbol: "QQQ", brokerSymbol: "320227571", quoteCurrency: "USD", quantityStep: 1, minQuantity: 1))
    #expect(broker.instrument(symbol: "VUSA")?.quoteCurrency == "GBP")
    #expect(AnyBroker(broker, name: "ib").accountCurrency == "USD")
    #expect(broker.lotRules(symbol: "QQQ") == LotRules(step: 1, minQuantity: 1))
  }

  @Test func aSecondConnectionWithTheSameClientIdIsRefused() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    let first = try fx.broker()
    defer { first.stop() }
    #expect {
      _ = try IBBroker(options: fx.options(), symbols: ["QQQ"])
    } throws: { error in
      "\(error)".contains("326")
    }
  }

  @Test func anUnknownAccountOrContractIsAConfigurationError() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    var o = fx.options()
    o.account = "DU999"
    #expect(throws: IBError.self) { _ = try IBBroker(options: o, symbols: ["QQQ"]) }
    #expect { _ = try IBBroker(options: fx.options(clientId: 18), symbols: ["NOPE"]) } throws: { "\($0)".contains("knows no contract") || "\($0)".contains("200") }
  }

  @Test func aMarketOrderFillsWithTieredCommission() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    fx.simulator.scriptPrices(symbol: "QQQ", [401.25])
    let broker = try fx.broker()
    defer { broker.stop() }
    let b = broker
    let fill = try b.submit(order("e-1", quantity: 200))
    #expect(fill.quantity == 200 && fill.price == 401.25)
    #expect(abs(fill.commission - tieredCommission(shares: 200, price: 401.25)) < 1e-9)
    // Resubmitting the same client id returns the fill and places nothing.
    #expect(try b.submit(order("e-1", quantity: 200)) == fill)
    #expect(fx.orders.count == 1)
    #expect(fx.orders.first?["clientId"] as? String == "e-1")
  }

  @Test func partialFillsAddUpToOneFill() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    fx.simulator.setPartialFills(4)
    fx.simulator.setFillDelay(milliseconds: 50)
    let broker = try fx.broker()
    defer { broker.stop() }
    let b = broker
    let fill = try b.submit(order("p-1", .buy, quantity: 10))
    #expect(fill.quantity == 10)
    #expect(abs(fill.commission - tieredCommission(shares: 10, price: 400)) < 1e-9)
  }

  @Test func aRestingLimitIsCancelledAtTheFillTimeout() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    let broker = try fx.broker(fillTimeout: 300)
    defer { broker.stop() }
    let b = broker
    #expect { _ = try b.submit(order("l-1", .buy, quantity: 5, kind: .limit, price: 390)) } throws: {
      "\($0)".contains("nothing executed")
    }
    #expect(fx.orders.first?["status"] as? String == "Cancelled")
    // A limit the market crosses fills at its price.
    // Once the second limit rests at TWS, the market crosses it.
    let simulator = fx.simulator
    DispatchQueue.global().async {
      _ = EngineWait.until(seconds: 10) { simulator.orderCount == 2 }
      usleep(100_000)
      simulator.setPrice(symbol: "QQQ", price: 389)
    }
    let slow = try fx.broker(clientId: 18, fillTimeout: 3_000)
    let fill = try slow.submit(order("l-2", .buy, quantity: 5, kind: .limit, price: 390))
    #expect(fill.price == 390 && fill.quantity == 5)
  }

  @Test func aRejectedOrderIsAnErrorWithTWSsCode() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    fx.simulator.rejectNextOrder()
    let broker = try fx.broker()
    defer { broker.stop() }
    let b = broker
    #expect { _ = try b.submit(order("r-1")) } throws: { "\($0)".contains("201") }
    // A quantity off the contract's grid never reaches TWS.
    #expect { _ = try b.submit(order("r-2", quantity: 0.4)) } throws: { "\($0)".contains("below the lot minimum") }
    #expect(fx.simulator.placeMessages == 1)
  }

  @Test func aDisconnectMidOrderReconnectsAndFindsTheFill() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    fx.simulator.disconnectAfterNextOrder()
    let broker = try fx.broker()
    defer { broker.stop() }
    let b = broker
    let fill = try b.submit(order("d-1", quantity: 3))
    #expect(fill.quantity == 3)
    #expect(fx.orders.count == 1, "the order was placed again: \(fx.orders)")
  }

  @Test func requestsArePacedUnderTheMessageRate() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    // An unpaced client bursting 20 messages gets error 100.
    fx.simulator.setMessagesPerSecond(8)
    let raw = IBClient(host: "127.0.0.1", port: fx.port, clientId: 30, timeout: 3, messagesPerSecond: 10_000)
    try raw.connect()
    for _ in 0..<20 { try raw.send(IBOutbound.reqCurrentTime()) }
    #expect(raw.wait(seconds: 3) { $0.errors(for: -1).contains { $0.code == IBErrorCode.rateExceeded } })
    // 8 of the burst fit in the second, 12 are refused.
    #expect(EngineWait.until(seconds: 3) { fx.simulator.rateRejections == 12 })
    raw.disconnect()
    let before = fx.simulator.rateRejections
    // The broker, paced at 6 a second, places orders without a rejection.
    var o = fx.options(messagesPerSecond: 6)
    o.clientId = 31
    let b = try IBBroker(options: o, symbols: ["QQQ"])
    for i in 0..<3 { _ = try b.submit(order("rate-\(i)", quantity: 1)) }
    #expect(fx.simulator.rateRejections == before)
    #expect(fx.orders.count == 3)
  }

  @Test func aRestartFindsAnOrderSentBeforeTheCrashByItsOrderRef() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    let journal = scratchFile("ib-orders.jsonl")
    // The previous process journalled the order with id 7 and sent it, then died.
    let before = try OrderJournal(path: journal)
    try before.recordIntent(order("k-1", quantity: 4), sentAt: 0)
    try before.recordPlaced(clientId: "k-1", brokerId: "7")
    let raw = IBClient(host: "127.0.0.1", port: fx.port, clientId: 17, timeout: 3, messagesPerSecond: 40)
    try raw.connect()
    try raw.send(
      IBOutbound.placeOrder(
        .init(orderId: 7, contract: IBContract(symbol: "QQQ"), action: "BUY", quantity: 4, orderType: "MKT", limitPrice: nil,
              account: "DU1234567", orderRef: "k-1")))
    #expect(EngineWait.until(seconds: 3) { fx.orders.count == 1 })
    raw.disconnect()
    #expect(EngineWait.until(seconds: 3) { (try? fx.broker()).map { $0.stop(); return true } ?? false })
    let broker = try fx.broker(journal: journal)
    defer { broker.stop() }
    guard case let .filled(fill) = try broker.lookup(order("k-1", quantity: 4)) else {
      Issue.record("not found")
      return
    }
    #expect(fill.quantity == 4)
    let b = broker
    #expect(try b.submit(order("k-1", quantity: 4)) == fill)
    // A new order never reuses an id the journal or TWS knows.
    _ = try b.submit(order("k-2", quantity: 1))
    let ids = fx.orders.compactMap { ($0["orderId"] as? NSNumber)?.int64Value }
    #expect(ids.count == 2 && ids[1] > 7)
    // Without the journal the orderRef alone finds it too.
    broker.stop()
    let bare = try fx.broker()
    defer { bare.stop() }
    #expect(try bare.lookup(order("k-1", quantity: 4)) == .filled(fill))
    #expect(try bare.lookup(order("never-sent")) == .unknown)
  }

  @Test func accountQueriesAnswer() throws {
    let fx = try IBFixture()
    defer { fx.simulator.stop() }
    let broker = try fx.broker()
    defer { broker.stop() }
    let b = broker
    _ = try b.submit(order("a-1", quantity: 5))
    let balances = try broker.balances()
    #expect(balances.first?.asset == "USD")
    #expect(balances.contains { $0.asset == "QQQ" && $0.free == 5 })
    #expect(try broker.order(clientId: "a-1", symbol: "QQQ")?.status == .filled)
    #expect(try broker.openOrders(symbol: nil).isEmpty)
  }
}

enum EngineWait {
  static func until(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(20_000)
    }
    return condition()
  }
}
