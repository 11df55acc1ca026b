import ExchangeSimulator
import Execution
import Foundation
import Testing
import WebTransport

@testable import BinanceSpot

@Suite(.serialized) struct MarketFeedTests {
  func makeFeed(_ simulator: ExchangeSimulator, interval: String? = nil) throws -> BinanceMarketFeed {
    let rest = try makeREST(simulator)
    return try BinanceMarketFeed(
      rest: rest, symbols: ["BTCUSDT"], trades: true, interval: interval,
      backoff: try Backoff(base: 20, cap: 200),
      timeoutMilliseconds: 2_000)
  }

  /// The next event that is not a status.
  func nextData(_ feed: BinanceMarketFeed, statuses: inout [StreamStatus]) -> MarketEvent? {
    while let event = feed.next(timeout: 3_000) {
      if case let .status(s) = event { statuses.append(s) } else { return event }
    }
    return nil
  }

  func waitForSubscribers(_ simulator: ExchangeSimulator, _ count: Int) -> Bool {
    let deadline = Date().addingTimeInterval(5)
    while Date() < deadline {
      if simulator.connections.market >= count { return true }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return false
  }

  @Test func tradesArriveAndAGapAfterAReconnectIsReported() throws {
    let simulator = try makeSimulator()
    defer { simulator.stop() }
    let feed = try makeFeed(simulator)
    try feed.start()
    defer { feed.stop() }
    #expect(waitForSubscribers(simulator, 1))
    var statuses: [StreamStatus] = []
    simulator.pushTrade(symbol: "BTCUSDT", price: 100, quantity: 2, time: 1_000)
    simulator.pushTrade(symbol: "BTCUSDT", price: 101, quantity: 1, time: 2_000)
    #expect(
      nextData(feed, statuses: &statuses)
        == .trade(symbol: "BTCUSDT", id: 1, tick: Tick(time: 1_000_000_000, price: 100, size: 2)))
    #expect(
      nextData(feed, statuses: &statuses)
        == .trade(symbol: "BTCUSDT", id: 2, tick: Tick(time: 2_000_000_000, price: 101, size: 1)))
    simulator.dropStreams()
    // Trades 3 and 4 happen while the feed is away.
    simulator.pushTrade(symbol: "BTCUSDT", price: 102, broadcast: false)
    simulator.pushTrade(symbol: "BTCUSDT", price: 103, broadcast: false)
    var reconnected = false
    while let event = feed.next(timeout: 3_000) {
      if case .status(.connected(reconnect: true)) = event {
        reconnected = true
        break
      }
      if case let .status(s) = event { statuses.append(s) }
    }
    #expect(reconnected)
    #expect(
      statuses.contains { if case .reconnecting(attempt: 1, _) = $0 { return true } else { return false } })
    #expect(waitForSubscribers(simulator, 1))
    simulator.pushTrade(symbol: "BTCUSDT", price: 104, time: 5_000)
    #expect(
      nextData(feed, statuses: &statuses)
        == .gap(MarketGap(symbol: "BTCUSDT", kind: .trades(first: 3, last: 4))))
    #expect(
      nextData(feed, statuses: &statuses)
        == .trade(symbol: "BTCUSDT", id: 5, tick: Tick(time: 5_000_000_000, price: 104, size: 1)))
  }

  @Test func missingCandlesAreBackfilledOverREST() throws {
    let simulator = try makeSimulator()
    defer { simulator.stop() }
    let feed = try makeFeed(simulator, interval: "1m")
    try feed.start()
    defer { feed.stop() }
    #expect(waitForSubscribers(simulator, 1))
    var statuses: [StreamStatus] = []
    let t0: Int64 = 1_700_000_000_000 - 1_700_000_000_000 % 60_000
    func push(_ minute: Int64, broadcast: Bool = true, closed: Bool = true) {
      let open = t0 + minute * 60_000
      let p = 100 + Double(minute)
      simulator.pushKline(
        symbol: "BTCUSDT", interval: "1m", openTime: open, closeTime: open + 59_999, open: p, high: p + 2,
        low: p - 1,
        close: p + 1, volume: 10, closed: closed, broadcast: broadcast)
    }
    push(0)
    push(1, closed: false)  // an update of an open candle: not delivered
    push(1)
    push(2, broadcast: false)
    push(3, broadcast: false)
    push(4)
    var candles: [(open: Int64, backfilled: Bool, close: Double)] = []
    var gap: MarketGap?
    while candles.count < 5, let event = nextData(feed, statuses: &statuses) {
      switch event {
      case let .candle(k, backfilled): candles.append((k.openTime, backfilled, k.close))
      case let .gap(g): gap = g
      default: break
      }
    }
    #expect(candles.map(\.open) == (0..<5).map { t0 + Int64($0) * 60_000 })
    #expect(candles.map(\.backfilled) == [false, false, true, true, false])
    #expect(candles.map(\.close) == [101, 102, 103, 104, 105])
    #expect(
      gap
        == MarketGap(
          symbol: "BTCUSDT", kind: .candles(first: t0 + 120_000, last: t0 + 180_000, backfilled: 2)))
  }

  @Test func candlesBecomeEngineTicksAndACandleClose() {
    let k = Kline(
      symbol: "BTCUSDT", interval: "1m", openTime: 60_000, closeTime: 119_999, open: 10, high: 12, low: 9,
      close: 11,
      volume: 5, closed: true)
    let events = MarketEvent.candle(k, backfilled: false).feedEvents(symbolIndex: 2)
    #expect(events.map { $0.tick?.price } == [10, 9, 12, 11, nil])
    #expect(events.allSatisfy { $0.symbol == 2 })
    #expect(events[0].time == 60_000_000_000)
  }
}
