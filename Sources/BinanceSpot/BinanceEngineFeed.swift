import Execution
import Foundation

/// Binance closed klines as engine events: each candle becomes its four ticks and a candle
/// close (`MarketEvent.feedEvents`); gaps the feed detects are backfilled over REST by the
/// feed itself, connection changes and unfillable gaps give no events.
public final class BinanceEngineFeed: LiveFeed {
  let feed: BinanceMarketFeed
  let index: [String: Int]

  /// Connects to `<symbol>@kline_<interval>` for every symbol (testnet unless
  /// `setup.production`; `CRESCENT_BINANCE_REST_URL` / `CRESCENT_BINANCE_STREAM_URL` in
  /// `environment` override the URLs). A failed first connection is thrown.
  public init(_ setup: LiveFeedSetup, environment: [String: String]) throws(BinanceError) {
    feed = try BinanceMarketFeed.connect(
      production: setup.production, symbols: setup.symbols, trades: false, interval: setup.interval,
      environment: environment)
    index = Dictionary(setup.symbols.enumerated().map { ($1, $0) }) { first, _ in first }
    try feed.start()
  }

  public func next(timeout: Int64) -> [FeedEvent] {
    guard let event = feed.next(timeout: timeout) else { return [] }
    guard case let .candle(k, _) = event, let s = index[k.symbol] else { return [] }
    return event.feedEvents(symbolIndex: s)
  }

  public func stop() { feed.stop() }

  deinit { feed.stop() }
}

extension BinanceEngineFeed {
  /// Adds the `binance` market feed to the live feed registry.
  public static func register(environment: [String: String] = ProcessInfo.processInfo.environment) {
    LiveFeedRegistry.register("binance") { setup throws(ExecutionError) in
      do { return try BinanceEngineFeed(setup, environment: environment) } catch {
        throw .state("cannot open the binance market feed: \(error)")
      }
    }
  }
}
