import Execution
import Foundation
import Testing

/// SIGKILL `crescent dryrun` at random instants and restart it on the same state directory:
/// the final orders, fills and trades equal an uninterrupted run.
@Suite(.serialized) struct DryrunCrashTests {
  /// A seeded generator so a failing kill schedule can be replayed.
  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  @Test func killedRunsEndLikeAnUninterruptedOne() throws {
    let scratch = try ScratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let data = try EngineFixtures.googHead(700, in: scratch)
    // ATR stops, break-even, partials and targets on both sides: every kind of order.
    let strategy = EngineFixtures.strategy("rsi_partials")
    func arguments(_ dir: String) -> [String] {
      ["dryrun", strategy, "--feed", "replay:" + data, "--state", dir, "--quiet"]
    }
    let reference = scratch.url.path + "/reference"
    let clean = try CrescentBinary.run(arguments(reference))
    #expect(clean.status == 0, "\(clean.stderr)")
    let expected = try EngineFixtures.outcome(reference)
    #expect(expected.orders.count > 30)

    var random = SplitMix(state: 0xD1CE)
    var kills = 0
    var replays = 0
    var progress: Set<Int> = []
    while kills < 50 {
      replays += 1
      let dir = scratch.url.path + "/killed-\(replays)"
      var attempts = 0
      while true {
        attempts += 1
        #expect(attempts < 400, "the run makes no progress")
        if attempts >= 400 { return }
        let child = try EngineFixtures.spawn(arguments(dir), logs: scratch.url.path + "/child")
        usleep(useconds_t(random.next() % 1_200_000))
        if child.isRunning {
          kill(child.processIdentifier, SIGKILL)
          child.waitUntilExit()
          if child.terminationReason == .uncaughtSignal {
            kills += 1
            if let status = try? RunStatus.read(directory: dir) { progress.insert(status.events) }
            continue
          }
        }
        child.waitUntilExit()
        #expect(child.terminationStatus == 0, "\(EngineFixtures.read(scratch.url.path + "/child.err"))")
        if child.terminationStatus != 0 { return }
        break
      }
      let got = try EngineFixtures.outcome(dir)
      #expect(Set(got.clientIds).count == got.clientIds.count, "duplicate client order id")
      #expect(got.fills.map(\.clientId) == got.clientIds, "an order without its fill")
      #expect(got.orders == expected.orders)
      #expect(got.fills == expected.fills)
      #expect(got.trades == expected.trades)
      #expect(try RunStatus.read(directory: dir).finished)
    }
    #expect(kills >= 50)
    // Kills landed at many different points of the runs, not only at start-up.
    #expect(progress.count >= 10)
  }
}
