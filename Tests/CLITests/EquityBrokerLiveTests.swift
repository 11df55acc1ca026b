import Execution
import Foundation
import Testing

/// `crescent live --broker ib|trading212` against the loopback simulators (paper/demo mode,
/// hosts overridden): the dry run's trades, every order placed once, no key material
/// anywhere, and 20 SIGKILLs during order submission that lose and repeat nothing.
@Suite(.serialized) struct EquityBrokerLiveTests {
  static let t212Key = "CRST212KEYq7w8e9"
  static let t212Secret = "CRST212SECRETm3n4b5v6"

  /// A long-only crossover with 3 % stops, 2 shares, and each broker's commission: IB's
  /// tiered rate (the simulator charges it), none at Trading212.
  static func strategy(costs: String) -> String {
    """
    return {
      name = "equity_e2e",
      params = { fast = 5, slow = 15 },
      signals = function(bars, p)
        local fast, slow = ta.sma(bars.close, p.fast), ta.sma(bars.close, p.slow)
        return { long_entry = ta.crossover(fast, slow), long_exit = ta.crossunder(fast, slow) }
      end,
      sizing = { mode = "units", units = 2 },
      exits = { stop_pct = 0.03 },
      costs = { \(costs) },
      fill = "next_open",
      cash = 100000,
    }
    """
  }

  struct Venue: Sendable {
    var broker: String
    var executable: String
    var arguments: [String]
    var costs: String
    /// Environment for crescent, given the simulator's port.
    var environment: @Sendable (Int) -> [String: String]
    /// The symbol as the simulator names it in `prices`.
    var simulatorSymbol: String
    /// The simulator's status of a filled order.
    var filledStatus: String
  }

  static let ib = Venue(
    broker: "ib", executable: "crescent-ib-simulator", arguments: [],
    costs: "commission_per_unit = 0.0035, commission_min = 0.35, commission_max_pct = 0.01",
    environment: { port in ["CRESCENT_IB_PORT": "\(port)", "CRESCENT_IB_CLIENT_ID": "21"] },
    simulatorSymbol: "QQQ", filledStatus: "Filled")

  static let trading212 = Venue(
    broker: "trading212", executable: "crescent-trading212-simulator",
    arguments: ["--api-key", t212Key, "--secret", t212Secret, "--rate-scale", "100"], costs: "commission = 0",
    environment: { port in
      [
        "CRESCENT_TRADING212_KEY": t212Key, "CRESCENT_TRADING212_SECRET": t212Secret,
        "CRESCENT_TRADING212_URL": "http://127.0.0.1:\(port)", "CRESCENT_TRADING212_TICKERS": "QQQ=QQQ_US_EQ",
        "CRESCENT_TRADING212_POLL_MS": "20",
      ]
    }, simulatorSymbol: "QQQ_US_EQ", filledStatus: "FILLED")

  static func setUp(_ venue: Venue, bars count: Int = 400) throws -> (
    scratch: ScratchDirectory, bars: String, strategy: String, reference: String
  ) {
    let scratch = try ScratchDirectory()
    let lines = try String(contentsOfFile: EngineFixtures.goog, encoding: .utf8).split(separator: "\n")
    let bars = try scratch.write("QQQ.csv", lines.prefix(count + 1).joined(separator: "\n") + "\n")
    let strategy = try scratch.write("equity_e2e.lua", Self.strategy(costs: venue.costs))
    return (scratch, bars, strategy, try BinanceLiveTests.reference(scratch, strategy: strategy, bars: bars))
  }

  /// Broker order id → engine client id, from the broker's order journal in `dir`.
  static func journalled(_ dir: String, broker: String) -> [String: String] {
    var out: [String: String] = [:]
    for line in EngineFixtures.jsonLines(EngineFixtures.read(dir + "/\(broker)-orders.jsonl"))
    where line["event"] as? String == "placed" {
      if let id = line["brokerId"] as? String, let client = line["clientId"] as? String { out[id] = client }
    }
    return out
  }

  /// Every order at the simulator belongs to one order of the state, once, and is booked
  /// there with the quantity and price it filled at (no order placed twice, no fill lost);
  /// an order of the state without a fill never reached the simulator and is recorded as
  /// refused ("dropped": the process died before sending it). Returns how many were dropped.
  @discardableResult
  static func expectOrdersMatch(
    _ dir: String, _ placed: [[String: Any]], venue: Venue, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Int {
    let outcome = try EngineFixtures.outcome(dir)
    let fills = Dictionary(outcome.fills.map { ($0.clientId, $0) }) { a, _ in a }
    let journal = journalled(dir, broker: venue.broker)
    var seen: Set<String> = []
    for order in placed {
      let client =
        venue.broker == "ib"
        ? order["clientId"] as? String : (order["id"] as? NSNumber).flatMap { journal[$0.stringValue] }
      guard let client, outcome.clientIds.contains(client) else {
        Issue.record("an order at the broker belongs to no order of the state: \(order)", sourceLocation: sourceLocation)
        continue
      }
      #expect(seen.insert(client).inserted, "\(client) was placed twice", sourceLocation: sourceLocation)
      #expect(order["status"] as? String == venue.filledStatus, "\(order)", sourceLocation: sourceLocation)
      guard let fill = fills[client] else {
        Issue.record("the fill of \(client) at the broker was lost", sourceLocation: sourceLocation)
        continue
      }
      let executed = (order["executed"] as? NSNumber)?.doubleValue ?? .nan
      let price = (order["averagePrice"] as? NSNumber)?.doubleValue ?? .nan
      #expect(abs(executed - fill.quantity) < 1e-9, "quantity of \(client)", sourceLocation: sourceLocation)
      #expect(abs(price - fill.price) < 1e-6, "price of \(client)", sourceLocation: sourceLocation)
    }
    let dropped = outcome.clientIds.filter { fills[$0] == nil }
    let refused = Set((try StateStore(directory: dir).load()?.rejections ?? []).map(\.clientId))
    for id in dropped {
      #expect(!seen.contains(id), "\(id) is at the broker but not booked", sourceLocation: sourceLocation)
      #expect(refused.contains(id), "\(id) has no fill and is not recorded as refused", sourceLocation: sourceLocation)
    }
    return dropped.count
  }

  func liveTradesLikeTheDryRun(_ venue: Venue) throws {
    let (scratch, bars, strategy, reference) = try Self.setUp(venue)
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let expected = try EngineFixtures.outcome(reference)
    #expect(expected.fills.count >= 8)
    let simulator = try ChildSimulator(executable: venue.executable, arguments: venue.arguments)
    defer { simulator.stop() }
    simulator.send("prices \(venue.simulatorSymbol) " + expected.fills.map { "\($0.price)" }.joined(separator: " "))
    let dir = scratch.url.path + "/live"
    let live = try CrescentBinary.run(
      ["live", strategy, "--broker", venue.broker, "--feed", "replay:" + bars, "--state", dir],
      environment: venue.environment(simulator.port))
    #expect(live.status == 0, "\(live.stderr)")
    #expect(live.stdout.contains("with broker \(venue.broker) (testnet)"))
    BinanceLiveTests.expectSameTrades(EngineFixtures.read(dir + "/trades.csv"), expected.trades)
    #expect(try Self.expectOrdersMatch(dir, simulator.orders(), venue: venue) == 0)
    for text in [live.stdout, live.stderr] { #expect(!text.contains(Self.t212Key) && !text.contains(Self.t212Secret)) }
    #expect(Self.filesWithSecrets(dir).isEmpty)
  }

  func killedDuringSubmissionLosesAndRepeatsNothing(_ venue: Venue, delayCommand: String) throws {
    let (scratch, bars, strategy, reference) = try Self.setUp(venue, bars: 1000)
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let expected = try EngineFixtures.outcome(reference)
    let simulator = try ChildSimulator(executable: venue.executable, arguments: venue.arguments)
    defer { simulator.stop() }
    simulator.send("prices \(venue.simulatorSymbol) " + expected.fills.map { "\($0.price)" }.joined(separator: " "))
    // Each order is at the broker 300 ms before the adapter hears of it.
    simulator.send(delayCommand)
    let dir = scratch.url.path + "/killed"
    let arguments = ["live", strategy, "--broker", venue.broker, "--feed", "replay:" + bars, "--state", dir, "--quiet"]
    let logs = scratch.url.path + "/child"
    let loop = try KillLoop(
      arguments: arguments, environment: venue.environment(simulator.port), logs: logs, target: 20, seed: 0x1B7212,
      placed: { simulator.orders().count },
      inFlight: { simulator.orders().count > ((try? EngineFixtures.outcome(dir))?.fills.count ?? 0) })
    guard loop.finished else { return }
    let (kills, inFlight) = (loop.kills, loop.inFlight)
    #expect(kills >= 20)
    #expect(inFlight >= 10, "kills with an order in flight: \(inFlight)")
    #expect(try RunStatus.read(directory: dir).finished)
    let dropped = try Self.expectOrdersMatch(dir, simulator.orders(), venue: venue)
    // A kill between the order's commit and its sending drops it (the engine's rule), and
    // the run then trades differently from there; otherwise it is the dry run's.
    if dropped == 0 {
      BinanceLiveTests.expectSameTrades(EngineFixtures.read(dir + "/trades.csv"), expected.trades)
    }
    #expect(dropped <= 3, "\(dropped) orders dropped")
    print(
      "\(venue.broker): \(kills) SIGKILLs, \(inFlight) with an order at the broker not yet booked, \(dropped) dropped before sending, \(simulator.orders().count) orders placed once each"
    )
    #expect(Self.filesWithSecrets(dir).isEmpty)
    #expect(!EngineFixtures.read(logs + ".err").contains(Self.t212Secret))
  }

  static func filesWithSecrets(_ dir: String) -> [String] {
    EngineFixtures.files(in: dir, containing: [t212Key, t212Secret])
  }

  @Test func ibLiveThroughTheSimulatorTradesLikeTheDryRun() throws { try liveTradesLikeTheDryRun(Self.ib) }

  @Test func trading212LiveThroughTheSimulatorTradesLikeTheDryRun() throws {
    try liveTradesLikeTheDryRun(Self.trading212)
  }

  @Test func ibKilledDuringOrderSubmissionLosesAndRepeatsNothing() throws {
    try killedDuringSubmissionLosesAndRepeatsNothing(Self.ib, delayCommand: "fault delay 300 orders")
  }

  @Test func trading212KilledDuringOrderSubmissionLosesAndRepeatsNothing() throws {
    try killedDuringSubmissionLosesAndRepeatsNothing(Self.trading212, delayCommand: "fault delay 300 orders")
  }

  /// `engine.live{broker = ...}` from a Lua script trades through each simulator as the CLI does.
  @Test(arguments: ["ib", "trading212"]) func engineLiveFromLuaTradesLikeTheDryRun(_ name: String) throws {
    let venue = name == "ib" ? Self.ib : Self.trading212
    let (scratch, bars, strategy, reference) = try Self.setUp(venue)
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let expected = try EngineFixtures.outcome(reference)
    let simulator = try ChildSimulator(executable: venue.executable, arguments: venue.arguments)
    defer { simulator.stop() }
    simulator.send("prices \(venue.simulatorSymbol) " + expected.fills.map { "\($0.price)" }.joined(separator: " "))
    let dir = scratch.url.path + "/lua"
    let script = try scratch.write(
      "live.lua",
      """
      local h = engine.live{strategy = "\(strategy)", broker = "\(name)", feed = "replay:\(bars)", state = "\(dir)"}
      local s = h:run()
      print(s.finished, #h:trades())
      """)
    let run = try CrescentBinary.run(["run", script], environment: venue.environment(simulator.port))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("true"))
    BinanceLiveTests.expectSameTrades(EngineFixtures.read(dir + "/trades.csv"), expected.trades)
    #expect(try Self.expectOrdersMatch(dir, simulator.orders(), venue: venue) == 0)
    #expect(Self.filesWithSecrets(dir).isEmpty)
  }

  @Test func brokerChoicesAndKeysAreCheckedBeforeAnythingRuns() throws {
    let scratch = try ScratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let bars = try EngineFixtures.googHead(30, in: scratch)
    let strategy = try scratch.write("s.lua", Self.strategy(costs: "commission = 0"))
    let base = ["live", strategy, "--feed", "replay:" + bars, "--state", scratch.url.path + "/s"]
    let env = ["CRESCENT_TRADING212_KEY": "", "CRESCENT_TRADING212_SECRET": ""]
    let noKeys = try CrescentBinary.run(base + ["--broker", "trading212"], environment: env)
    #expect(noKeys.status == 2 && noKeys.stderr.contains("CRESCENT_TRADING212_KEY"))
    let unknown = try CrescentBinary.run(base + ["--broker", "mt5"], environment: env)
    #expect(unknown.status == 2 && unknown.stderr.contains("ib") && unknown.stderr.contains("trading212"))
    // ib needs no keys; with nothing listening it fails to connect, clearly.
    let closed = try CrescentBinary.run(base + ["--broker", "ib"], environment: ["CRESCENT_IB_PORT": "1"])
    #expect(closed.status != 0 && closed.stderr.contains("cannot start the ib broker (paper)"))
    // Paper uses IB Gateway's paper port, --live its live port.
    let paper = try CrescentBinary.run(base + ["--broker", "ib"], environment: ["CRESCENT_IB_PORT": ""])
    #expect(paper.stderr.contains("127.0.0.1:4002") && !paper.stderr.contains("4001"))
    let live = try CrescentBinary.run(
      ["live", strategy, "--feed", "replay:" + bars, "--state", scratch.url.path + "/live", "--broker", "ib", "--live"],
      environment: ["CRESCENT_IB_PORT": ""])
    #expect(live.stderr.contains("cannot start the ib broker (live)") && live.stderr.contains("127.0.0.1:4001"))
    let t212Live = try CrescentBinary.run(base + ["--broker", "trading212", "--live"], environment: env)
    #expect(t212Live.status == 2 && t212Live.stderr.contains("CRESCENT_TRADING212_SECRET"))
    let badTickers = try CrescentBinary.run(
      ["live", strategy, "--feed", "replay:" + bars, "--state", scratch.url.path + "/t", "--broker", "trading212"],
      environment: ["CRESCENT_TRADING212_KEY": "k", "CRESCENT_TRADING212_SECRET": "s", "CRESCENT_TRADING212_TICKERS": "QQQ"])
    #expect(badTickers.stderr.contains("CRESCENT_TRADING212_TICKERS item 'QQQ': expected SYMBOL=TICKER"))
    #expect(!badTickers.stderr.contains("CRESCENT_TRADING212_SECRET=") && !badTickers.stdout.contains("\"s\""))
    let badPort = try CrescentBinary.run(base + ["--broker", "ib"], environment: ["CRESCENT_IB_PORT": "http"])
    #expect(badPort.stderr.contains("CRESCENT_IB_PORT must be an integer"))
  }
}
