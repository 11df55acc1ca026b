import Foundation

/// A feed whose events arrive over time: an exchange's market stream, as opposed to a file
/// replay. The engine session polls it and feeds what came into the same loop a replay runs.
public protocol LiveFeed: AnyObject {
  /// The engine events that arrived, oldest first, waiting up to `timeout` ms (real time)
  /// for the first; empty when none came. Symbol indices follow `LiveFeedSetup.symbols`.
  func next(timeout: Int64) -> [FeedEvent]
  /// Closes the connection.
  func stop()
}

/// What a live feed factory gets: the symbols (in the engine's order), the candle interval
/// in the exchange's notation (`1m`, `1h`, ...), and whether to read production market data
/// (false: the exchange's test network).
public struct LiveFeedSetup: Sendable {
  public var symbols: [String]
  public var interval: String
  public var production: Bool

  public init(symbols: [String], interval: String, production: Bool) {
    self.symbols = symbols
    self.interval = interval
    self.production = production
  }
}

/// Live feeds by exchange name (`--feed binance:BTCUSDT@1m`); exchange adapters register
/// theirs at start-up, as brokers do.
public enum LiveFeedRegistry {
  public typealias Factory = @Sendable (LiveFeedSetup) throws(ExecutionError) -> any LiveFeed

  private final class Storage: @unchecked Sendable {
    let lock = NSLock()
    var factories: [String: Factory] = [:]
  }

  private static let storage = Storage()

  /// Adds (or replaces) the feed of exchange `name`.
  public static func register(_ name: String, _ factory: @escaping Factory) {
    storage.lock.withLock { storage.factories[name] = factory }
  }

  /// Registered exchange names, sorted.
  public static var names: [String] { storage.lock.withLock { storage.factories.keys.sorted() } }

  /// Opens the feed of exchange `name`, or a clear error when this build has none.
  public static func make(_ name: String, _ setup: LiveFeedSetup) throws(ExecutionError) -> any LiveFeed {
    guard let factory = storage.lock.withLock({ storage.factories[name] }) else {
      throw .invalidArgument(
        "feed", expected: "an exchange with a market feed in this build (\(names.joined(separator: ", ")))",
        got: "'\(name)'")
    }
    return try factory(setup)
  }
}
