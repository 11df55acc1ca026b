import ExchangeSimulator
import Foundation
import Testing

@testable import BinanceSpot

/// The simulator and the client share a manual clock: waiting is instant and measurable.
@Suite(.serialized) struct RateLimitTests {
  @Test func a429IsWaitedOutBeforeAnythingIsSentAgain() throws {
    let clock = ManualClock()
    let simulator = try makeSimulator(clock: clock)
    defer { simulator.stop() }
    let rest = try makeREST(simulator, clock: clock.clock)
    simulator.inject(.rateLimit(retryAfter: 30))
    let balances = try rest.balances()
    #expect(balances.contains { $0.asset == "USDT" })
    let requests = simulator.requests
    #expect(requests.map(\.status) == [429, 200])
    // Nothing reached the exchange while the Retry-After ran.
    #expect(simulator.earlyRequests == 0)
    #expect(requests[1].time - requests[0].time >= 30_000)
    #expect(clock.recordedSleeps.reduce(0, +) >= 30_000)
    #expect(rest.usedWeight == 2)
  }

  @Test func aRetryAfterLongerThanTheClientWaitsFailsWithoutSending() throws {
    let clock = ManualClock()
    let simulator = try makeSimulator(clock: clock)
    defer { simulator.stop() }
    let rest = try makeREST(simulator, clock: clock.clock, maxWait: 10_000)
    simulator.inject(.rateLimit(retryAfter: 120))
    #expect(throws: BinanceError.rateLimited(until: clock.now + 120_000)) { try rest.balances() }
    #expect(throws: BinanceError.self) { try rest.balances() }
    #expect(simulator.requests.count == 1)
    clock.advance(120_000)
    _ = try rest.balances()
    #expect(simulator.requests.map(\.status) == [429, 200])
    #expect(simulator.earlyRequests == 0)
  }

  @Test func a418BanStopsAllRequestsUntilItEnds() throws {
    let clock = ManualClock()
    let simulator = try makeSimulator(clock: clock)
    defer { simulator.stop() }
    let rest = try makeREST(simulator, clock: clock.clock)
    simulator.inject(.ban(retryAfter: 5))
    #expect(throws: BinanceError.banned(until: clock.now + 5_000)) { try rest.balances() }
    // Even a short ban is not waited out: the caller decides.
    #expect(throws: BinanceError.banned(until: clock.now + 5_000)) { try rest.openOrders(symbol: nil) }
    #expect(simulator.requests.count == 1)
    #expect(rest.blockedUntil.banned)
    clock.advance(5_000)
    #expect(try rest.openOrders(symbol: nil).isEmpty)
    #expect(simulator.earlyRequests == 0)
  }

  @Test func aBrokerOrderWaitsOutA429AndPlacesOnce() throws {
    let clock = ManualClock()
    let simulator = try makeSimulator(clock: clock)
    defer { simulator.stop() }
    let broker = try makeBroker(simulator, clock: clock.clock)
    simulator.inject(.rateLimit(retryAfter: 2))
    let fill = try broker.submit(marketOrder("rl-1"))
    #expect(fill.quantity == 0.01)
    #expect(simulator.orderCount(clientId: "rl-1") == 1)
    #expect(simulator.earlyRequests == 0)
    #expect(clock.recordedSleeps.reduce(0, +) >= 2_000)
  }

  @Test func aSlowAnswerWithinTheTimeoutStillArrives() throws {
    let simulator = try makeSimulator()
    defer { simulator.stop() }
    let rest = try makeREST(simulator)
    simulator.inject(.delay(milliseconds: 200))
    #expect(try rest.syncTime() != Int64.min)
  }
}
