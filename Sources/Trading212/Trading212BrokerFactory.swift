import BrokerSupport
import Execution
import Foundation

extension Trading212Broker {
  public static let keyVariables = BrokerKeys.Variables(key: "CRESCENT_TRADING212_KEY", secret: "CRESCENT_TRADING212_SECRET")

  /// The `trading212` entry of the broker registry: the demo (paper) account by default, the
  /// live account with `--live`. Keys from `CRESCENT_TRADING212_KEY` and
  /// `CRESCENT_TRADING212_SECRET` or a key file; `CRESCENT_TRADING212_URL` overrides the host
  /// (tests), `CRESCENT_TRADING212_TICKERS` maps symbols to tickers (`VUSA=VUSAl_EQ,…`),
  /// `CRESCENT_TRADING212_POLL_MS` and `CRESCENT_TRADING212_FILL_TIMEOUT_MS` tune following.
  /// The order journal lives in the run's state directory (`trading212-orders.jsonl`).
  public static func factory(
    environment: [String: String] = ProcessInfo.processInfo.environment, log: (@Sendable (String) -> Void)? = nil
  ) -> BrokerFactory {
    BrokerFactory(
      name: "trading212", summary: "Trading212 (REST API v0): demo account, live with --live",
      modes: [.testnet, .production], keyVariables: keyVariables
    ) { setup throws(ExecutionError) in
      guard let keys = setup.credentials else {
        throw .invalidArgument(
          "keys", expected: "\(keyVariables.key) and \(keyVariables.secret) in the environment, or a key file",
          got: "none for broker trading212")
      }
      guard !setup.symbols.isEmpty else {
        throw .invalidArgument("symbols", expected: "at least one symbol to trade", got: "none")
      }
      do {
        let options = try options(environment: environment)
        let text =
          environment["CRESCENT_TRADING212_URL"].flatMap { $0.isEmpty ? nil : $0 }
          ?? (setup.mode == .production ? Trading212BrokerOptions.liveURL : Trading212BrokerOptions.demoURL)
        guard let url = URL(string: text), url.host != nil else {
          throw T212Error.configuration("CRESCENT_TRADING212_URL must be a URL, got '\(text)'")
        }
        let rest = try T212REST(base: url, key: keys.key, secret: keys.secret, timeoutMilliseconds: options.timeout, log: log)
        let broker = try Trading212Broker(
          rest: rest, symbols: setup.symbols, options: options, fills: setup.fills,
          journal: OrderJournal.path(directory: setup.directory, broker: "trading212"))
        return AnyBroker(broker, name: "trading212")
      } catch {
        throw .state("cannot start the trading212 broker (\(setup.mode == .production ? "live" : "demo")): \(error)")
      }
    }
  }

  static func options(environment: [String: String]) throws(T212Error) -> Trading212BrokerOptions {
    var o = Trading212BrokerOptions()
    if let list = environment["CRESCENT_TRADING212_TICKERS"], !list.isEmpty {
      for item in list.split(separator: ",") {
        let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
          throw .configuration("CRESCENT_TRADING212_TICKERS item '\(item)': expected SYMBOL=TICKER")
        }
        o.tickers[pair[0]] = pair[1]
      }
    }
    func milliseconds(_ name: String) throws(T212Error) -> Int64? {
      guard let text = environment[name], !text.isEmpty else { return nil }
      guard let v = Int64(text), v >= 0 else { throw .configuration("\(name) must be a whole number of ms, got '\(text)'") }
      return v
    }
    if let v = try milliseconds("CRESCENT_TRADING212_POLL_MS") { o.pollInterval = max(1, v) }
    if let v = try milliseconds("CRESCENT_TRADING212_FILL_TIMEOUT_MS") { o.fillTimeout = v }
    return o
  }

  public static func register(
    environment: [String: String] = ProcessInfo.processInfo.environment, log: (@Sendable (String) -> Void)? = nil
  ) {
    BrokerRegistry.register(factory(environment: environment, log: log))
  }
}
