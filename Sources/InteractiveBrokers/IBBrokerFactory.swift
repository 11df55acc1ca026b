import Execution
import Foundation

extension IBBroker {
  /// Options from the environment: `CRESCENT_IB_HOST` (default 127.0.0.1), `CRESCENT_IB_PORT`
  /// (default IB Gateway's paper port 4002, or its live port 4001 with `live`),
  /// `CRESCENT_IB_CLIENT_ID` (default 17), `CRESCENT_IB_ACCOUNT` (default: the login's first
  /// account), `CRESCENT_IB_CONTRACTS` (`SYMBOL=SECTYPE:EXCHANGE:CURRENCY[:PRIMARY],…`) and
  /// `CRESCENT_IB_FILL_TIMEOUT_MS`. Bad values are errors naming the variable.
  public static func options(
    live: Bool, environment: [String: String], base: IBBrokerOptions = .init()
  ) throws(IBError) -> IBBrokerOptions {
    var o = base
    o.port = IBBrokerOptions.defaultPort(live: live)
    func int(_ name: String, _ range: ClosedRange<Int>) throws(IBError) -> Int? {
      guard let text = environment[name], !text.isEmpty else { return nil }
      guard let v = Int(text), range.contains(v) else {
        throw .configuration("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
      }
      return v
    }
    if let host = environment["CRESCENT_IB_HOST"], !host.isEmpty { o.host = host }
    if let port = try int("CRESCENT_IB_PORT", 1...65_535) { o.port = port }
    if let id = try int("CRESCENT_IB_CLIENT_ID", 0...Int(Int32.max)) { o.clientId = id }
    if let account = environment["CRESCENT_IB_ACCOUNT"], !account.isEmpty { o.account = account }
    if let list = environment["CRESCENT_IB_CONTRACTS"], !list.isEmpty { o.contracts = try IBContract.parseList(list) }
    if let ms = try int("CRESCENT_IB_FILL_TIMEOUT_MS", 0...86_400_000) { o.fillTimeout = Int64(ms) }
    return o
  }

  /// The `ib` entry of the broker registry: the paper account (IB Gateway's paper port) by
  /// default, the live account's port with `--live`. TWS or IB Gateway must be running and
  /// logged in; the TWS API takes no keys. The order journal lives in the run's state
  /// directory (`ib-orders.jsonl`).
  public static func factory(
    environment: [String: String] = ProcessInfo.processInfo.environment, base: IBBrokerOptions = .init(),
    log: (@Sendable (String) -> Void)? = nil
  ) -> BrokerFactory {
    BrokerFactory(
      name: "ib", summary: "Interactive Brokers through TWS or IB Gateway: paper port, live port with --live",
      modes: [.testnet, .production], keyVariables: nil
    ) { setup throws(ExecutionError) in
      guard !setup.symbols.isEmpty else {
        throw .invalidArgument("symbols", expected: "at least one symbol to trade", got: "none")
      }
      do {
        let options = try options(live: setup.mode == .production, environment: environment, base: base)
        let broker = try IBBroker(
          options: options, symbols: setup.symbols, fills: setup.fills,
          journal: OrderJournal.path(directory: setup.directory, broker: "ib"), log: log)
        return AnyBroker(broker, name: "ib")
      } catch {
        throw .state("cannot start the ib broker (\(setup.mode == .production ? "live" : "paper")): \(error)")
      }
    }
  }

  public static func register(
    environment: [String: String] = ProcessInfo.processInfo.environment, log: (@Sendable (String) -> Void)? = nil
  ) {
    BrokerRegistry.register(factory(environment: environment, log: log))
  }
}

import BrokerSupport
