import ExchangeSimulator
import Execution
import Foundation
import Testing
import WebTransport

@testable import BinanceSpot

@Suite(.serialized) struct BrokerTests {
  @Test func placesAMarketOrderAndFillsIt() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let broker = try makeBroker(simulator)
    let fill = try broker.submit(marketOrder("run-1", quantity: 0.0123456))
    #expect(fill.quantity == 0.01234)
    #expect(fill.price == 50_000)
    #expect(abs(fill.commission - 0.01234 * 50_000 * 0.001) < 1e-9)
    #expect(simulator.orderCount(clientId: "run-1") == 1)
    #expect(abs(simulator.balance("BTC") - 10.01234) < 1e-12)
    // Resubmitting the same client id returns the same fill and places nothing.
    #expect(try broker.submit(marketOrder("run-1", quantity: 0.0123456)) == fill)
    #expect(simulator.orderCount(clientId: "run-1") == 1)
  }

  @Test func aRestartedBrokerFindsTheOrderInsteadOfPlacingAgain() throws {
    let simulator = try makeSimulator()
    defer { simulator.stop() }
    let first = try makeBroker(simulator)
    let fill = try first.submit(marketOrder("run-7"))
    // A new process knows nothing of the first fill: it must ask the exchange.
    let second = try makeBroker(simulator)
    let again = try second.submit(marketOrder("run-7"))
    #expect(simulator.orderCount(clientId: "run-7") == 1)
    #expect(again.quantity == fill.quantity && again.price == fill.price)
    #expect(abs(again.commission - fill.commission) < 1e-9)
  }

  @Test func disconnectMidOrderDoesNotPlaceTwice() throws {
    let simulator = try makeSimulator()
    defer { simulator.stop() }
    let broker = try makeBroker(simulator)
    simulator.inject(.disconnectAfterAccept)
    let fill = try broker.submit(marketOrder("run-3", quantity: 0.02))
    #expect(fill.quantity == 0.02)
    #expect(simulator.orderCount(clientId: "run-3") == 1)
    let posts = simulator.requests.filter { $0.method == "POST" && $0.path == "/api/v3/order" }
    #expect(posts.count == 1)
  }

  @Test func cancelsAWorkingLimitAndListsOpenOrders() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let broker = try makeBroker(simulator)
    let (placed, _) = try broker.rest.place(
      clientId: "lim-1", symbol: "BTCUSDT", side: .buy, quantity: "0.01", limit: "49000")
    #expect(placed.status == .new)
    #expect(try broker.openOrders(symbol: "BTCUSDT").map(\.clientId) == ["lim-1"])
    let balances = try broker.balances()
    #expect(balances.first { $0.asset == "USDT" }?.locked == 490)
    let canceled = try broker.cancel(clientId: "lim-1", symbol: "BTCUSDT")
    #expect(canceled.status == .canceled && canceled.clientId == "lim-1")
    #expect(try broker.openOrders(symbol: nil).isEmpty)
    #expect(try broker.order(clientId: "lim-1", symbol: "BTCUSDT")?.status == .canceled)
    #expect(try broker.order(clientId: "never", symbol: "BTCUSDT") == nil)
    #expect(throws: BrokerError.self) { try broker.cancel(clientId: "lim-1", symbol: "BTCUSDT") }
  }

  @Test func partialFillsArriveOnTheUserDataStream() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    simulator.setPartialFills(3)
    let fills = Collector<Fill>()
    let broker = try makeBroker(simulator, onFill: { fills.add($0) })
    try broker.startUserDataStream()
    defer { broker.stop() }
    #expect(simulator.userSubscriptions == 1)
    let order = Order(
      clientId: "tp-1", symbol: "BTCUSDT", side: .sell, kind: .limit, quantity: 0.03, price: 50_500,
      slippageBasis: 50_500, atr: .nan, time: 1, purpose: "target")
    let result = Collector<Result<Fill, BrokerError>>()
    let thread = Thread {
      result.add(Result { () throws(BrokerError) -> Fill in try broker.submit(order) })
    }
    thread.start()
    // Wait until the limit rests, then trade through it.
    let deadline = Date().addingTimeInterval(5)
    while simulator.orderCount(clientId: "tp-1") == 0 && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.01)
    }
    simulator.pushTrade(symbol: "BTCUSDT", price: 50_600)
    #expect(result.wait(for: 1))
    let fill = try #require(try result.all.first?.get())
    #expect(abs(fill.quantity - 0.03) < 1e-12)
    #expect(fill.price == 50_500)
    #expect(abs(fill.commission - 0.03 * 50_500 * 0.001) < 1e-9)
    #expect(fills.wait(for: 3))
    #expect(fills.all.count == 3)
    #expect(abs(fills.all.reduce(0) { $0 + $1.quantity } - 0.03) < 1e-12)
    let trades = broker.executions(clientId: "tp-1").filter { $0.executionType == "TRADE" }
    #expect(trades.map(\.status) == [.partiallyFilled, .partiallyFilled, .filled])
  }

  @Test func aLimitThatNeverFillsIsCancelledAtTheTimeout() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let broker = try makeBroker(simulator, fillTimeout: 200)
    let order = Order(
      clientId: "tp-9", symbol: "BTCUSDT", side: .sell, kind: .limit, quantity: 0.01, price: 60_000,
      slippageBasis: 60_000, atr: .nan, time: 1, purpose: "target")
    #expect(throws: BrokerError.self) { try broker.submit(order) }
    #expect(simulator.orders.first { $0.clientId == "tp-9" }?.status == "CANCELED")
  }

  @Test func refusesLocallyWhatFiltersForbid() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let broker = try makeBroker(simulator)
    let before = simulator.requests.count
    #expect(throws: BrokerError.self) { try broker.submit(marketOrder("tiny", quantity: 0.00005)) }
    #expect(throws: BrokerError.self) { try broker.submit(marketOrder("bad id with spaces")) }
    #expect(simulator.requests.count == before)
  }

  @Test func badSignatureAndStaleTimestampAreRefused() throws {
    let simulator = try makeSimulator()
    defer { simulator.stop() }
    let wrong = try makeREST(simulator, secret: "not-the-secret")
    do {
      _ = try wrong.balances()
      Issue.record("a bad signature was accepted")
    } catch {
      #expect(
        error == .exchange(status: 400, code: -1022, message: "Signature for this request is not valid."))
    }
    // A client whose clock is 20 s behind: -1021, then it re-measures the offset and succeeds.
    let skewed = BinanceClock(
      now: { BinanceClock.system.now() - 20_000 }, sleep: BinanceClock.system.sleep)
    let late = try makeREST(simulator, clock: skewed)
    _ = try late.balances()
    let statuses = simulator.requests.suffix(3).map { "\($0.path) \($0.status)" }
    #expect(statuses == ["/api/v3/account 400", "/api/v3/time 200", "/api/v3/account 200"])
    #expect(abs(late.serverOffset - 20_000) < 2_000)
  }
}

@Suite(.serialized) struct UserStreamReconnectTests {
  @Test func theUserDataStreamResubscribesAfterADrop() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let statuses = Collector<StreamStatus>()
    let fills = Collector<Fill>()
    let rest = try makeREST(simulator)
    let broker = try BinanceBroker(
      rest: rest, credentials: try BinanceCredentials(apiKey: testKey, secret: testSecret),
      symbols: ["BTCUSDT"],
      options: BinanceBrokerOptions(
        fillTimeout: 5_000, pollInterval: 50, backoff: try Backoff(base: 10, cap: 100)),
      onFill: { fills.add($0) }, onStatus: { statuses.add($0) })
    try broker.startUserDataStream()
    defer { broker.stop() }
    #expect(simulator.userSubscriptions == 1)
    simulator.dropStreams()
    #expect(statuses.wait(for: 4))
    let deadline = Date().addingTimeInterval(5)
    while simulator.userSubscriptions < 1 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    #expect(simulator.userSubscriptions == 1)
    #expect(statuses.all.first == .connected(reconnect: false))
    #expect(statuses.all.contains(.connected(reconnect: true)))
    // Events flow on the new subscription.
    _ = try broker.submit(marketOrder("after-drop"))
    #expect(fills.wait(for: 1))
    #expect(fills.all.first?.clientId == "after-drop")
  }
}
