import Execution
import Foundation

/// The Binance Spot broker: the engine's orders become exchange orders, idempotently by
/// client id (`newClientOrderId` = `Order.clientId`).
///
/// `submit` first asks the exchange for an order with that client id (so a resubmission after
/// a crash returns the order already placed instead of placing a second); it places the
/// order only when the exchange has none. When the connection fails after sending (the order
/// may have been accepted), it looks the order up again before placing anything. It then
/// waits for the order to finish: market orders usually fill in the placement's answer;
/// limits wait for `executionReport`s on the user-data stream, up to `fillTimeout`, after
/// which the rest is cancelled and the executed part is the fill. While the stream is up the
/// order is re-read over REST only every `streamPollInterval` (a safety net); while it is
/// down, or never opened, every `pollInterval`. After a reconnect every followed order and
/// the balances are re-read over REST (reports sent during the gap are not replayed). Commission paid in the quote asset is taken as it is, in the
/// base asset at the fill price, in a third asset (BNB) from `options.commission`.
///
/// Quantities round down to LOT_SIZE, limit prices to PRICE_FILTER's tick, and orders below
/// the minimum quantity or notional are refused before sending.
public final class BinanceBroker: AccountBroker, @unchecked Sendable {
  public let rest: BinanceREST
  /// Rules of the traded symbols, from exchangeInfo.
  public let rules: [String: SymbolRules]
  public let options: BinanceBrokerOptions
  let credentials: BinanceCredentials
  let onFill: (@Sendable (Fill) -> Void)?
  let onStatus: (@Sendable (StreamStatus) -> Void)?
  /// Guards the state below; broadcast on every change.
  let condition = NSCondition()
  var filled: [String: Fill] = [:]
  /// The newest report of each order from the user-data stream.
  var latest: [String: OrderReport] = [:]
  /// Each order's TRADE executions from the user-data stream.
  var executions: [String: [ExecutionReport]] = [:]
  var userStream: UserDataStream?
  /// Whether the user-data stream is subscribed and reconciled (reports can be relied on).
  var streamLive = false
  /// Whether the stream connected or its first failure was announced (a first failure is
  /// "unavailable", a live stream's drop "dropped").
  var streamEverConnected = false
  /// Orders `submit` is following now: client id → symbol (re-read after a reconnect).
  var following: [String: String] = [:]
  /// Balances by asset: read over REST when the stream (re)connects, then kept by
  /// `outboundAccountPosition` events; nil while the stream is not live.
  var account: [String: AssetBalance]?
  /// Account events that arrive while the balances are being read over REST.
  var accountBacklog: [AccountPosition]?
  /// Where stream notices go (set by `openUserDataStream`).
  var notify: (@Sendable (UserStreamNotice) -> Void)?

  /// Measures the server-time offset and loads the rules of `symbols`.
  ///
  /// - Parameters:
  ///   - fills: fills already booked (from the state store), returned again for their ids.
  ///   - onFill: each execution (partial fills one by one) as the user-data stream reports it;
  ///     executions during a disconnection are not replayed (`submit`'s result and
  ///     `order(clientId:symbol:)` are authoritative).
  ///   - onStatus: the user-data stream's connection changes.
  public init(
    rest: BinanceREST, credentials: BinanceCredentials, symbols: [String],
    options: BinanceBrokerOptions = .init(),
    fills: [Fill] = [], onFill: (@Sendable (Fill) -> Void)? = nil,
    onStatus: (@Sendable (StreamStatus) -> Void)? = nil
  ) throws(BinanceError) {
    guard !symbols.isEmpty else { throw .configuration("the broker needs at least one symbol") }
    self.rest = rest
    self.credentials = credentials
    self.options = options
    self.onFill = onFill
    self.onStatus = onStatus
    try rest.syncTime()
    let rules = try rest.exchangeInfo(symbols: symbols)
    for symbol in symbols where rules[symbol] == nil {
      throw .configuration("Binance does not list the symbol \(symbol)")
    }
    self.rules = rules
    for fill in fills { filled[fill.clientId] = fill }
  }

  /// A broker on testnet, or on production when `production` is true, with URLs overridden
  /// by `CRESCENT_BINANCE_REST_URL`, `CRESCENT_BINANCE_STREAM_URL` and
  /// `CRESCENT_BINANCE_WS_API_URL` when set.
  public static func connect(
    production: Bool, credentials: BinanceCredentials, symbols: [String],
    options: BinanceBrokerOptions = .init(),
    fills: [Fill] = [], environment: [String: String] = ProcessInfo.processInfo.environment,
    log: (@Sendable (String) -> Void)? = nil, onFill: (@Sendable (Fill) -> Void)? = nil
  ) throws(BinanceError) -> BinanceBroker {
    let endpoints = try BinanceEndpoints.resolve(production: production, environment: environment)
    let rest = try BinanceREST(
      endpoints: endpoints, credentials: credentials, timeoutMilliseconds: options.timeout, log: log)
    return try BinanceBroker(
      rest: rest, credentials: credentials, symbols: symbols, options: options, fills: fills, onFill: onFill)
  }

  /// Subscribes to the user-data stream (reconnecting with `options.backoff` when it drops);
  /// a failure of the first connection is thrown.
  public func startUserDataStream() throws(BinanceError) {
    let stream = try makeUserDataStream()
    condition.withLock { userStream = stream }
    try stream.start()
  }

  /// Opens the user-data stream without failing: when the first connection fails, orders are
  /// followed over REST while the stream keeps reconnecting in the background. Each change
  /// worth an operator's attention (connected, dropped, back, unavailable) goes to `notify`.
  /// Returns whether the stream connected at once.
  @discardableResult
  public func openUserDataStream(notify: (@Sendable (UserStreamNotice) -> Void)? = nil) -> Bool {
    condition.withLock { self.notify = notify }
    let stream: UserDataStream
    do {
      stream = try makeUserDataStream()
    } catch {
      notify?(UserStreamNotice(.unavailable, reason: error.description))
      return false
    }
    condition.withLock { userStream = stream }
    return stream.startRetrying()
  }

  private func makeUserDataStream() throws(BinanceError) -> UserDataStream {
    try UserDataStream(
      rest: rest, credentials: credentials, backoff: options.backoff, timeoutMilliseconds: options.timeout,
      keepAlive: options.keepAlive,
      onReport: { [weak self] report in self?.receive(report) },
      onAccount: { [weak self] position in self?.receive(position) },
      onStatus: { [weak self] status in self?.streamChanged(status) })
  }

  /// Whether the user-data stream is connected, subscribed and reconciled.
  public var userStreamLive: Bool { condition.withLock { streamLive } }

  /// Closes the user-data stream.
  public func stop() {
    let stream = condition.withLock {
      let s = userStream
      userStream = nil
      streamLive = false
      account = nil
      return s
    }
    stream?.stop()
  }

  deinit { userStream?.stop() }

  // MARK: Broker

  /// Market orders fill at the exchange's price; the reference is the best estimate.
  public func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double { reference }

  public func commission(quantity: Double, price: Double) -> Double {
    options.commission.amount(quantity: quantity, price: price)
  }

  public func submit(_ order: Order) throws(BrokerError) -> Fill {
    if let done = condition.withLock({ filled[order.clientId] }) { return done }
    do {
      let fill = try execute(order)
      condition.withLock { filled[order.clientId] = fill }
      return fill
    } catch {
      throw BrokerError(clientId: order.clientId, error)
    }
  }

  // MARK: AccountBroker

  /// The order: from the user-data stream when it is live and has reported the order finished
  /// (no REST request), else over REST.
  public func order(clientId: String, symbol: String) throws(BrokerError) -> OrderReport? {
    if let done = finishedOnStream(clientId, symbol: symbol) { return done }
    do { return try rest.order(clientId: clientId, symbol: symbol) } catch {
      throw BrokerError(clientId: clientId, error)
    }
  }

  public func cancel(clientId: String, symbol: String) throws(BrokerError) -> OrderReport {
    do { return try rest.cancel(clientId: clientId, symbol: symbol) } catch {
      throw BrokerError(clientId: clientId, error)
    }
  }

  public func openOrders(symbol: String?) throws(BrokerError) -> [OrderReport] {
    do { return try rest.openOrders(symbol: symbol) } catch { throw BrokerError(clientId: "-", error) }
  }

  /// Non-zero balances: kept by the user-data stream while it is live (no REST request),
  /// else over REST.
  public func balances() throws(BrokerError) -> [AssetBalance] {
    if let cached = streamedBalances() { return cached }
    do { return try rest.balances() } catch { throw BrokerError(clientId: "-", error) }
  }

  /// Runs `body` under the lock and wakes waiters.
  func mutate<T>(_ body: () -> T) -> T {
    condition.lock()
    defer {
      condition.broadcast()
      condition.unlock()
    }
    return body()
  }

  /// Changes the stream state under the lock and wakes waiters.
  func withState<T>(_ body: (inout [String: OrderReport], inout [String: [ExecutionReport]]) -> T) -> T {
    condition.lock()
    defer {
      condition.broadcast()
      condition.unlock()
    }
    return body(&latest, &executions)
  }

  /// Waits (real time) until `check` finds something in the latest reports, or `until`, or
  /// (with `whileLive`) the stream stops being live.
  func withCondition<T>(
    _ check: ([String: OrderReport]) -> T?, waitingUntil until: Date, whileLive: Bool = false
  ) -> T? {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let value = check(latest) { return value }
      if whileLive && !streamLive { return nil }
      if !condition.wait(until: until) { return check(latest) }
    }
  }

  /// Executions the user-data stream reported for a client id, in order.
  public func executions(clientId: String) -> [ExecutionReport] {
    condition.withLock { executions[clientId] ?? [] }
  }
}
