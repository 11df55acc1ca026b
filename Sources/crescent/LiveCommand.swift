import ArgumentParser
import BinanceSpot
import Execution
import Foundation
import LuaBindings

#if canImport(Glibc)
  import Glibc
#endif

/// `crescent live STRATEGY --broker NAME --state DIR [--live]`: the same engine with a broker
/// from the registry; real orders only with `--live`.
struct LiveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "live",
    abstract: "Trade a strategy file through a broker (paper unless --live).",
    discussion: """
      Without --live nothing reaches an exchange with real money: --broker paper fills on paper,
      an exchange broker uses its test network. --live sends real orders and needs API keys:
      CRESCENT_BINANCE_KEY and CRESCENT_BINANCE_SECRET in the environment, or --keys FILE
      (lines key=... and secret=...; the file must be readable by its owner only, mode 0600).
      Keys never appear in logs, state or reports. Brokers in this build: \(BrokerRegistry.names.joined(separator: ", ")).
      State, reports, signals and the kill switch work as in `crescent dryrun`.
      --broker binance follows its orders through Binance's user-data stream (reconnected with
      backoff; while it is down, and with --no-user-stream, orders are polled over REST); each
      drop and return of the stream is logged.
      """)

  @OptionGroup var script: ScriptOptions
  @OptionGroup var engine: EngineOptions

  @Argument(help: "The strategy file (a Lua file returning a strategy table).")
  var strategy: String

  @Option(help: ArgumentHelp("The broker: paper, or an exchange adapter (binance).", valueName: "name"))
  var broker: String

  @Flag(help: "Trade real money (production endpoints). Needs API keys.")
  var live = false

  @Option(help: ArgumentHelp("API key file (key=..., secret=...; mode 0600).", valueName: "file"))
  var keys: String?

  @Flag(
    name: .customLong("no-user-stream"),
    help: "Follow orders by polling the exchange's REST API only; open no user-data stream.")
  var noUserStream = false

  func run() throws {
    // Keys, mode and broker are checked before anything is loaded or written; every
    // problem here is a usage error (exit 2).
    let credentials: BrokerCredentials?
    do {
      credentials = try BrokerKeys.load(file: keys, environment: ProcessInfo.processInfo.environment, required: live)
      if live && broker == "paper" {
        throw EngineSessionError(
          .usage, "--live trades real money and the paper broker has no exchange; use --broker binance, or drop --live")
      }
      _ = try BrokerRegistry.factory(named: broker)
      if broker != "paper" && credentials == nil {
        throw CredentialError(
          "--broker \(broker) needs API keys (its test network's keys without --live): set \(BrokerKeys.keyVariable) and \(BrokerKeys.secretVariable), or pass --keys FILE (mode 0600)"
        )
      }
    } catch {
      FileHandleOutput.standardError.write("crescent: \(error)\n")
      throw ExitCode(ExitStatus.usage)
    }
    let mode: BrokerMode = live ? .production : broker == "paper" ? .paper : .testnet
    if broker == "binance" {
      BinanceBroker.register(
        options: BinanceBrokerOptions(userStream: !noUserStream),
        notify: Self.streamLogger(json: engine.logJSON, quiet: engine.quiet))
    }
    try EngineRunner(
      script: script, engine: engine, strategy: strategy, broker: broker, mode: mode, credentials: credentials
    ).run()
  }

  /// Logs the user-data stream's notices on stdout beside the engine's: one readable line, or
  /// with --log-json one object `{"event":"user_stream","status":…,"message":…}` (plus
  /// `reason` or `reconciled` when known); nothing with --quiet.
  static func streamLogger(json: Bool, quiet: Bool) -> (@Sendable (UserStreamNotice) -> Void)? {
    if quiet { return nil }
    return { notice in
      var text = notice.message
      if json {
        var object: [String: Any] = [
          "event": "user_stream", "status": notice.kind.rawValue, "message": notice.message,
        ]
        if let reason = notice.reason { object["reason"] = reason }
        if let reconciled = notice.reconciled { object["reconciled"] = reconciled }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
          return
        }
        text = String(decoding: data, as: UTF8.self)
      }
      FileHandleOutput.standardOutput.write(text + "\n")
    }
  }
}
