import Foundation
import Testing

/// `crescent live`: paper unless --live, key rules, the broker registry, and secrets that
/// never reach a log, the state or the reports.
@Suite struct LiveCommandTests {
  static let key = "CRSFAKEKEY7f3a9c1e"
  static let secret = "CRSFAKESECRET4b8d2e6a0c"
  static let environment = ["CRESCENT_BINANCE_KEY": key, "CRESCENT_BINANCE_SECRET": secret]

  /// The environment without any keys the machine might carry.
  static let noKeys = ["CRESCENT_BINANCE_KEY": "", "CRESCENT_BINANCE_SECRET": ""]

  @Test func liveNeedsKeysAndAPrivateKeyFile() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(100, in: scratch)
    let base = ["live", EngineFixtures.strategy("sma_cross"), "--feed", "replay:" + data, "--state", scratch.url.path + "/s"]
    let noKeys = try CrescentBinary.run(base + ["--broker", "binance", "--live"], environment: Self.noKeys)
    #expect(noKeys.status == 2)
    #expect(noKeys.stderr.contains("CRESCENT_BINANCE_KEY") && noKeys.stderr.contains("--keys"))
    let half = try CrescentBinary.run(
      base + ["--broker", "binance", "--live"], environment: ["CRESCENT_BINANCE_KEY": Self.key, "CRESCENT_BINANCE_SECRET": ""])
    #expect(half.status == 2)
    #expect(half.stderr.contains("CRESCENT_BINANCE_SECRET is not set"))

    // The testnet needs (testnet) keys as well; refused before anything is written.
    let testnet = try CrescentBinary.run(base + ["--broker", "binance"], environment: Self.noKeys)
    #expect(testnet.status == 2)
    #expect(testnet.stderr.contains("--broker binance needs API keys") && testnet.stderr.contains("CRESCENT_BINANCE_KEY"))

    let file = try scratch.write("keys", "key=\(Self.key)\nsecret=\(Self.secret)\n")
    chmod(file, 0o644)
    let open = try CrescentBinary.run(base + ["--broker", "binance", "--live", "--keys", file], environment: Self.noKeys)
    #expect(open.status == 2)
    #expect(open.stderr.contains("mode 0644") && open.stderr.contains("chmod 600"))
    chmod(file, 0o600)
    // Production with a private key file: the broker starts and reaches for the exchange
    // (here a closed loopback port), in its own state directory.
    let unreachable = try CrescentBinary.run(
      ["live", EngineFixtures.strategy("sma_cross"), "--feed", "replay:" + data, "--state", scratch.url.path + "/prod",
       "--broker", "binance", "--live", "--keys", file],
      environment: Self.noKeys.merging(["CRESCENT_BINANCE_REST_URL": "http://127.0.0.1:9"]) { $1 })
    #expect(unreachable.status == 1)
    #expect(unreachable.stderr.contains("cannot start the binance broker (production)"), "\(unreachable.stderr)")
    let paperLive = try CrescentBinary.run(base + ["--broker", "paper", "--live"], environment: Self.environment)
    #expect(paperLive.status == 2)
    #expect(paperLive.stderr.contains("paper broker has no exchange"))
    let unknown = try CrescentBinary.run(base + ["--broker", "nyse"], environment: Self.noKeys)
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("'nyse'"))
    // Nothing was started for any of them.
    #expect(!FileManager.default.fileExists(atPath: scratch.url.path + "/s/state.sqlite"))
    for output in [noKeys, half, testnet, open, unreachable, paperLive, unknown] {
      #expect(!output.stderr.contains(Self.secret) && !output.stderr.contains(Self.key))
    }
  }

  @Test func paperWithoutLiveTradesLikeTheDryRun() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(300, in: scratch)
    let strategy = EngineFixtures.strategy("sma_cross")
    let live = try CrescentBinary.run(
      ["live", strategy, "--broker", "paper", "--feed", "replay:" + data, "--state", scratch.url.path + "/live"],
      environment: Self.noKeys)
    #expect(live.status == 0, "\(live.stderr)")
    #expect(live.stdout.contains("with broker paper (paper)"))
    let dry = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:" + data, "--state", scratch.url.path + "/dry"])
    #expect(dry.status == 0)
    #expect(EngineFixtures.read(scratch.url.path + "/live/trades.csv") == EngineFixtures.read(scratch.url.path + "/dry/trades.csv"))
  }

  /// Runs with recognisable fake keys in the environment (and in a key file) and searches
  /// every stream, notification and file the runs leave for them.
  @Test func secretsNeverAppearInOutputs() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(300, in: scratch)
    let server = try LoopbackHTTPServer()
    defer { server.stop() }
    let strategy = EngineFixtures.strategy("rsi_partials")
    let keyFile = try scratch.write("keys", "key=\(Self.key)\nsecret=\(Self.secret)\n")
    chmod(keyFile, 0o600)
    var outputs: [String] = []
    let runs: [[String]] = [
      ["dryrun", strategy, "--feed", "replay:" + data, "--state", scratch.url.path + "/dry", "--webhook", server.url],
      ["dryrun", strategy, "--feed", "replay:" + data, "--state", scratch.url.path + "/json", "--log-json"],
      ["live", strategy, "--broker", "paper", "--feed", "replay:" + data, "--state", scratch.url.path + "/live",
       "--keys", keyFile, "--webhook", server.url],
      ["live", strategy, "--broker", "binance", "--live", "--feed", "replay:" + data, "--state", scratch.url.path + "/b"],
      ["live", strategy, "--broker", "binance", "--feed", "replay:" + data, "--state", scratch.url.path + "/t"],
      ["status", scratch.url.path + "/live", "--json"], ["status", scratch.url.path + "/dry"],
    ]
    for arguments in runs {
      let result = try CrescentBinary.run(arguments, environment: Self.environment)
      outputs += [result.stdout, result.stderr]
    }
    #expect(server.requests.count > 10)
    outputs += server.requests.map(\.body)
    var files = 0
    let enumerator = FileManager.default.enumerator(atPath: scratch.url.path)
    while let name = enumerator?.nextObject() as? String {
      let path = scratch.url.path + "/" + name
      guard path != keyFile, let bytes = FileManager.default.contents(atPath: path) else { continue }
      files += 1
      outputs.append(String(decoding: bytes, as: UTF8.self))
      #expect(bytes.range(of: Data(Self.secret.utf8)) == nil, "the secret is in \(name)")
      #expect(bytes.range(of: Data(Self.key.utf8)) == nil, "the key is in \(name)")
    }
    #expect(files >= 10)
    for text in outputs {
      #expect(!text.contains(Self.secret) && !text.contains(Self.key))
    }
  }
}
