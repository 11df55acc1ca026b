import Execution
import Foundation
import MarketData
import Simulator
import Testing

/// Kills a replay child process with SIGKILL at random instants and restarts it on the same
/// state directory: the final orders, fills and trades equal an uninterrupted run.
@Suite(.serialized) struct CrashSafetyTests {
  /// The configuration `crescent-execution-replay` runs (see its main.swift).
  static let config = SimulationConfig(
    exits: ExitRules(
      stopATR: ATRMultiple(period: 14, multiple: 2), breakEvenR: 1, trailPercent: 0.05,
      partials: [PartialExit(r: 1.5, fraction: 0.5)]),
    sizing: Sizing(mode: .risk(fraction: 0.02), wholeUnits: true),
    costs: Costs(
      commission: Commission(perUnit: 0.01, minimum: 1), slippage: .atr(fraction: 0.1, period: 10)),
    fill: .close, cash: 100_000)

  static func executable() throws -> URL {
    let me = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    var dir = me.deletingLastPathComponent()
    // The test binary may sit inside an .xctest bundle directory.
    while !dir.path.isEmpty && dir.path != "/" {
      let candidate = dir.appendingPathComponent("crescent-execution-replay")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    throw ExecutionError.state("crescent-execution-replay not found beside \(me.path)")
  }

  static func spawn(_ dir: String, _ bars: String, speed: String?) throws -> Process {
    let p = Process()
    p.executableURL = try executable()
    p.arguments = [dir, bars] + (speed.map { [$0] } ?? [])
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
  }

  struct Outcome: Equatable {
    var orders: [Order]
    var fills: [Fill]
    var trades: [Trade]
  }

  static func outcome(_ dir: String) throws -> Outcome {
    let store = try StateStore(directory: dir)
    return Outcome(orders: try store.orders(), fills: try store.fills(), trades: try store.trades())
  }

  @Test func killedReplaysEndLikeAnUninterruptedOne() throws {
    let barsPath = try #require(
      Bundle.module.url(forResource: "GOOG.csv", withExtension: nil, subdirectory: "Fixtures")
    ).path
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crescent-crash-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: root) }

    // The uninterrupted reference, itself equal to the backtest.
    let reference = root + "/reference"
    let clean = try Self.spawn(reference, barsPath, speed: nil)
    clean.waitUntilExit()
    #expect(clean.terminationStatus == 0)
    let expected = try Self.outcome(reference)
    let backtest = try Backtest.run(
      [BacktestInput(bars: try Bars.load(barsPath))], config: Self.config,
      onBar: CrashSafetyTests.handler(try Bars.load(barsPath).close))
    #expect(expected.trades == backtest.trades)
    #expect(expected.trades.count > 20)

    var random = SplitMix(seed: 0xC0FFEE)
    var kills = 0
    var replays = 0
    var progress: Set<Int> = []
    while kills < 50 {
      replays += 1
      let dir = root + "/replay-\(replays)"
      var attempts = 0
      while true {
        attempts += 1
        #expect(attempts < 500, "the replay makes no progress")
        if attempts >= 500 { return }
        let child = try Self.spawn(dir, barsPath, speed: "2e8")
        usleep(useconds_t(random.next() % 400_000))
        if child.isRunning {
          kill(child.processIdentifier, SIGKILL)
          child.waitUntilExit()
          if child.terminationReason == .uncaughtSignal {
            kills += 1
            if let saved = try StateStore(directory: dir).load() { progress.insert(saved.state.events) }
            continue
          }
        }
        child.waitUntilExit()
        #expect(child.terminationStatus == 0)
        break
      }
      let got = try Self.outcome(dir)
      #expect(Set(got.orders.map(\.clientId)).count == got.orders.count, "duplicate client order id")
      #expect(got.fills.map(\.clientId) == got.orders.map(\.clientId), "an order without its fill")
      #expect(got == expected)
      #expect(try StateStore(directory: dir).load()?.state.finished == true)
    }
    #expect(kills >= 50)
    // Kills landed at many different points of the replays, not only at start-up.
    #expect(progress.count >= 25)
  }

  /// The replay executable's strategy in event form.
  static func handler(_ closes: [Double]) -> BarHandler {
    { ctx in
      let window = Array(closes[max(0, ctx.bar + 1 - 200)...ctx.bar])
      let n = window.count
      guard n > 20 else { return }
      func mean(_ end: Int, _ k: Int) -> Double { window[(end - k)..<end].reduce(0, +) / Double(k) }
      if mean(n - 1, 5) <= mean(n - 1, 20) && mean(n, 5) > mean(n, 20) && ctx.position <= 0 { ctx.buy() }
      if mean(n - 1, 5) >= mean(n - 1, 20) && mean(n, 5) < mean(n, 20) && ctx.position > 0 { ctx.close() }
    }
  }
}

/// A seeded generator so a failing schedule of kills can be replayed.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
