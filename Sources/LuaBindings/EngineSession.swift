import Execution
import Foundation
import LuaRuntime
import MarketData
import Simulator

/// One dry-run or live session: a strategy table, a feed, a broker and a state directory,
/// driven a number of feed events at a time. `crescent dryrun`, `crescent live` and the Lua
/// `engine.dryrun{}`/`engine.live{}` handles all run through it.
///
/// Opening a directory that holds a run resumes it at its last commit (a finished replay
/// stays finished). Each feed event commits what it changed in one transaction; the
/// observer hears each commit's fills, trades, rejections and errors after it is durable.
public final class EngineSession {
  public let options: EngineSessionOptions
  public let strategy: LiveStrategy
  public let engine: Engine<AnyBroker>
  /// The replay's feed events (empty for an exchange feed).
  let events: [FeedEvent]
  /// The exchange's market stream, for an exchange feed.
  let liveFeed: (any LiveFeed)?
  /// Events the exchange feed delivered that a `step(limit)` left for the next call.
  var backlog: [FeedEvent] = []
  /// Prefix of the run's client order ids.
  public let runId: String
  /// Injected sleep for paced replays (nanoseconds).
  var sleep: (Int64) -> Void = { ns in usleep(useconds_t(min(max(ns, 0) / 1_000, 1_000_000))) }

  /// Opens the session for the strategy table at stack slot `index` (bound to the current
  /// frame, see `LiveStrategy`). `notify` receives every committed notification.
  ///
  /// An exchange feed streams production market data unless the broker trades on the
  /// exchange's test network (mode `testnet`), whose prices it then follows.
  public init(
    state: LuaState, strategyAt index: Int32, name: String, options: EngineSessionOptions,
    notify: @escaping (EngineNotice) -> Void
  ) throws {
    self.options = options
    var bars: Bars?
    if options.feed.exchange == nil {
      let loaded: Bars
      do {
        loaded = try Bars.load(options.feed.path)
      } catch {
        let missing = !FileManager.default.fileExists(atPath: options.feed.path)
        throw EngineSessionError(missing ? .usage : .data, missing ? "cannot open \(options.feed.path): no such file" : "\(error)")
      }
      guard loaded.count > 0 else { throw EngineSessionError(.data, "\(options.feed.path) holds no bars") }
      bars = loaded
    }
    let live = try LiveStrategy(
      state: state, strategyAt: index, name: name, paramTexts: options.paramTexts, overrides: options.overrides,
      cash: options.cash, window: options.window, timeout: options.timeout)
    strategy = live
    let config = live.spec.config
    let record = try SessionRecord(
      strategy: live.spec.name, feed: bars == nil ? options.feed.description : "replay:" + options.feed.path,
      params: Dictionary(uniqueKeysWithValues: live.spec.params.values.map { ($0.name, $0.value.description) }),
      cash: config.cash, window: live.window, broker: options.broker, mode: options.mode.rawValue,
      runId: options.mode == .paper ? "dryrun" : "crs\(UInt32.random(in: 0...UInt32.max) | 1 << 31)"
    ).adopt(in: options.directory)
    runId = record.runId
    let opened: Engine<AnyBroker>
    var feed: (any LiveFeed)?
    do {
      if let bars {
        events = try ReplayFeed(bars: [bars], policy: config.intrabar).events
        opened = try Self.openEngine(
          symbols: [bars.symbol], timeframe: Self.timeframe(bars), strategy: live, runId: record.runId, options: options,
          notify: notify)
      } else {
        events = []
        let symbols = options.feed.symbols
        let second = Timeframe(count: 1, unit: .second)
        opened = try Self.openEngine(
          symbols: symbols, timeframe: options.feed.timeframe ?? second, strategy: live, runId: record.runId,
          options: options, notify: notify)
        feed = try LiveFeedRegistry.make(
          options.feed.exchange ?? "",
          LiveFeedSetup(symbols: symbols, interval: options.feed.interval ?? "", production: options.mode != .testnet))
      }
    } catch {
      switch error {
      case .invalidArgument: throw EngineSessionError(.usage, error.description)
      case .config: throw EngineSessionError(.strategy, error.description)
      case .outOfOrder: throw EngineSessionError(.data, "\(options.feed.path): \(error)")
      case .state: throw EngineSessionError(.engine, error.description)
      }
    }
    engine = opened
    liveFeed = feed
  }

  deinit { liveFeed?.stop() }

  static func openEngine(
    symbols: [String], timeframe: Timeframe, strategy: LiveStrategy, runId: String, options: EngineSessionOptions,
    notify: @escaping (EngineNotice) -> Void
  ) throws(ExecutionError) -> Engine<AnyBroker> {
    let config = strategy.spec.config
    return try DryRun.open(
      directory: options.directory, symbols: symbols, timeframe: timeframe, config: config,
      strategy: strategy, limits: RiskLimits(killSwitchPath: options.killSwitchPath), review: strategy.review,
      window: strategy.window, runId: runId,
      observer: { entries in for n in EngineNotice.from(entries) { notify(n) } },
      broker: { fills throws(ExecutionError) in
        try BrokerRegistry.make(
          options.broker,
          BrokerSetup(
            costs: config.costs, fills: fills, mode: options.mode, credentials: options.credentials,
            symbols: symbols, directory: options.directory))
      })
  }

  /// The candle period of a bar replay: the bars' own (or inferred) timeframe when every bar
  /// starts a period of it, so candle times equal bar times; otherwise one second (bar
  /// closes come from the file, the period only labels candles).
  static func timeframe(_ bars: Bars) -> Timeframe {
    let second = Timeframe(count: 1, unit: .second)
    guard let tf = bars.timeframe ?? Timeframe.infer(from: bars.time), let length = tf.nanoseconds, length > 0,
      let first = bars.time.first
    else { return second }
    let origin = UTCTime.floorDivide(first, UTCTime.nanosecondsPerDay).0 * UTCTime.nanosecondsPerDay
    for t in bars.time where UTCTime.floorDivide(t - origin, length).1 != 0 { return second }
    return tf
  }

  /// Feed events left in the replay (0 for an exchange feed, which has no end).
  public var remaining: Int { max(events.count - engine.state.events, 0) }
  public var finished: Bool { engine.state.finished }

  /// Processes up to `limit` feed events (nil: all) and finishes the run when the feed ends;
  /// between events it asks `shouldStop` and returns early when it says so. Each event's
  /// changes are committed before the next starts, and the state is checkpointed when the
  /// call returns. Returns the number of events processed.
  ///
  /// An exchange feed never ends: the call returns when `limit` events ran or `shouldStop`
  /// says so (asked at least every 250 ms while the stream is quiet). Events older than
  /// what the state already holds (a candle seen before a restart) are skipped.
  @discardableResult
  public func step(_ limit: Int? = nil, shouldStop: () -> Bool = { false }) throws -> Int {
    if engine.state.finished { return 0 }
    if let liveFeed { return try stepLive(liveFeed, limit, shouldStop: shouldStop) }
    var i = engine.state.events
    var done = 0
    do {
      while i < events.count {
        if let limit, done >= limit {
          try engine.checkpoint()
          return done
        }
        if shouldStop() {
          try engine.checkpoint()
          return done
        }
        if let speed = options.feed.speed, i > 0 {
          let gap = events[i].time - events[i - 1].time
          if gap > 0 { sleep(Int64(Double(gap) / speed)) }
        }
        try engine.handle(events[i])
        i += 1
        done += 1
      }
      try engine.finish()
    } catch {
      throw EngineSessionError(.engine, "\(error)")
    }
    return done
  }

  private func stepLive(_ feed: any LiveFeed, _ limit: Int?, shouldStop: () -> Bool) throws -> Int {
    var done = 0
    var stale: Set<Int> = []
    do {
      while !shouldStop() {
        if let limit, done >= limit { break }
        if backlog.isEmpty { backlog = feed.next(timeout: 250) }
        while !backlog.isEmpty, limit.map({ done < $0 }) ?? true {
          let event = backlog.removeFirst()
          do {
            if let tick = event.tick {
              try engine.process(tick, symbol: event.symbol)
              stale.remove(event.symbol)
            } else if stale.remove(event.symbol) == nil {
              try engine.closeCandle(of: event.symbol)
            }
            done += 1
          } catch .outOfOrder {
            // A candle the state already holds: skip its ticks and its close.
            stale.insert(event.symbol)
          }
        }
      }
      try engine.checkpoint()
    } catch {
      throw EngineSessionError(.engine, "\(error)")
    }
    return done
  }

  /// Writes trades.csv, stats.json and equity.csv (the backtest's formats) into the state
  /// directory.
  public func writeReports() throws {
    do {
      try DryRun.writeReports(engine, to: URL(fileURLWithPath: options.directory))
    } catch {
      throw EngineSessionError(.engine, "\(error)")
    }
  }

  /// The directory's committed state.
  public func status(decisions: Int = 10) throws -> RunStatus {
    do { return try RunStatus.read(directory: options.directory, decisions: decisions) } catch {
      throw EngineSessionError(.engine, "\(error)")
    }
  }
}
