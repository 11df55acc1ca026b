import MarketData
import Simulator

/// What a strategy asks for at a candle close. Never an order: the risk layer reviews it and
/// the engine sizes and places it.
///
/// `buy`/`sell` open (or add to) a long/short position; while the opposite side is open it is
/// closed first (a reversal). `quantity` nil means the configured sizing; `stop`/`target` are
/// absolute levels overriding those from the exit rules. With a `tag`, one open trade per tag
/// and side (a repeated entry is skipped); without, each entry may open a trade up to
/// `pyramiding`. `close` closes the symbol's open trades (all, or those of `tag`).
public struct Intent: Sendable, Equatable, Codable {
  public enum Action: String, Sendable, Codable { case buy, sell, close }

  public var action: Action
  public var quantity: Double?
  public var stop: Double?
  public var target: Double?
  public var tag: String?

  public init(
    _ action: Action, quantity: Double? = nil, stop: Double? = nil, target: Double? = nil, tag: String? = nil
  ) {
    self.action = action
    self.quantity = quantity
    self.stop = stop
    self.target = target
    self.tag = tag
  }

  public static func buy(
    quantity: Double? = nil, stop: Double? = nil, target: Double? = nil, tag: String? = nil
  ) -> Intent {
    Intent(.buy, quantity: quantity, stop: stop, target: target, tag: tag)
  }

  public static func sell(
    quantity: Double? = nil, stop: Double? = nil, target: Double? = nil, tag: String? = nil
  ) -> Intent {
    Intent(.sell, quantity: quantity, stop: stop, target: target, tag: tag)
  }

  public static func close(tag: String? = nil) -> Intent { Intent(.close, tag: tag) }

  /// The side an entry opens; nil for `close`.
  public var side: Side? {
    switch action {
    case .buy: return .long
    case .sell: return .short
    case .close: return nil
    }
  }
}

/// What a strategy sees at a candle close of one symbol.
public struct StrategyInput {
  public var symbol: String
  /// Index of the closed candle since the start of the run (the backtest's bar index).
  public var bar: Int
  /// The rolling window of closed candles, oldest first; the last is the one that closed.
  public var candles: ArraySlice<Candle>
  /// Signed open quantity of the symbol (positive long, negative short).
  public var position: Double
  /// Cash plus open trades valued at their last prices.
  public var equity: Double
  public var cash: Double
  /// The engine clock at the close (nanoseconds since the epoch, UTC).
  public var time: Int64
  public var timeframe: Timeframe

  /// The window as columnar bars (for vectorized `signals` over the rolling window); the
  /// last bar is the candle that closed.
  public var bars: Bars {
    Bars(
      time: candles.map(\.time), open: candles.map(\.open), high: candles.map(\.high),
      low: candles.map(\.low),
      close: candles.map(\.close), volume: candles.map(\.volume), symbol: symbol, timeframe: timeframe)
  }
}

/// A strategy run by the engine on each closed candle (the Lua strategy implements it
/// later). A thrown error rejects the candle's decision (recorded) and the engine runs on.
/// Intents must depend only on the input, so that a restarted engine decides the same.
public protocol Strategy {
  func decide(_ input: StrategyInput) throws -> [Intent]
}

/// A strategy from a closure.
public struct ClosureStrategy: Strategy {
  let body: (StrategyInput) throws -> [Intent]

  public init(_ body: @escaping (StrategyInput) throws -> [Intent]) { self.body = body }

  public func decide(_ input: StrategyInput) throws -> [Intent] { try body(input) }
}
