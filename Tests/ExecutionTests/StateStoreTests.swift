import Execution
import Foundation
import MarketData
import Simulator
import Testing

/// The SQLite state: WAL mode, one row per change, resume from the checkpoint.
@Suite struct StateStoreTests {
  static func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("crescent-state-\(UUID().uuidString)").path
  }

  let config = SimulationConfig(
    exits: ExitRules(stopPercent: 0.04, targetPercent: 0.08), sizing: Sizing(mode: .equity(fraction: 0.9)),
    costs: Costs(commission: Commission(percent: 0.001), slippage: .bps(5)), cash: 100_000)

  func open(_ dir: String) throws -> Engine<PaperBroker> {
    try DryRun.open(
      directory: dir, symbols: ["GOOG"], timeframe: Timeframe(count: 1, unit: .day), config: config,
      strategy: CrossStrategy().engineStrategy)
  }

  @Test func storesEveryChangeInWALMode() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let bars = try Support.goog()
    let engine = try open(dir)
    try ReplayFeed([Support.ticks(bars, side: .long, policy: .pessimistic)]).run(engine)
    let store = try StateStore(directory: dir)
    #expect(try store.journalMode() == "wal")
    let expected = try CrossStrategy().backtest(bars, config: config)
    #expect(try store.trades() == expected.trades)
    let orders = try store.orders()
    let fills = try store.fills()
    #expect(Set(orders.map(\.clientId)).count == orders.count)
    #expect(fills.map(\.clientId) == orders.map(\.clientId))
    #expect(orders.count == 2 * expected.trades.count)
    let saved = try #require(try store.load())
    #expect(saved.state.finished)
    #expect(saved.equity.map(\.value) == expected.equity)
    #expect(saved.decisions == engine.decisions)
  }

  /// Stopping after any number of ticks and reopening the directory continues to the same
  /// result; a finished run stays finished.
  @Test(arguments: [1, 200, 1_234, 4_000, 8_000])
  func resumesFromTheCheckpoint(_ stopAfter: Int) throws {
    let bars = try Support.goog()
    let ticks = Support.ticks(bars, side: .long, policy: .pessimistic)
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      let first = try open(dir)
      for tick in ticks.prefix(stopAfter) { try first.process(tick, symbol: 0) }
      // Abandoned without a final commit: like a crash, ticks after the last commit are redone.
    }
    let second = try open(dir)
    #expect(second.state.events <= stopAfter)
    try ReplayFeed([ticks]).run(second)
    let expected = try CrossStrategy().backtest(bars, config: config)
    #expect(second.trades == expected.trades)
    let store = try StateStore(directory: dir)
    #expect(try store.trades() == expected.trades)
    let third = try open(dir)
    #expect(third.state.finished)
    try ReplayFeed([ticks]).run(third)
    #expect(try store.trades() == expected.trades)
    #expect(throws: ExecutionError.self) { try third.process(ticks[0], symbol: 0) }
  }

  @Test func pacesAtNTimesRealTime() throws {
    let t0 = UTCTime.nanosecondsPerDay * 19_000
    let ticks = (0..<5).map { Tick(time: t0 + Int64($0) * 60_000_000_000, price: 100) }
    let engine = try Engine(
      symbols: ["X"], timeframe: Timeframe(count: 1, unit: .minute), config: SimulationConfig(),
      strategy: ClosureStrategy { _ in [] }, broker: PaperBroker(costs: Costs()))
    var slept: [Int64] = []
    try ReplayFeed([ticks]).run(engine, speed: 60) { slept.append($0) }
    #expect(slept == Array(repeating: 1_000_000_000, count: 4))
    #expect(engine.equity.count == 5)
    #expect(throws: ExecutionError.self) { try ReplayFeed([ticks]).run(engine, speed: 0) }
    #expect(throws: ExecutionError.self) { try ReplayFeed([[ticks[1], ticks[0]]]) }
  }
}

@Suite struct EngineConfigTests {
  @Test func invalidSettingsAreRefusedWithTheStrategyTableName() {
    let bad = SimulationConfig(sizing: Sizing(mode: .equity(fraction: 5)))
    #expect {
      try Engine(
        symbols: ["X"], timeframe: Timeframe(count: 1, unit: .day), config: bad,
        strategy: ClosureStrategy { _ in [] }, broker: PaperBroker(costs: Costs()))
    } throws: { error in
      guard case let ExecutionError.config(inner) = error else { return false }
      return inner.field == "sizing.fraction" && "\(error)".contains("sizing.fraction")
    }
  }

  @Test func anEmptyStateDirectoryHasNothingToResume() throws {
    let dir = StateStoreTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = try StateStore(directory: dir)
    #expect(try store.load() == nil)
    #expect(try store.orders().isEmpty)
    #expect(throws: ExecutionError.self) { try StateStore(directory: "/proc/crescent-cannot-write-here") }
  }
}
