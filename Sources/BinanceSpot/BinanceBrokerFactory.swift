import Execution
import Foundation

extension BinanceBroker {
  /// The `binance` entry of the broker registry: testnet, or production for `--live`, with
  /// the run's keys and symbols. Endpoints follow `CRESCENT_BINANCE_REST_URL`,
  /// `CRESCENT_BINANCE_STREAM_URL` and `CRESCENT_BINANCE_WS_API_URL` when set in
  /// `environment`.
  ///
  /// The broker knows the fills committed in the state directory; an order the state holds
  /// as submitted but not filled is found at the exchange by its client id when the resumed
  /// engine submits it again (`submit` places nothing twice), so a fill the exchange made
  /// before a crash is recovered rather than lost or repeated.
  ///
  /// Once the time and the symbols' rules are checked, the broker opens the user-data stream
  /// (unless `options.userStream` is false): fills are then followed through its
  /// `executionReport`s, with REST as a rare safety net; it is kept alive with pings,
  /// reconnected with `options.backoff` and subscribed again, and after each reconnect the
  /// working orders and balances are re-read over REST. While it is down (or when its first
  /// connection fails) orders are followed over REST every `pollInterval`. Each drop and
  /// return goes to `notify`. A stream that cannot be opened never stops the run.
  public static func factory(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    options: BinanceBrokerOptions = .init(),
    notify: (@Sendable (UserStreamNotice) -> Void)? = nil
  ) -> BrokerFactory {
    BrokerFactory(
      name: "binance", summary: "Binance Spot: testnet, or production with --live",
      modes: [.testnet, .production]
    ) { setup throws(ExecutionError) in
      guard let keys = setup.credentials else {
        throw .invalidArgument(
          "keys",
          expected:
            "\(BrokerKeys.keyVariable) and \(BrokerKeys.secretVariable) in the environment, or a key file",
          got: "none for broker binance")
      }
      guard !setup.symbols.isEmpty else {
        throw .invalidArgument("symbols", expected: "at least one symbol to trade", got: "none")
      }
      let broker: BinanceBroker
      do {
        broker = try BinanceBroker.connect(
          production: setup.mode == .production, credentials: try BinanceCredentials(keys),
          symbols: setup.symbols, options: options, fills: setup.fills, environment: environment)
      } catch {
        throw .state("cannot start the binance broker (\(setup.mode.rawValue)): \(error)")
      }
      if options.userStream { broker.openUserDataStream(notify: notify) }
      return AnyBroker(broker, name: "binance")
    }
  }

  /// Adds `factory(environment:options:notify:)` to the broker registry (replacing an earlier
  /// `binance` entry).
  public static func register(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    options: BinanceBrokerOptions = .init(),
    notify: (@Sendable (UserStreamNotice) -> Void)? = nil
  ) {
    BrokerRegistry.register(factory(environment: environment, options: options, notify: notify))
  }
}
