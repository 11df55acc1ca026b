import ExchangeSimulator
import Execution
import Foundation
import Simulator
import Testing
import WebTransport

@testable import BinanceSpot

/// The broker's user-data stream: fills followed through it instead of REST polls, balances
/// kept by it, a drop that falls back to polling and reconciles over REST on return, a
/// keepalive that replaces a silent connection, and the registry's factory opening it.
@Suite(.serialized) struct UserStreamTests {
  func broker(
    _ simulator: ExchangeSimulator, pollInterval: Int64 = 50, backoff: Backoff? = nil, timeout: Int64 = 3_000,
    keepAlive: Int64 = 30_000, onStatus: (@Sendable (StreamStatus) -> Void)? = nil
  ) throws -> BinanceBroker {
    try BinanceBroker(
      rest: try makeREST(simulator), credentials: try BinanceCredentials(apiKey: testKey, secret: testSecret),
      symbols: ["BTCUSDT"],
      options: BinanceBrokerOptions(
        fillTimeout: 10_000, pollInterval: pollInterval, backoff: try backoff ?? Backoff(base: 10, cap: 100),
        timeout: timeout, keepAlive: keepAlive),
      onStatus: onStatus)
  }

  func orderReads(_ simulator: ExchangeSimulator) -> Int {
    simulator.requestCount(method: "GET", path: "/api/v3/order")
  }

  @Test func fillsComeThroughTheStreamWithoutPolling() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    simulator.setFillDelay(milliseconds: 100)
    simulator.setPartialFills(3)

    // Without the stream: the delayed executions are found by polling every 50 ms.
    let polling = try broker(simulator)
    let before = orderReads(simulator)
    let polled = try polling.submit(marketOrder("poll-1", quantity: 0.03))
    let pollReads = orderReads(simulator) - before
    #expect(abs(polled.quantity - 0.03) < 1e-12 && polled.price == 50_000)
    #expect(pollReads >= 4, "order reads without the stream: \(pollReads)")
    #expect(simulator.requestCount(method: "GET", path: "/api/v3/myTrades") == 1)

    // With the stream: the lookup before placing is the only order read; the commission
    // comes from the streamed executions.
    let streaming = try broker(simulator)
    let notices = Collector<UserStreamNotice>()
    let connected = streaming.openUserDataStream(notify: { notices.add($0) })
    #expect(connected)
    defer { streaming.stop() }
    #expect(streaming.userStreamLive)
    let start = orderReads(simulator)
    let fill = try streaming.submit(marketOrder("stream-1", quantity: 0.03))
    #expect(orderReads(simulator) - start == 1)
    #expect(simulator.requestCount(method: "GET", path: "/api/v3/myTrades") == 1)
    #expect(abs(fill.quantity - 0.03) < 1e-12 && fill.price == 50_000)
    #expect(abs(fill.commission - polled.commission) < 1e-9)
    #expect(notices.all == [UserStreamNotice(.connected)])
    // The finished order is answered from the stream: no request.
    let reads = simulator.requests.count
    #expect(try streaming.order(clientId: "stream-1", symbol: "BTCUSDT")?.status == .filled)
    #expect(simulator.requests.count == reads)
  }

  @Test func balancesAreKeptByTheStream() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let broker = try broker(simulator)
    broker.openUserDataStream()
    defer { broker.stop() }
    _ = try broker.submit(marketOrder("bal-1", quantity: 0.02))
    // The account events follow the execution reports; wait until the cache has moved.
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline, (try broker.balances().first { $0.asset == "BTC" }?.free ?? 0) < 10.02 - 1e-9 {
      Thread.sleep(forTimeInterval: 0.01)
    }
    let accountReads = simulator.requestCount(method: "GET", path: "/api/v3/account")
    let streamed = try broker.balances()
    #expect(simulator.requestCount(method: "GET", path: "/api/v3/account") == accountReads)
    let rest = try broker.rest.balances()
    #expect(streamed.map(\.asset) == rest.map(\.asset))
    for (a, b) in zip(streamed, rest) {
      #expect(abs(a.free - b.free) < 1e-6 && abs(a.locked - b.locked) < 1e-6, "\(a) vs \(b)")
    }
    #expect(abs((streamed.first { $0.asset == "BTC" }?.free ?? 0) - 10.02) < 1e-9)
  }

  @Test func aDropFallsBackToRESTAndTheReturnReconcilesMissedFills() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    // The order executes 200 ms after placement; the stream is dropped before that and
    // comes back 500 to 1000 ms later, so the execution report is lost. REST polls only every
    // 8 s: a quick finish means the reconnect's reconciliation found the fill.
    simulator.setFillDelay(milliseconds: 200)
    let broker = try broker(simulator, pollInterval: 8_000, backoff: try Backoff(base: 1_000, cap: 1_000))
    let notices = Collector<UserStreamNotice>()
    let connected = broker.openUserDataStream(notify: { notices.add($0) })
    #expect(connected)
    defer { broker.stop() }
    let result = Collector<Result<Fill, BrokerError>>()
    let started = Date()
    let thread = Thread {
      result.add(
        Result { () throws(BrokerError) -> Fill in try broker.submit(marketOrder("gap-1", quantity: 0.01)) })
    }
    thread.start()
    let placed = Date().addingTimeInterval(5)
    while simulator.orderCount(clientId: "gap-1") == 0 && Date() < placed {
      Thread.sleep(forTimeInterval: 0.005)
    }
    #expect(simulator.dropUserStreams() == 1)
    #expect(result.wait(for: 1, seconds: 6))
    let elapsed = Date().timeIntervalSince(started)
    let fill = try #require(try result.all.first?.get())
    #expect(elapsed < 4, "took \(elapsed) s: the fill was found by polling, not by reconciling")
    #expect(abs(fill.quantity - 0.01) < 1e-12 && fill.price == 50_000)
    #expect(abs(fill.commission - 0.01 * 50_000 * 0.001) < 1e-9)
    #expect(broker.executions(clientId: "gap-1").isEmpty, "the report should have been lost in the gap")
    #expect(notices.wait(for: 3))
    #expect(notices.all.map(\.kind) == [.connected, .dropped, .reconnected])
    #expect(notices.all.last?.reconciled == 1)
    #expect(simulator.userSubscriptions == 1)
    #expect(broker.userStreamLive)
  }

  @Test func anUnansweredKeepalivePingReplacesTheConnection() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let statuses = Collector<StreamStatus>()
    let broker = try broker(simulator, timeout: 300, keepAlive: 100, onStatus: { statuses.add($0) })
    try broker.startUserDataStream()
    defer { broker.stop() }
    // Answered pings keep the connection.
    Thread.sleep(forTimeInterval: 0.5)
    #expect(statuses.all == [.connected(reconnect: false)])
    simulator.setAPISilent(true)
    let dropped = Date().addingTimeInterval(5)
    while !statuses.all.contains(where: { if case .disconnected = $0 { true } else { false } })
      && Date() < dropped
    {
      Thread.sleep(forTimeInterval: 0.01)
    }
    #expect(!broker.userStreamLive)
    simulator.setAPISilent(false)
    let back = Date().addingTimeInterval(5)
    while !statuses.all.contains(.connected(reconnect: true)) && Date() < back {
      Thread.sleep(forTimeInterval: 0.01)
    }
    #expect(statuses.all.contains(.connected(reconnect: true)))
    #expect(broker.userStreamLive)
  }

  @Test func theFactoryOpensTheStreamUnlessTurnedOff() throws {
    let simulator = try makeSimulator(price: 50_000)
    defer { simulator.stop() }
    let environment = [
      "CRESCENT_BINANCE_REST_URL": simulator.restURL.absoluteString,
      "CRESCENT_BINANCE_STREAM_URL": simulator.streamURL.absoluteString,
      "CRESCENT_BINANCE_WS_API_URL": simulator.webSocketAPIURL.absoluteString,
    ]
    let setup = BrokerSetup(
      costs: Costs(), fills: [], mode: .testnet,
      credentials: BrokerCredentials(key: testKey, secret: testSecret),
      symbols: ["BTCUSDT"])
    let notices = Collector<UserStreamNotice>()
    do {
      let off = try BinanceBroker.factory(environment: environment, options: .init(userStream: false)).make(
        setup)
      #expect(off.name == "binance")
      #expect(simulator.userSubscriptions == 0)
      let on = try BinanceBroker.factory(environment: environment, notify: { notices.add($0) }).make(setup)
      #expect(on.name == "binance")
      #expect(simulator.userSubscriptions == 1)
      #expect(notices.all == [UserStreamNotice(.connected)])
    }
    // A WebSocket API that cannot be reached never stops the broker: it polls and retries.
    var unreachable = environment
    unreachable["CRESCENT_BINANCE_WS_API_URL"] = "ws://127.0.0.1:1/ws-api/v3"
    let failing = Collector<UserStreamNotice>()
    let retrying = try BinanceBroker.factory(
      environment: unreachable, options: .init(backoff: try Backoff(base: 50, cap: 100)),
      notify: { failing.add($0) }
    ).make(setup)
    defer { withExtendedLifetime(retrying) {} }
    #expect(failing.wait(for: 1))
    #expect(failing.all.first?.kind == .unavailable)
    Thread.sleep(forTimeInterval: 0.3)
    #expect(failing.all.count == 1, "one notice per outage, not one per attempt: \(failing.all)")
  }
}
