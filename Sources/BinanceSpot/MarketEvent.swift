import Execution

/// What the market feed delivers.
public enum MarketEvent: Sendable, Equatable {
  /// A trade print: its exchange trade id and the tick (time in ns, UTC).
  case trade(symbol: String, id: Int64, tick: Tick)
  /// A closed candle; `backfilled` when it came over REST to fill a gap.
  case candle(Kline, backfilled: Bool)
  /// Data the stream skipped (detected from trade ids or kline open times).
  case gap(MarketGap)
  /// The connection changed (dropped, reconnecting, reconnected).
  case status(StreamStatus)

  /// The engine's events for this one, for the symbol at `symbolIndex`: a trade is one tick;
  /// a candle is four ticks one nanosecond apart from its open time (open, then low and high
  /// — low first for a rising candle, high first for a falling one — then close) and the
  /// close of the engine's candle. Gaps and statuses give none.
  public func feedEvents(symbolIndex s: Int) -> [FeedEvent] {
    switch self {
    case let .trade(_, _, tick):
      return [FeedEvent(symbol: s, time: tick.time, tick: tick)]
    case let .candle(k, _):
      let t = k.openTime * 1_000_000
      let (first, second) = k.close >= k.open ? (k.low, k.high) : (k.high, k.low)
      let ticks = [
        Tick(time: t, price: k.open, size: k.volume), Tick(time: t + 1, price: first),
        Tick(time: t + 2, price: second), Tick(time: t + 3, price: k.close),
      ]
      return ticks.map { FeedEvent(symbol: s, time: $0.time, tick: $0) } + [
        FeedEvent(symbol: s, time: t + 3, tick: nil)
      ]
    case .gap, .status:
      return []
    }
  }
}

/// A hole in a market stream.
public struct MarketGap: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// Trades with ids `first...last` never arrived (no REST backfill: prints are reported).
    case trades(first: Int64, last: Int64)
    /// Candles opening from `first` to `last` (ms, UTC) never arrived; `backfilled` of them
    /// were fetched over REST and delivered before the candle that revealed the gap.
    case candles(first: Int64, last: Int64, backfilled: Int)
  }

  public var symbol: String
  public var kind: Kind

  public init(symbol: String, kind: Kind) {
    self.symbol = symbol
    self.kind = kind
  }
}

/// Milliseconds of a Binance kline interval (`1s`, `1m` … `1w`); nil for `1M` (months vary)
/// or anything else.
func intervalMilliseconds(_ interval: String) -> Int64? {
  guard let unit = interval.last, let count = Int64(interval.dropLast()), count > 0 else { return nil }
  switch unit {
  case "s": return count * 1000
  case "m": return count * 60_000
  case "h": return count * 3_600_000
  case "d": return count * 86_400_000
  case "w": return count * 604_800_000
  default: return nil
  }
}
