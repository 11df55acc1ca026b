import MarketData
import Simulator

/// A file replay: ticks of one or more symbols in time order, fed to an engine as fast as
/// possible or at N× real time through an injected sleep.
public struct ReplayFeed {
  /// (symbol index, tick), in time order (ties keep the symbols' order).
  public private(set) var events: [(symbol: Int, tick: Tick)]

  /// Merges per-symbol tick streams (index = symbol index of the engine) by time.
  public init(_ streams: [[Tick]]) throws(ExecutionError) {
    var events: [(symbol: Int, tick: Tick)] = []
    events.reserveCapacity(streams.reduce(0) { $0 + $1.count })
    for (s, ticks) in streams.enumerated() {
      for i in ticks.indices.dropFirst() where ticks[i].time < ticks[i - 1].time {
        throw .outOfOrder(previous: ticks[i - 1].time, got: ticks[i].time)
      }
      for t in ticks { events.append((s, t)) }
    }
    // Stable: equal times keep stream order, then arrival order.
    let order = events.indices.sorted { (events[$0].tick.time, events[$0].symbol, $0) < (events[$1].tick.time, events[$1].symbol, $1) }
    self.events = order.map { events[$0] }
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

  /// Feeds the engine from its checkpoint (`state.ticks`) to the end, then `finish()`es it.
  ///
  /// - Parameters:
  ///   - speed: nil for as fast as possible; N for N× real time (the gap between two ticks'
  ///     times divided by N is slept before the later one).
  ///   - sleep: the injected sleep, in nanoseconds.
  public func run<B: Broker>(_ engine: Engine<B>, speed: Double? = nil, sleep: (Int64) -> Void = { _ in }) throws(ExecutionError) {
    if let speed, !(speed.isFinite && speed > 0) {
      throw .invalidArgument("speed", expected: "a positive number", got: "\(speed)")
    }
    guard !engine.state.finished else { return }
    var i = engine.state.ticks
    while i < events.count {
      if let speed, i > 0 {
        let gap = events[i].tick.time - events[i - 1].tick.time
        if gap > 0 { sleep(Int64(Double(gap) / speed)) }
      }
      try engine.process(events[i].tick, symbol: events[i].symbol)
      i += 1
    }
    try engine.finish()
  }
}
