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
  /// before a crash is recovered rather than lost or repeated. Orders are followed over REST
  /// (the placement's answer, then `pollInterval`); no user-data stream is opened.
  public static func factory(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    options: BinanceBrokerOptions = .init()
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
      do {
        let broker = try BinanceBroker.connect(
          production: setup.mode == .production, credentials: try BinanceCredentials(keys),
          symbols: setup.symbols, options: options, fills: setup.fills, environment: environment)
        return AnyBroker(broker, name: "binance")
      } catch {
        throw .state("cannot start the binance broker (\(setup.mode.rawValue)): \(error)")
      }
    }
  }

  /// Adds `factory(environment:)` to the broker registry.
  public static func register(environment: [String: String] = ProcessInfo.processInfo.environment) {
    BrokerRegistry.register(factory(environment: environment))
  }
}
