import Execution
import Foundation
import NIOCore
import NIOSSL
import WebTransport

/// Binance market streams as a feed for the engine: `<symbol>@trade` and (with an interval)
/// `<symbol>@kline_<interval>` over one combined-stream connection
/// (`/stream?streams=...`), reconnected with exponential backoff and jitter when it drops.
///
/// `next(timeout:)` hands out events in arrival order. Gaps are detected per symbol: a trade
/// id more than one past the previous reports the missing ids; a closed kline opening more
/// than one interval after the previous reports the missing candles and fetches them over
/// `GET /api/v3/klines` first (delivered, marked `backfilled`, before the new candle).
/// Repeated trade ids and candles already delivered are dropped. Only closed klines are
/// delivered.
public final class BinanceMarketFeed: @unchecked Sendable {
  public let symbols: [String]
  public let interval: String?
  let rest: BinanceREST
  let stream: ReconnectingStream
  let intervalMs: Int64
  private let condition = NSCondition()
  private var raw: [Raw] = []
  private var pending: [MarketEvent] = []
  private var lastTrade: [String: Int64] = [:]
  private var lastCandle: [String: Int64] = [:]

  enum Raw {
    case text(String)
    case status(StreamStatus)
  }

  /// - Parameters:
  ///   - trades: subscribe to trade prints.
  ///   - interval: subscribe to closed klines of this interval (`1m`, `1h`, ...), or nil.
  public init(
    rest: BinanceREST, symbols: [String], trades: Bool = true, interval: String? = nil, backoff: Backoff,
    timeoutMilliseconds: Int64 = 10_000
  ) throws(BinanceError) {
    guard !symbols.isEmpty else { throw .configuration("the market feed needs at least one symbol") }
    guard trades || interval != nil else {
      throw .configuration("the market feed needs trades or an interval")
    }
    var ms: Int64 = 0
    if let interval {
      guard let value = intervalMilliseconds(interval) else {
        throw .configuration("interval must be like 1s, 1m, 5m, 1h, 1d or 1w, got \(interval)")
      }
      ms = value
    }
    let tls: NIOSSLContext
    do {
      tls = try NIOSSLContext(configuration: .makeClientConfiguration())
    } catch {
      throw .configuration("cannot set up TLS: \(error)")
    }
    var names: [String] = []
    for symbol in symbols {
      if trades { names.append("\(symbol.lowercased())@trade") }
      if let interval { names.append("\(symbol.lowercased())@kline_\(interval)") }
    }
    var base = rest.endpoints.marketStream.absoluteString
    while base.hasSuffix("/") { base.removeLast() }
    guard let url = URL(string: base + "/stream?streams=" + names.joined(separator: "/")) else {
      throw .configuration("cannot form the stream URL from \(base)")
    }
    self.symbols = symbols
    self.interval = interval
    self.rest = rest
    self.intervalMs = ms
    let box = FeedBox()
    stream = ReconnectingStream(
      backoff: backoff, clock: rest.clock,
      opener: { onClose throws(BinanceError) in
        try WebSocketConnection.open(
          url, timeout: .milliseconds(timeoutMilliseconds), tls: tls,
          onText: { box.feed?.enqueue(.text($0)) },
          onClose: onClose)
      },
      onStatus: { box.feed?.enqueue(.status($0)) })
    box.feed = self
  }

  /// A feed on testnet, or production when `production` is true, with
  /// `CRESCENT_BINANCE_REST_URL` / `CRESCENT_BINANCE_STREAM_URL` overrides; no keys needed.
  public static func connect(
    production: Bool, symbols: [String], trades: Bool = true, interval: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(BinanceError) -> BinanceMarketFeed {
    let endpoints = try BinanceEndpoints.resolve(production: production, environment: environment)
    let rest = try BinanceREST(endpoints: endpoints, credentials: nil)
    return try BinanceMarketFeed(
      rest: rest, symbols: symbols, trades: trades, interval: interval,
      backoff: Backoff(unchecked: 500, 30_000))
  }

  /// Connects (a failure of the first connection is thrown); later drops reconnect by themselves.
  public func start() throws(BinanceError) { try stream.start() }

  /// Closes the connection and stops reconnecting.
  public func stop() { stream.stop() }

  func enqueue(_ item: Raw) {
    condition.lock()
    raw.append(item)
    condition.broadcast()
    condition.unlock()
  }

  /// The next event, or nil when none came within `timeout` ms (real time). Backfills run on
  /// the calling thread.
  public func next(timeout: Int64) -> MarketEvent? {
    let deadline = Date().addingTimeInterval(Double(max(0, timeout)) / 1000)
    while true {
      if !pending.isEmpty { return pending.removeFirst() }
      condition.lock()
      while raw.isEmpty {
        if !condition.wait(until: deadline) { break }
      }
      let item = raw.isEmpty ? nil : raw.removeFirst()
      condition.unlock()
      guard let item else { return nil }
      switch item {
      case let .status(status): pending.append(.status(status))
      case let .text(text): process(text)
      }
    }
  }

  private func process(_ text: String) {
    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
      return
    }
    let data = object["data"] as? [String: Any] ?? object
    switch data["e"] as? String {
    case "trade": trade(data)
    case "kline": kline(data)
    default: break
    }
  }

  private func trade(_ d: [String: Any]) {
    guard let symbol = d["s"] as? String, let id = (d["t"] as? NSNumber)?.int64Value,
      let price = (d["p"] as? String).flatMap(Double.init),
      let quantity = (d["q"] as? String).flatMap(Double.init),
      let time = (d["T"] as? NSNumber)?.int64Value
    else { return }
    if let last = lastTrade[symbol] {
      if id <= last { return }
      if id > last + 1 {
        pending.append(.gap(MarketGap(symbol: symbol, kind: .trades(first: last + 1, last: id - 1))))
      }
    }
    lastTrade[symbol] = id
    pending.append(
      .trade(symbol: symbol, id: id, tick: Tick(time: time * 1_000_000, price: price, size: quantity)))
  }

  private func kline(_ d: [String: Any]) {
    guard let symbol = d["s"] as? String, let k = d["k"] as? [String: Any], k["x"] as? Bool == true,
      let interval = k["i"] as? String, let open = (k["t"] as? NSNumber)?.int64Value,
      let close = (k["T"] as? NSNumber)?.int64Value
    else { return }
    func value(_ key: String) -> Double { (k[key] as? String).flatMap(Double.init) ?? .nan }
    let candle = Kline(
      symbol: symbol, interval: interval, openTime: open, closeTime: close, open: value("o"),
      high: value("h"),
      low: value("l"), close: value("c"), volume: value("v"), closed: true)
    if let last = lastCandle[symbol] {
      if open <= last { return }
      if open > last + intervalMs {
        let first = last + intervalMs, missingLast = open - intervalMs
        var filled: [Kline] = []
        if let fetched = try? rest.klines(symbol: symbol, interval: interval, start: first, end: open - 1) {
          filled = fetched.filter { $0.openTime >= first && $0.openTime < open }
        }
        pending.append(
          .gap(
            MarketGap(
              symbol: symbol, kind: .candles(first: first, last: missingLast, backfilled: filled.count))))
        for f in filled { pending.append(.candle(f, backfilled: true)) }
      }
    }
    lastCandle[symbol] = open
    pending.append(.candle(candle, backfilled: false))
  }
}

/// Breaks the feed ↔ stream cycle: the stream's callbacks reach the feed weakly.
final class FeedBox: @unchecked Sendable {
  weak var feed: BinanceMarketFeed?
}
