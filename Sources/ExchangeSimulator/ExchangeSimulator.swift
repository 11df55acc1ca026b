import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// A loopback exchange that speaks Binance Spot's protocol, for tests: REST under
/// `/api/v3` (SIGNED requests checked: bad signature → -1022, stale timestamp → -1021,
/// unknown key → -2015), market streams under `/stream?streams=` and `/ws/`, and the
/// WebSocket API under `/ws-api/v3` (`userDataStream.subscribe.signature`, then
/// `executionReport` events).
///
/// The book is one price per symbol: market orders (and marketable limits) fill at it as
/// takers; resting limits fill at their own price when a pushed trade crosses them; fills
/// come in `partialFills` pieces; commission is `commissionRate` of the quote amount, paid in
/// the quote asset. Faults (`inject`) misbehave once, on the next matching request. Plain
/// HTTP/WS only: it listens on loopback.
public final class ExchangeSimulator: Sendable {
  let state: ExchangeState
  let group: MultiThreadedEventLoopGroup
  private let channelBox = ChannelBox()

  /// - Parameter clock: the exchange's clock (ms since the epoch, UTC); the system's by default.
  public init(
    apiKey: String, secret: String, symbols: [SimulatedSymbol], balances: [String: Double],
    clock: (@Sendable () -> Int64)? = nil
  ) {
    state = ExchangeState(
      apiKey: apiKey, secret: secret, symbols: symbols, balances: balances,
      clock: clock ?? { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) })
    group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
  }

  /// Listens on `host:port` (0: a free port) and returns the port.
  @discardableResult
  public func start(host: String = "127.0.0.1", port: Int = 0) throws -> Int {
    let state = self.state
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        let upgrader = NIOWebSocketServerUpgrader(
          maxFrameSize: 1 << 20,
          shouldUpgrade: { channel, head in
            let ok = head.uri.hasPrefix("/ws-api/v3") || marketStreams(uri: head.uri) != nil
            return channel.eventLoop.makeSucceededFuture(ok ? HTTPHeaders() : nil)
          },
          upgradePipelineHandler: { channel, head in
            channel.eventLoop.makeCompletedFuture {
              let isAPI = head.uri.hasPrefix("/ws-api/v3")
              let streams = marketStreams(uri: head.uri)
              let peer = state.addPeer(
                StreamPeer(
                  channel: channel, streams: streams?.streams ?? [], combined: streams?.combined ?? false,
                  subscription: nil, isAPI: isAPI))
              try channel.pipeline.syncOperations.addHandler(
                WebSocketPeerHandler(state: state, peer: peer, isAPI: isAPI))
            }
          })
        return channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withServerUpgrade: (
              upgraders: [upgrader],
              completionHandler: { context in
                _ = context.pipeline.removeHandler(name: "simulator-http")
              }
            ))
          try channel.pipeline.syncOperations.addHandler(
            HTTPRequestHandler(state: state), name: "simulator-http")
        }
      }
    let channel = try bootstrap.bind(host: host, port: port).wait()
    channelBox.set(channel)
    return channel.localAddress?.port ?? port
  }

  /// Stops listening and closes every connection.
  public func stop() {
    dropStreams()
    channelBox.take()?.close(promise: nil)
    try? group.syncShutdownGracefully()
  }

  /// The listening port (0 before `start`).
  public var port: Int { channelBox.get()?.localAddress?.port ?? 0 }
  public var restURL: URL { URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }
  public var streamURL: URL { URL(string: "ws://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/") }
  public var webSocketAPIURL: URL {
    URL(string: "ws://127.0.0.1:\(port)/ws-api/v3") ?? URL(fileURLWithPath: "/")
  }

  /// Queues a misbehaviour for the next matching request.
  public func inject(_ fault: SimulatorFault) { state.withLock { state.faults.append(fault) } }

  /// Fills come in `pieces` executions from now on (1: whole).
  public func setPartialFills(_ pieces: Int) { state.withLock { state.partialFills = max(1, pieces) } }

  /// The next placements of `symbol` move its price to `prices`, one each, in order, before
  /// matching (a market order fills at it); afterwards the price stays at the last one.
  public func scriptPrices(symbol: String, _ prices: [Double]) {
    state.withLock { state.scriptedPrices[symbol, default: []] += prices }
  }

  /// Holds back the answer to every order placement by `milliseconds` from now on (0: none);
  /// the order is placed (and filled) before the wait, as when an answer is slow to arrive.
  public func setOrderDelay(milliseconds: Int64) {
    state.withLock { state.orderDelay = max(0, milliseconds) }
  }

  /// All orders placed, oldest first, as one JSON array of objects with `clientId`,
  /// `symbol`, `side`, `type`, `status`, `quantity`, `executed` and `averagePrice` (0 when
  /// nothing executed).
  public var ordersJSON: String {
    let list: [[String: Any]] = state.withLock {
      state.orders.map { o in
        [
          "clientId": o.clientId, "symbol": o.symbol, "side": o.side, "type": o.type, "status": o.status,
          "quantity": o.quantity, "executed": o.executed,
          "averagePrice": o.executed > 0 ? o.quote / o.executed : 0,
        ]
      }
    }
    guard let data = try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys]) else {
      return "[]"
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// Moves a symbol's price without a trade (market orders fill at it).
  public func setPrice(symbol: String, price: Double) {
    state.withLock { state.symbols[symbol]?.price = price }
  }

  /// Publishes a trade (`broadcast: false`: it happens but no subscriber sees it, as while
  /// disconnected); resting limits it crosses fill. Returns its trade id.
  @discardableResult
  public func pushTrade(
    symbol: String, price: Double, quantity: Double = 1, time: Int64? = nil, broadcast: Bool = true
  )
    -> Int64
  {
    state.trade(symbol: symbol, price: price, quantity: quantity, time: time, broadcast: broadcast)
  }

  /// Publishes a kline of `interval` (times in ms); closed ones are served by `/api/v3/klines`.
  public func pushKline(
    symbol: String, interval: String, openTime: Int64, closeTime: Int64, open: Double, high: Double,
    low: Double,
    close: Double, volume: Double, closed: Bool = true, broadcast: Bool = true
  ) {
    let row: [Any] = [
      openTime, decimal(open), decimal(high), decimal(low), decimal(close), decimal(volume), closeTime, "0",
      0, "0", "0",
      "0",
    ]
    state.kline(symbol: symbol, interval: interval, row: row, closed: closed, broadcast: broadcast)
  }

  /// Closes every WebSocket connection (market and user data) at once.
  public func dropStreams() {
    let channels = state.withLock { state.peers.values.map(\.channel) }
    for channel in channels { channel.close(promise: nil) }
  }

  /// Closes only the WebSocket API connections (the user-data streams); market streams stay.
  /// Returns how many were closed.
  @discardableResult
  public func dropUserStreams() -> Int {
    let channels = state.withLock { state.peers.values.filter(\.isAPI).map(\.channel) }
    for channel in channels { channel.close(promise: nil) }
    return channels.count
  }

  /// From now on marketable orders answer NEW and execute `milliseconds` later (real time),
  /// one `setPartialFills` piece per delay, at the price of their placement (0: at once).
  public func setFillDelay(milliseconds: Int64) {
    state.withLock { state.fillDelay = max(0, milliseconds) }
  }

  /// While `silent`, the WebSocket API answers no request and pushes no event, as over a
  /// half-open connection (the connections stay open).
  public func setAPISilent(_ silent: Bool) { state.withLock { state.apiSilent = silent } }

  /// How many REST requests came for `method` and `path` (e.g. `GET`, `/api/v3/order`).
  public func requestCount(method: String, path: String) -> Int {
    state.withLock { state.requests.filter { $0.method == method && $0.path == path }.count }
  }

  /// REST requests so far by `"METHOD PATH"`, as one JSON object.
  public var requestCountsJSON: String {
    let counts = state.withLock {
      Dictionary(state.requests.map { ("\($0.method) \($0.path)", 1) }, uniquingKeysWith: +)
    }
    return json(counts)
  }

  /// Every REST request so far.
  public var requests: [RecordedRequest] { state.withLock { state.requests } }
  /// Requests that came while a 429/418's Retry-After was running.
  public var earlyRequests: Int { state.withLock { state.earlyRequests } }
  /// How many orders were placed with this client id.
  public func orderCount(clientId: String) -> Int {
    state.withLock { state.orders.filter { $0.clientId == clientId }.count }
  }
  /// All orders placed, as (client id, status, executed quantity).
  public var orders: [(clientId: String, status: String, executed: Double)] {
    state.withLock { state.orders.map { ($0.clientId, $0.status, $0.executed) } }
  }
  /// Open WebSocket connections: market subscribers and WebSocket API clients.
  public var connections: (market: Int, api: Int) {
    state.withLock {
      (state.peers.values.filter { !$0.isAPI }.count, state.peers.values.filter(\.isAPI).count)
    }
  }
  /// Subscribed user-data streams.
  public var userSubscriptions: Int {
    state.withLock { state.peers.values.filter { $0.subscription != nil }.count }
  }
  /// The balance of an asset (free + locked).
  public func balance(_ asset: String) -> Double { state.withLock { state.balances[asset] ?? 0 } }
}

/// The listening channel.
final class ChannelBox: @unchecked Sendable {
  private let lock = NSLock()
  private var channel: (any Channel)?

  func set(_ c: any Channel) { lock.withLock { channel = c } }
  func get() -> (any Channel)? { lock.withLock { channel } }
  func take() -> (any Channel)? {
    lock.withLock {
      let c = channel
      channel = nil
      return c
    }
  }
}
