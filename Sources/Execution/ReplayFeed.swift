import MarketData
import Simulator

/// One step of a feed: a tick of a symbol, or the end of the symbol's open candle (a bar
/// file knows where its bars end; a live feed learns it from the next tick or the clock).
public struct FeedEvent: Sendable, Equatable {
  public var symbol: Int
  /// Nanoseconds since the epoch (UTC): the tick's time, or the bar's last tick for a close.
  public var time: Int64
  /// nil: close the symbol's open candle.
  public var tick: Tick?

  public init(symbol: Int, time: Int64, tick: Tick?) {
    self.symbol = symbol
    self.time = time
    self.tick = tick
  }
}

/// A file replay: ticks of one or more symbols in time order, fed to an engine as fast as
/// possible or at N× real time through an injected sleep.
extension Engine {
  /// Feeds one event: its tick, or the close of its symbol's open candle.
  public func handle(_ event: FeedEvent) throws(ExecutionError) {
    if let tick = event.tick {
      try process(tick, symbol: event.symbol)
    } else {
      try closeCandle(of: event.symbol)
    }
  }
}

public struct ReplayFeed {
  /// The events, in feed order.
  public private(set) var events: [FeedEvent]

  /// Merges per-symbol tick streams (index = symbol index of the engine) by time; equal
  /// times keep the symbols' order. Candles close on the next period's tick (and at the end).
  public init(_ streams: [[Tick]]) throws(ExecutionError) {
    var keyed: [(key: Int64, event: FeedEvent)] = []
    keyed.reserveCapacity(streams.reduce(0) { $0 + $1.count })
    for (s, ticks) in streams.enumerated() {
      for i in ticks.indices.dropFirst() where ticks[i].time < ticks[i - 1].time {
        throw .outOfOrder(previous: ticks[i - 1].time, got: ticks[i].time)
      }
      for t in ticks { keyed.append((t.time, FeedEvent(symbol: s, time: t.time, tick: t))) }
    }
    events = Self.merge(keyed)
  }

  /// Replays bar files (index = symbol index): each bar as four ticks (`ticks(_:policy:side:)`)
  /// followed by the close of its candle, bars of equal time in the symbols' order. This is
  /// the simulator's order of work, so several symbols sharing one account reproduce
  /// `Backtest.run` too.
  public init(bars: [Bars], policy: IntrabarPolicy, side: Side = .long) throws(ExecutionError) {
    var keyed: [(key: Int64, event: FeedEvent)] = []
    for (s, b) in bars.enumerated() {
      for i in b.time.indices.dropFirst() where b.time[i] <= b.time[i - 1] {
        throw .outOfOrder(previous: b.time[i - 1], got: b.time[i])
      }
      let ticks = Self.ticks(b, policy: policy, side: side)
      for i in 0..<b.count {
        for k in 0..<4 {
          keyed.append((b.time[i], FeedEvent(symbol: s, time: ticks[4 * i + k].time, tick: ticks[4 * i + k])))
        }
        keyed.append((b.time[i], FeedEvent(symbol: s, time: ticks[4 * i + 3].time, tick: nil)))
      }
    }
    events = Self.merge(keyed)
  }

  /// Sorts by key, then symbol, then arrival (stable).
  static func merge(_ keyed: [(key: Int64, event: FeedEvent)]) -> [FeedEvent] {
    let order = keyed.indices.sorted {
      (keyed[$0].key, keyed[$0].event.symbol, $0) < (keyed[$1].key, keyed[$1].event.symbol, $1)
    }
    return order.map { keyed[$0].event }
  }

  /// Ticks of a tick file (`Ticks`), one per print.
  public static func ticks(_ ticks: Ticks) -> [Tick] {
    (0..<ticks.count).map { Tick(time: ticks.time[$0], price: ticks.price[$0], size: ticks.size[$0]) }
  }

  /// Four ticks per bar, one nanosecond apart from the bar's time: open, the extremes in the
  /// order the simulator's `policy` visits them for a trade of `side`, close (the bar's
  /// volume on the open tick). Replaying them reproduces `Backtest.run` for strategies whose
  /// trades are all of `side` or carry no levels. Bars must be more than 3 ns apart.
  public static func ticks(_ bars: Bars, policy: IntrabarPolicy, side: Side = .long) -> [Tick] {
    var out: [Tick] = []
    out.reserveCapacity(bars.count * 4)
    for i in 0..<bars.count {
      let o = bars.open[i], h = bars.high[i], l = bars.low[i]
      let favourableFirst: Bool
      switch policy {
      case .pessimistic: favourableFirst = false
      case .optimistic: favourableFirst = true
      case .nearest: favourableFirst = side == .long ? (h - o) < (o - l) : (o - l) < (h - o)
      }
      let highFirst = (side == .long) == favourableFirst
      let t = bars.time[i]
      out.append(Tick(time: t, price: o, size: bars.volume[i]))
      out.append(Tick(time: t + 1, price: highFirst ? h : l))
      out.append(Tick(time: t + 2, price: highFirst ? l : h))
      out.append(Tick(time: t + 3, price: bars.close[i]))
    }
    return out
  }

  /// Feeds the engine from its checkpoint (`state.events`) to the end, then `finish()`es it.
  ///
  /// - Parameters:
  ///   - speed: nil for as fast as possible; N for N× real time (the gap between two ticks'
  ///     times divided by N is slept before the later one).
  ///   - sleep: the injected sleep, in nanoseconds.
  public func run<B: Broker>(_ engine: Engine<B>, speed: Double? = nil, sleep: (Int64) -> Void = { _ in })
    throws(ExecutionError)
  {
    if let speed, !(speed.isFinite && speed > 0) {
      throw .invalidArgument("speed", expected: "a positive number", got: "\(speed)")
    }
    guard !engine.state.finished else { return }
    var i = engine.state.events
    while i < events.count {
      if let speed, i > 0 {
        let gap = events[i].time - events[i - 1].time
        if gap > 0 { sleep(Int64(Double(gap) / speed)) }
      }
      try engine.handle(events[i])
      i += 1
    }
    try engine.finish()
  }
}
