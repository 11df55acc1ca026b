import ArgumentParser
import BinanceSpot
import InteractiveBrokers
import Trading212
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
      binance uses its testnet, trading212 its demo account, ib the paper account's port of IB
      Gateway (4002). --live sends real orders. binance and trading212 need API keys
      (CRESCENT_BINANCE_KEY/_SECRET, CRESCENT_TRADING212_KEY/_SECRET) in the environment, or
      --keys FILE (lines key=... and secret=...; the file must be readable by its owner only,
      mode 0600); ib needs none (TWS or IB Gateway holds the login): CRESCENT_IB_HOST,
      CRESCENT_IB_PORT, CRESCENT_IB_CLIENT_ID, CRESCENT_IB_ACCOUNT and CRESCENT_IB_CONTRACTS
      say where and what it trades.
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

  @Option(help: ArgumentHelp("The broker: paper, or an adapter (binance, ib, trading212).", valueName: "name"))
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
      _ = try BrokerRegistry.factory(named: broker)
      let variables = BrokerRegistry.keyVariables(of: broker)
      credentials = try variables.flatMap {
        try BrokerKeys.load(file: keys, environment: ProcessInfo.processInfo.environment, required: live, variables: $0)
      }
      if live && broker == "paper" {
        throw EngineSessionError(
          .usage,
          "--live trades real money and the paper broker has no exchange; use --broker binance, ib or trading212, or drop --live")
      }
      if let variables, credentials == nil {
        throw CredentialError(
          "--broker \(broker) needs API keys (its demo or test network's keys without --live): set \(variables.key) and \(variables.secret), or pass --keys FILE (mode 0600)"
        )
      }
    } catch {
      FileHandleOutput.standardError.write("crescent: \(error)\n")
      throw ExitCode(ExitStatus.usage)
    }
    let mode: BrokerMode = live ? .production : broker == "paper" ? .paper : .testnet
    if broker == "ib" || broker == "trading212" {
      let log = Self.brokerLogger(broker, json: engine.logJSON, quiet: engine.quiet)
      if broker == "ib" { IBBroker.register(log: log) } else { Trading212Broker.register(log: log) }
    }
    if broker == "binance" {
      BinanceBroker.register(
        options: BinanceBrokerOptions(userStream: !noUserStream),
        notify: Self.streamLogger(json: engine.logJSON, quiet: engine.quiet))
    }
    try EngineRunner(
      script: script, engine: engine, strategy: strategy, broker: broker, mode: mode, credentials: credentials
    ).run()
  }

  /// Logs a broker's connection events on stdout beside the engine's: one line, or with
  /// --log-json `{"event":"broker","broker":…,"message":…}`; nothing with --quiet.
  static func brokerLogger(_ name: String, json: Bool, quiet: Bool) -> (@Sendable (String) -> Void)? {
    if quiet { return nil }
    return { message in
      var text = "\(name): \(message)"
      if json,
        let data = try? JSONSerialization.data(
          withJSONObject: ["event": "broker", "broker": name, "message": message], options: [.sortedKeys])
      {
        text = String(decoding: data, as: UTF8.self)
      }
      FileHandleOutput.standardOutput.write(text + "\n")
    }
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
