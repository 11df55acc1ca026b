import Execution
import Foundation
import Testing

/// `crescent live --broker binance` follows its orders through the user-data stream: against
/// the loopback exchange simulator, with executions arriving after the placement's answer,
/// the stream replaces the REST polls (the same trades, far fewer `GET /api/v3/order`), a
/// user stream dropped mid-run reconnects and the run still ends with the dry run's trades,
/// and no key material appears anywhere.
@Suite(.serialized) struct BinanceUserStreamTests {
  typealias Simulator = BinanceLiveTests.SimulatorProcess

  /// One live run against a fresh simulator whose market orders execute in two pieces, 150 ms
  /// apart, after answering NEW.
  struct Run {
    var dir: String
    var stdout: String
    var stderr: String
    var status: Int32
    var exchange: [[String: Any]]
    var requests: [String: Int]
    var notices: [[String: Any]]
  }

  static func live(
    _ setup: (scratch: ScratchDirectory, bars: String, strategy: String, reference: String), name: String,
    extra: [String] = [], during: ((Simulator, Process) -> Void)? = nil
  ) throws -> Run {
    let expected = try EngineFixtures.outcome(setup.reference)
    let simulator = try Simulator(key: BinanceLiveTests.key, secret: BinanceLiveTests.secret)
    defer { simulator.stop() }
    simulator.send("prices BTCUSDT " + expected.fills.map { "\($0.price)" }.joined(separator: " "))
    simulator.send("partial 2")
    simulator.send("fill-delay 150")
    let dir = setup.scratch.url.path + "/" + name
    let logs = setup.scratch.url.path + "/" + name + "-log"
    let child = try EngineFixtures.spawn(
      [
        "live", setup.strategy, "--broker", "binance", "--feed", "replay:" + setup.bars, "--state", dir,
        "--log-json",
      ]
        + extra, environment: simulator.environment, logs: logs)
    defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }
    during?(simulator, child)
    #expect(EngineFixtures.wait(seconds: 120) { !child.isRunning }, "the live run did not end")
    child.waitUntilExit()
    let stdout = EngineFixtures.read(logs + ".out")
    return Run(
      dir: dir, stdout: stdout, stderr: EngineFixtures.read(logs + ".err"), status: child.terminationStatus,
      exchange: simulator.orders(), requests: simulator.requestCounts(),
      notices: EngineFixtures.jsonLines(stdout).filter { $0["event"] as? String == "user_stream" })
  }

  static func expectNoSecrets(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
    for text in [run.stdout, run.stderr] {
      #expect(
        !text.contains(BinanceLiveTests.key) && !text.contains(BinanceLiveTests.secret),
        sourceLocation: sourceLocation)
    }
    #expect(
      BinanceLiveTests.filesWithSecrets(run.dir).isEmpty,
      "key material in \(BinanceLiveTests.filesWithSecrets(run.dir))",
      sourceLocation: sourceLocation)
  }

  @Test func theStreamReplacesRESTPollsWithTheSameTrades() throws {
    let setup = try BinanceLiveTests.setUp()
    defer { try? FileManager.default.removeItem(at: setup.scratch.url) }
    let expected = try EngineFixtures.outcome(setup.reference)

    let streamed = try Self.live(setup, name: "stream")
    #expect(streamed.status == 0, "\(streamed.stderr)")
    BinanceLiveTests.expectSameTrades(EngineFixtures.read(streamed.dir + "/trades.csv"), expected.trades)
    try BinanceLiveTests.expectOrdersMatch(streamed.dir, streamed.exchange)
    #expect(streamed.notices.map { $0["status"] as? String } == ["connected"])

    let polled = try Self.live(setup, name: "polled", extra: ["--no-user-stream"])
    #expect(polled.status == 0, "\(polled.stderr)")
    BinanceLiveTests.expectSameTrades(EngineFixtures.read(polled.dir + "/trades.csv"), expected.trades)
    try BinanceLiveTests.expectOrdersMatch(polled.dir, polled.exchange)
    #expect(polled.notices.isEmpty)

    // Each order is looked up once before it is placed (crash recovery). With the stream that
    // is all; without it, every order is also polled until its delayed executions are done,
    // and its commission is read from the account's trades.
    let orders = streamed.exchange.count
    #expect(orders == expected.fills.count && orders >= 8)
    let streamReads = streamed.requests["GET /api/v3/order"] ?? 0
    let pollReads = polled.requests["GET /api/v3/order"] ?? 0
    #expect(streamReads == orders, "order reads with the stream: \(streamReads) for \(orders) orders")
    #expect(pollReads >= 2 * orders, "order reads without the stream: \(pollReads) for \(orders) orders")
    #expect((streamed.requests["GET /api/v3/myTrades"] ?? 0) == 0)
    #expect((polled.requests["GET /api/v3/myTrades"] ?? 0) == orders)
    Self.expectNoSecrets(streamed)
    Self.expectNoSecrets(polled)
  }

  @Test func aDroppedUserStreamReconnectsAndTheRunTradesLikeTheDryRun() throws {
    let setup = try BinanceLiveTests.setUp()
    defer { try? FileManager.default.removeItem(at: setup.scratch.url) }
    let expected = try EngineFixtures.outcome(setup.reference)
    var drops = 0
    let run = try Self.live(setup, name: "dropped") { simulator, child in
      // Drop only the user-data stream twice, each time once an order is at the exchange.
      for after in [2, 5] {
        _ = EngineFixtures.wait(seconds: 60) { !child.isRunning || simulator.orders().count >= after }
        if !child.isRunning { return }
        simulator.send("drop user")
        drops += 1
        // Let it come back before the next drop.
        _ = EngineFixtures.wait(seconds: 30) {
          !child.isRunning
            || EngineFixtures.jsonLines(EngineFixtures.read(setup.scratch.url.path + "/dropped-log.out"))
              .filter { $0["status"] as? String == "reconnected" }.count >= drops
        }
      }
    }
    #expect(run.status == 0, "\(run.stderr)")
    #expect(drops == 2)
    let statuses = run.notices.compactMap { $0["status"] as? String }
    #expect(statuses == ["connected", "dropped", "reconnected", "dropped", "reconnected"], "\(statuses)")
    for notice in run.notices where notice["status"] as? String == "reconnected" {
      #expect(notice["reconciled"] is NSNumber, "\(notice)")
    }
    BinanceLiveTests.expectSameTrades(EngineFixtures.read(run.dir + "/trades.csv"), expected.trades)
    try BinanceLiveTests.expectOrdersMatch(run.dir, run.exchange)
    Self.expectNoSecrets(run)
  }
}

extension BinanceLiveTests.SimulatorProcess {
  /// REST requests the simulator served, by "METHOD PATH".
  func requestCounts() -> [String: Int] {
    send("requests")
    while true {
      let line = readLine()
      if line.isEmpty { return [:] }
      if line.hasPrefix("requests ") {
        let object = (try? JSONSerialization.jsonObject(with: Data(line.dropFirst(9).utf8))) as? [String: Any]
        return (object ?? [:]).compactMapValues { ($0 as? NSNumber)?.intValue }
      }
    }
  }
}
