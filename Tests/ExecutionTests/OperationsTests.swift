import Execution
import Foundation
import MarketData
import Simulator
import Testing

/// Broker registry, API keys, notifications and the status reader.
@Suite struct OperationsTests {
  static func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("crescent-ops-\(UUID().uuidString)").path
  }

  @Test func registryKnowsPaperAndRefusesWhatItLacks() throws {
    #expect(BrokerRegistry.names.contains("paper"))
    let paper = try BrokerRegistry.make(
      "paper", BrokerSetup(costs: Costs(), fills: [], mode: .paper, credentials: nil))
    #expect(paper.name == "paper")
    #expect(throws: ExecutionError.self) {
      try BrokerRegistry.make("paper", BrokerSetup(costs: Costs(), fills: [], mode: .production, credentials: nil))
    }
    do {
      _ = try BrokerRegistry.factory(named: "binance")
      Issue.record("binance is not registered in this process")
    } catch {
      #expect(error.description.contains("got 'binance'"))
    }
    do {
      _ = try BrokerRegistry.factory(named: "nasdaq")
      Issue.record("an unknown broker was accepted")
    } catch {
      #expect(error.description.contains("'nasdaq'"))
    }
  }

  @Test func aRegisteredFactoryIsUsed() throws {
    BrokerRegistry.register(
      BrokerFactory(name: "test-double", summary: "paper under another name", modes: [.testnet]) { setup in
        AnyBroker(PaperBroker(costs: setup.costs, fills: setup.fills), name: "test-double")
      })
    var broker = try BrokerRegistry.make(
      "test-double", BrokerSetup(costs: Costs(), fills: [], mode: .testnet, credentials: nil))
    let order = Order(
      clientId: "a-1", symbol: "X", side: .buy, kind: .market, quantity: 2, price: 10, slippageBasis: 10, atr: .nan,
      time: 0, purpose: "entry")
    let fill = try broker.submit(order)
    #expect(fill.price == 10 && fill.quantity == 2)
    // Idempotent through the wrapper.
    #expect(try broker.submit(order) == fill)
  }

  @Test func credentialsNeverPrintAndKeyFilesMustBePrivate() throws {
    let credentials = BrokerCredentials(key: "K3Y", secret: "S3CR3T")
    #expect(!"\(credentials)".contains("S3CR3T") && !"\(credentials)".contains("K3Y"))
    #expect(!String(reflecting: credentials).contains("S3CR3T"))
    let dir = Self.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/keys"
    try "# exchange keys\nkey = K3Y\nsecret=S3CR3T\n".write(toFile: file, atomically: true, encoding: .utf8)
    chmod(file, 0o640)
    #expect(throws: CredentialError.self) { try BrokerKeys.load(file: file, environment: [:], required: true) }
    chmod(file, 0o600)
    let loaded = try #require(try BrokerKeys.load(file: file, environment: [:], required: true))
    #expect(loaded == credentials)
    try "key=K3Y\npassword=x\n".write(toFile: file, atomically: true, encoding: .utf8)
    chmod(file, 0o600)
    #expect(throws: CredentialError("\(file):2: unknown name 'password' (expected key or secret)")) {
      try BrokerKeys.load(file: file, environment: [:], required: false)
    }
    let env = [BrokerKeys.keyVariable: "K3Y", BrokerKeys.secretVariable: "S3CR3T"]
    #expect(try BrokerKeys.load(file: nil, environment: env, required: true) == credentials)
    #expect(try BrokerKeys.load(file: nil, environment: [:], required: false) == nil)
    #expect(throws: CredentialError.self) { try BrokerKeys.load(file: nil, environment: [:], required: true) }
    #expect(throws: CredentialError.self) {
      try BrokerKeys.load(file: nil, environment: [BrokerKeys.keyVariable: "K3Y"], required: false)
    }
  }

  @Test func noticesRenderAsOneJSONObjectPerLine() throws {
    let notice = EngineNotice(
      .rejection, time: 0, message: "buy X rejected: \"quoted\"\nnext line",
      fields: [("qty", .number(.nan)), ("count", .integer(3)), ("ok", .bool(false)), ("tag", .text("a\tb"))])
    #expect(!notice.json.contains("\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(notice.json.utf8)) as? [String: Any])
    #expect(object["event"] as? String == "rejection")
    #expect(object["time"] as? String == "1970-01-01T00:00:00Z")
    #expect(object["message"] as? String == "buy X rejected: \"quoted\"\nnext line")
    #expect(object["qty"] is NSNull)
    #expect(object["count"] as? Int == 3)
    #expect(object["tag"] as? String == "a\tb")
    #expect(notice.line.hasPrefix("1970-01-01T00:00:00Z rejection buy X"))
  }

  /// A reversal under equity sizing: the risk estimate frees the closed side's margin first,
  /// as the fill will, so the entry is not refused as zero-sized.
  @Test func reversalsUnderEquitySizingMatchTheBacktest() throws {
    let bars = try Support.goog()
    let config = SimulationConfig(
      sizing: Sizing(mode: .equity(fraction: 0.9999), wholeUnits: true),
      costs: Costs(commission: Commission(percent: 0.001)), cash: 1_000_000)
    let strategy = CrossStrategy(fast: 10, slow: 20, shorts: true, longs: true)
    let expected = try strategy.backtest(bars, config: config)
    #expect(Set(expected.trades.map(\.exitReason)).contains(.reverse))
    let engine = try Engine(
      symbols: ["GOOG"], timeframe: Timeframe(count: 1, unit: .day), config: config,
      strategy: strategy.engineStrategy, broker: PaperBroker(costs: config.costs))
    try ReplayFeed(bars: [bars], policy: .pessimistic).run(engine)
    #expect(engine.trades == expected.trades)
    #expect(engine.decisions.allSatisfy { !$0.verdict.isRejection })
  }

  @Test func statusReadsAFinishedRunAndRefusesAnEmptyDirectory() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(throws: ExecutionError.self) { try RunStatus.read(directory: dir) }
    #expect(!FileManager.default.fileExists(atPath: dir))
    let bars = try Support.goog()
    let config = SimulationConfig(
      exits: ExitRules(stopPercent: 0.04, targetPercent: 0.08), sizing: Sizing(mode: .equity(fraction: 0.5)),
      cash: 100_000)
    let engine = try DryRun.open(
      directory: dir, symbols: ["GOOG"], timeframe: Timeframe(count: 1, unit: .day), config: config,
      strategy: CrossStrategy().engineStrategy)
    let feed = try ReplayFeed(bars: [bars], policy: .pessimistic)
    // Halfway, with a position open: unrealised P&L at the last price.
    for event in feed.events.prefix(feed.events.count / 2) {
      try engine.handle(event)
    }
    try engine.checkpoint()
    let half = try RunStatus.read(directory: dir, decisions: 3)
    #expect(!half.finished)
    #expect(half.events == feed.events.count / 2)
    #expect(half.decisions.count == 3)
    #expect(half.trades == engine.trades.count)
    #expect(abs(half.realizedPnl - engine.trades.reduce(0) { $0 + $1.pnl }) < 1e-6)
    #expect(abs(half.equity - engine.currentEquity) < 1e-6)
    #expect(half.positions.count == engine.positions.count)
    try feed.run(engine)
    let done = try RunStatus.read(directory: dir)
    #expect(done.finished && done.positions.isEmpty && done.unrealizedPnl == 0)
    #expect(done.orders == done.fills && done.openOrders.isEmpty)
    #expect(abs(done.equity - (engine.equity.last?.value ?? 0)) < 1e-6)
  }
}
