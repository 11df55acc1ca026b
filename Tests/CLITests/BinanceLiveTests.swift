import Execution
import Foundation
import Testing

/// `crescent live --broker binance` against the loopback exchange simulator (testnet mode,
/// URLs overridden): the same trades as `crescent dryrun`, every order placed once, no key
/// material anywhere, and SIGKILLs during order submission that lose and repeat nothing.
@Suite(.serialized) struct BinanceLiveTests {
  static let key = "CRSFAKEKEYb1n4nce5e"
  static let secret = "CRSFAKESECRETb1n4nce9d0"

  /// A long-only crossover with stop exits (market orders), one lot of 2 units, Binance's taker
  /// commission (the simulator's 0.1 %) and no slippage, so paper and exchange fills agree.
  static let strategySource = """
    return {
      name = "binance_e2e",
      params = { fast = 5, slow = 15 },
      signals = function(bars, p)
        local fast, slow = ta.sma(bars.close, p.fast), ta.sma(bars.close, p.slow)
        return { long_entry = ta.crossover(fast, slow), long_exit = ta.crossunder(fast, slow) }
      end,
      sizing = { mode = "units", units = 2 },
      exits = { stop_pct = 0.03 },
      costs = { commission = 0.001 },
      fill = "next_open",
      cash = 100000,
    }
    """

  /// The exchange simulator as a child process, with these tests' keys.
  final class SimulatorProcess: ChildSimulator {
    init(key: String, secret: String) throws {
      try super.init(executable: "crescent-exchange-simulator", arguments: ["--api-key", key, "--secret", secret])
    }

    var environment: [String: String] {
      [
        "CRESCENT_BINANCE_KEY": BinanceLiveTests.key, "CRESCENT_BINANCE_SECRET": BinanceLiveTests.secret,
        "CRESCENT_BINANCE_REST_URL": "http://127.0.0.1:\(port)",
        "CRESCENT_BINANCE_STREAM_URL": "ws://127.0.0.1:\(port)",
        "CRESCENT_BINANCE_WS_API_URL": "ws://127.0.0.1:\(port)/ws-api/v3",
      ]
    }
  }

  /// A dry run of the strategy on `bars`: its state directory.
  static func reference(_ scratch: ScratchDirectory, strategy: String, bars: String) throws -> String {
    let dir = scratch.url.path + "/dryrun"
    let run = try CrescentBinary.run([
      "dryrun", strategy, "--feed", "replay:" + bars, "--state", dir, "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    return dir
  }

  /// Both trade lists cell by cell: text exactly, numbers within 1e-6 relative (the exchange
  /// speaks 8-decimal strings: prices, quantities and commissions come back rounded).
  static func expectSameTrades(
    _ got: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let a = got.split(separator: "\n"), b = expected.split(separator: "\n")
    #expect(a.count == b.count, "trade rows: \(a.count) vs \(b.count)", sourceLocation: sourceLocation)
    #expect(b.count > 3, "the reference has too few trades to compare", sourceLocation: sourceLocation)
    for (rowA, rowB) in zip(a, b) {
      let cellsA = rowA.split(separator: ",", omittingEmptySubsequences: false)
      let cellsB = rowB.split(separator: ",", omittingEmptySubsequences: false)
      guard cellsA.count == cellsB.count else {
        Issue.record("\(rowA) vs \(rowB)", sourceLocation: sourceLocation)
        return
      }
      for (x, y) in zip(cellsA, cellsB) {
        if let u = Double(x), let v = Double(y) {
          let close = abs(u - v) <= 1e-6 * max(1, abs(u), abs(v)) || (u.isNaN && v.isNaN)
          #expect(close, "\(rowA) vs \(rowB)", sourceLocation: sourceLocation)
          if !close { return }
        } else if x != y {
          Issue.record("\(rowA) vs \(rowB)", sourceLocation: sourceLocation)
          return
        }
      }
    }
  }

  /// Each order the state holds reached the exchange exactly once and filled there with the
  /// quantity the state booked: no duplicate client id, no lost fill.
  static func expectOrdersMatch(
    _ dir: String, _ exchange: [[String: Any]], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let outcome = try EngineFixtures.outcome(dir)
    let ids = exchange.compactMap { $0["clientId"] as? String }
    #expect(ids.count == exchange.count, sourceLocation: sourceLocation)
    #expect(
      Set(ids).count == ids.count, "a client order id was placed twice: \(ids)",
      sourceLocation: sourceLocation)
    #expect(
      ids == outcome.clientIds, "exchange \(ids) vs state \(outcome.clientIds)",
      sourceLocation: sourceLocation)
    #expect(
      outcome.fills.map(\.clientId) == outcome.clientIds, "an order without its fill",
      sourceLocation: sourceLocation)
    let executed = Dictionary(
      exchange.map { ($0["clientId"] as? String ?? "", ($0["executed"] as? NSNumber)?.doubleValue ?? .nan) }
    ) { a, _ in a }
    for order in exchange {
      #expect(order["status"] as? String == "FILLED", "\(order)", sourceLocation: sourceLocation)
    }
    for fill in outcome.fills {
      #expect(
        abs((executed[fill.clientId] ?? .nan) - fill.quantity) < 1e-9, "fill \(fill.clientId)",
        sourceLocation: sourceLocation)
    }
  }

  /// Files under `dir` (recursively) whose bytes contain the key or the secret.
  static func filesWithSecrets(_ dir: String) -> [String] { EngineFixtures.files(in: dir, containing: [key, secret]) }

  /// The scratch directory, the bars (GOOG daily, as the simulator's BTCUSDT), the strategy
  /// and the dry run's state directory.
  static func setUp() throws -> (scratch: ScratchDirectory, bars: String, strategy: String, reference: String)
  {
    let scratch = try ScratchDirectory()
    let lines = try String(contentsOfFile: EngineFixtures.goog, encoding: .utf8).split(separator: "\n")
    let bars = try scratch.write("BTCUSDT.csv", lines.prefix(401).joined(separator: "\n") + "\n")
    let strategy = try scratch.write("binance_e2e.lua", strategySource)
    return (scratch, bars, strategy, try reference(scratch, strategy: strategy, bars: bars))
  }

  @Test func liveThroughTheSimulatorTradesLikeTheDryRun() throws {
    let (scratch, bars, strategy, reference) = try Self.setUp()
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let expected = try EngineFixtures.outcome(reference)
    #expect(expected.fills.count >= 8)
    let simulator = try SimulatorProcess(key: Self.key, secret: Self.secret)
    defer { simulator.stop() }
    // The exchange's market moves to each dry-run fill price as the order arrives.
    simulator.send("prices BTCUSDT " + expected.fills.map { "\($0.price)" }.joined(separator: " "))

    let dir = scratch.url.path + "/live"
    let live = try CrescentBinary.run(
      ["live", strategy, "--broker", "binance", "--feed", "replay:" + bars, "--state", dir],
      environment: simulator.environment)
    #expect(live.status == 0, "\(live.stderr)")
    #expect(live.stdout.contains("with broker binance (testnet)"))
    Self.expectSameTrades(EngineFixtures.read(dir + "/trades.csv"), expected.trades)
    try Self.expectOrdersMatch(dir, simulator.orders())
    for text in [live.stdout, live.stderr] {
      #expect(!text.contains(Self.key) && !text.contains(Self.secret))
    }
    #expect(Self.filesWithSecrets(dir).isEmpty, "key material in \(Self.filesWithSecrets(dir))")
  }

  @Test func killedDuringOrderSubmissionLosesAndRepeatsNothing() throws {
    let (scratch, bars, strategy, reference) = try Self.setUp()
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let expected = try EngineFixtures.outcome(reference)
    let simulator = try SimulatorProcess(key: Self.key, secret: Self.secret)
    defer { simulator.stop() }
    simulator.send("prices BTCUSDT " + expected.fills.map { "\($0.price)" }.joined(separator: " "))
    // Each placement is on the exchange 300 ms before its answer arrives.
    simulator.send("fault delay 300 orders")

    let dir = scratch.url.path + "/killed"
    let arguments = [
      "live", strategy, "--broker", "binance", "--feed", "replay:" + bars, "--state", dir, "--quiet",
    ]
    let logs = scratch.url.path + "/child"
    let loop = try KillLoop(
      arguments: arguments, environment: simulator.environment, logs: logs, target: 14, seed: 0xB1A7CE,
      placed: { simulator.orders().count },
      inFlight: {
        let booked = Set(((try? EngineFixtures.outcome(dir))?.fills ?? []).map(\.clientId))
        return simulator.orders().compactMap { $0["clientId"] as? String }.contains { !booked.contains($0) }
      })
    guard loop.finished else { return }
    let (kills, inFlight) = (loop.kills, loop.inFlight)
    #expect(kills >= 14)
    // At least the deliberate kills caught an order the exchange had placed and the state
    // had not booked yet; the restart recovered its fill instead of placing it again.
    #expect(inFlight >= 7, "kills with an order in flight: \(inFlight)")
    #expect(try RunStatus.read(directory: dir).finished)
    Self.expectSameTrades(EngineFixtures.read(dir + "/trades.csv"), expected.trades)
    try Self.expectOrdersMatch(dir, simulator.orders())
    #expect(!EngineFixtures.read(logs + ".out").contains(Self.secret))
    #expect(!EngineFixtures.read(logs + ".err").contains(Self.secret))
    #expect(Self.filesWithSecrets(dir).isEmpty)
  }

  @Test func exchangeFeedDrivesTheEngineLikeTheReplay() throws {
    let (scratch, bars, strategy, reference) = try Self.setUp()
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let expected = EngineFixtures.read(reference + "/trades.csv").split(separator: "\n")
    let simulator = try SimulatorProcess(key: Self.key, secret: Self.secret)
    defer { simulator.stop() }
    let dir = scratch.url.path + "/stream"
    let logs = scratch.url.path + "/stream-log"
    let child = try EngineFixtures.spawn(
      ["dryrun", strategy, "--feed", "binance:BTCUSDT@1d", "--state", dir, "--log-json"],
      environment: simulator.environment, logs: logs)
    defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }
    // The start line is printed once the market stream is connected.
    #expect(EngineFixtures.wait(seconds: 30) { EngineFixtures.read(logs + ".out").contains("\"start\"") })
    let day = ISO8601DateFormatter()
    day.formatOptions = [.withFullDate]
    var candles = 0
    for line in EngineFixtures.read(bars).split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",").map(String.init)
      guard cells.count == 6, let date = day.date(from: cells[0]) else { continue }
      let ms = Int64(date.timeIntervalSince1970 * 1000)
      simulator.send("kline BTCUSDT 1d \(ms) \(cells[1]) \(cells[2]) \(cells[3]) \(cells[4]) \(cells[5])")
      candles += 1
    }
    #expect(candles == 400)
    // Five engine events per candle: its four ticks and its close. Events that changed
    // nothing wait for the next commit (the stop commits them), so give the engine time.
    usleep(5_000_000)
    kill(child.processIdentifier, SIGTERM)
    child.waitUntilExit()
    #expect(child.terminationStatus == 0, "\(EngineFixtures.read(logs + ".err"))")
    #expect(try RunStatus.read(directory: dir).events == candles * 5)
    #expect(EngineFixtures.read(logs + ".out").contains("binance:BTCUSDT@1d"))
    // A stream has no end, so a trade the replay closes at its end stays open here.
    let got = EngineFixtures.read(dir + "/trades.csv").split(separator: "\n")
    #expect(got.count >= expected.count - 1 && got.count > 5)
    Self.expectSameTrades(
      got.joined(separator: "\n"), expected.prefix(got.count).joined(separator: "\n"))
    #expect(try !RunStatus.read(directory: dir).finished)
  }
}
