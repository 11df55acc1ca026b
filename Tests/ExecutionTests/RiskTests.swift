import Foundation
import MarketData
import Simulator
import Testing

@testable import Execution

/// One test per built-in guard, the review function, and fail-closed behaviour in the engine.
@Suite struct RiskTests {
  static let day = UTCTime.nanosecondsPerDay * 20_000
  let request = RiskRequest(
    symbol: "BTC", intent: .buy(), quantity: 2, price: 100, position: 0, equity: 10_000, cash: 10_000,
    now: day + 1_000, lastTickTime: day + 900)

  func verdict(
    _ limits: RiskLimits, _ request: RiskRequest? = nil, exposure: Double = 0, review: RiskReview? = nil
  ) -> Verdict {
    var state = RiskState()
    return RiskLayer(limits: limits, review: review).evaluate(
      request ?? self.request, exposure: exposure, state: &state)
  }

  func reason(_ v: Verdict) -> String {
    if case let .reject(text) = v { return text }
    return "not rejected: \(v)"
  }

  @Test func noLimitsApprove() { #expect(verdict(RiskLimits()) == .approve) }

  @Test func staleData() {
    #expect(verdict(RiskLimits(maxDataAge: 100)) == .approve)
    #expect(reason(verdict(RiskLimits(maxDataAge: 99))).hasPrefix("stale data"))
  }

  @Test func unknownInstrument() {
    #expect(verdict(RiskLimits(instruments: ["BTC"])) == .approve)
    #expect(reason(verdict(RiskLimits(instruments: ["ETH"]))) == "unknown instrument 'BTC'")
    var close = request
    close.intent = .close()
    #expect(reason(verdict(RiskLimits(instruments: ["ETH"]), close)) == "unknown instrument 'BTC'")
  }

  @Test func maxPosition() {
    #expect(verdict(RiskLimits(maxPosition: 1.5)) == .resize(1.5))
    var held = request
    held.position = 1.5
    #expect(reason(verdict(RiskLimits(maxPosition: 1.5), held)).hasPrefix("max position"))
    held.position = -1.5  // a reversal closes the short first
    #expect(verdict(RiskLimits(maxPosition: 1.5), held) == .resize(1.5))
  }

  @Test func maxExposure() {
    #expect(verdict(RiskLimits(maxExposure: 1_000), exposure: 900) == .resize(1))
    #expect(reason(verdict(RiskLimits(maxExposure: 1_000), exposure: 1_000)).hasPrefix("max exposure"))
  }

  @Test func maxDailyLoss() {
    var state = RiskState()
    let layer = RiskLayer(limits: RiskLimits(maxDailyLoss: 500), review: nil)
    #expect(layer.evaluate(request, exposure: 0, state: &state) == .approve)
    var later = request
    later.equity = 9_500
    #expect(reason(layer.evaluate(later, exposure: 0, state: &state)).hasPrefix("max daily loss"))
    later.now += UTCTime.nanosecondsPerDay  // a new day resets the reference
    #expect(layer.evaluate(later, exposure: 0, state: &state) == .approve)
  }

  @Test func orderRate() {
    var state = RiskState()
    let layer = RiskLayer(limits: RiskLimits(orderRate: (count: 2, window: 60)), review: nil)
    var r = request
    #expect(layer.evaluate(r, exposure: 0, state: &state) == .approve)
    r.now += 10
    #expect(layer.evaluate(r, exposure: 0, state: &state) == .approve)
    r.now += 10
    #expect(reason(layer.evaluate(r, exposure: 0, state: &state)).hasPrefix("order rate"))
    r.now += 50  // the first entry left the window
    #expect(layer.evaluate(r, exposure: 0, state: &state) == .approve)
  }

  @Test func minimumOrderSize() {
    #expect(verdict(RiskLimits(minOrderValue: 200)) == .approve)
    #expect(reason(verdict(RiskLimits(minOrderValue: 201))).hasPrefix("minimum order size"))
    var nothing = request
    nothing.quantity = .nan
    #expect(verdict(RiskLimits(), nothing).isRejection)
  }

  @Test func dailySpendCap() {
    var state = RiskState()
    let layer = RiskLayer(limits: RiskLimits(dailySpendCap: 500), review: nil)
    #expect(layer.evaluate(request, exposure: 0, state: &state) == .approve)
    #expect(layer.evaluate(request, exposure: 0, state: &state) == .approve)
    #expect(reason(layer.evaluate(request, exposure: 0, state: &state)).hasPrefix("daily spend cap"))
  }

  @Test func killSwitchFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)").path
    #expect(verdict(RiskLimits(killSwitchPath: path)) == .approve)
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(reason(verdict(RiskLimits(killSwitchPath: path))) == "kill switch: \(path) exists")
    var close = request
    close.intent = .close()
    #expect(verdict(RiskLimits(killSwitchPath: path), close) == .approve)
  }

  @Test func reviewFunctionResizesRejectsAndFailsClosed() {
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }
    #expect(verdict(RiskLimits(), review: { _ in .resize(0.5) }) == .resize(0.5))
    #expect(verdict(RiskLimits(), review: { _ in .reject("no") }) == .reject("no"))
    #expect(verdict(RiskLimits(), review: { _ in throw Boom() }) == .reject("risk function failed: boom"))
    #expect(verdict(RiskLimits(), review: { _ in .resize(-1) }).isRejection)
    // The review sees the quantity after the guards' resizing.
    #expect(
      verdict(
        RiskLimits(maxPosition: 1), review: { r in r.quantity == 1 ? .approve : .reject("saw \(r.quantity)") }
      ) == .resize(1))
  }

  /// A review that throws on every other decision: those intents are rejected and recorded,
  /// the others trade, and the engine runs to the end.
  @Test func engineRunsOnAfterAFailingReview() throws {
    let bars = try Support.goog()
    struct Boom: Error {}
    let counter = Counter()
    let engine = try Engine(
      symbols: ["GOOG"], timeframe: Timeframe(count: 1, unit: .day), config: SimulationConfig(cash: 100_000),
      strategy: CrossStrategy().engineStrategy, broker: PaperBroker(costs: Costs()),
      review: { _ in
        counter.value += 1
        if counter.value % 2 == 0 { throw Boom() }
        return .approve
      })
    for tick in Support.ticks(bars, side: .long, policy: .pessimistic) { try engine.process(tick, symbol: 0) }
    try engine.finish()
    let rejected = engine.decisions.filter { $0.verdict.isRejection }
    let approved = engine.decisions.filter { !$0.verdict.isRejection && $0.intent?.action == .buy }
    #expect(rejected.count > 3)
    #expect(approved.count > 3)
    #expect(
      rejected.allSatisfy { $0.clientId == nil && $0.verdict == .reject("risk function failed: Boom()") })
    #expect(engine.trades.count == approved.count)
  }

  /// A strategy that throws is recorded as a rejected decision and the run continues.
  @Test func engineRunsOnAfterAFailingStrategy() throws {
    struct Broken: Error {}
    let engine = try Engine(
      symbols: ["X"], timeframe: Timeframe(count: 1, unit: .minute), config: SimulationConfig(),
      strategy: ClosureStrategy { input in
        if input.bar == 1 { throw Broken() }
        return input.bar == 2 ? [.buy(quantity: 1)] : []
      }, broker: PaperBroker(costs: Costs()))
    for i in 0..<5 {
      try engine.process(Tick(time: Int64(i) * 60_000_000_000, price: 10 + Double(i)), symbol: 0)
    }
    try engine.finish()
    #expect(engine.decisions.count == 2)
    #expect(engine.decisions[0].verdict == .reject("strategy failed: Broken()"))
    #expect(engine.decisions[1].verdict == .approve)
    #expect(engine.trades.count == 1)
    #expect(engine.trades.first?.entryPrice == 13)
  }
}

final class Counter: @unchecked Sendable {
  var value = 0
}

/// Guards see the injected clock: entries decided long after the last tick are stale.
@Suite struct InjectedClockTests {
  @Test func staleDataThroughTheEngine() throws {
    let minute = 60 * UTCTime.nanosecondsPerSecond
    let lag = Counter()
    let engine = try Engine(
      symbols: ["X"], timeframe: Timeframe(count: 1, unit: .minute), config: SimulationConfig(),
      strategy: ClosureStrategy { _ in [.buy(quantity: 1)] }, broker: PaperBroker(costs: Costs()),
      limits: RiskLimits(maxDataAge: 30 * UTCTime.nanosecondsPerSecond),
      clock: { Int64(lag.value) * minute })
    lag.value = 1
    try engine.process(Tick(time: 0, price: 10), symbol: 0)
    try engine.process(Tick(time: minute, price: 11), symbol: 0)  // decided at 1 min: fresh
    lag.value = 5
    try engine.process(Tick(time: 2 * minute, price: 12), symbol: 0)  // decided at 5 min: stale
    #expect(engine.decisions.count == 2)
    #expect(engine.decisions[0].verdict == .approve)
    #expect(engine.decisions[0].time == minute)
    guard case let .reject(reason) = engine.decisions[1].verdict else {
      Issue.record("expected a rejection, got \(engine.decisions[1].verdict)")
      return
    }
    #expect(reason.hasPrefix("stale data"))
  }
}
