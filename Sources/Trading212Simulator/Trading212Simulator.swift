import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback Trading212 for tests, speaking its public REST API v0 as documented: HTTP Basic
/// authentication (a wrong key or secret gets 401), `/api/v0/equity/account/summary`,
/// `/metadata/instruments`, `/positions`, `/orders` (GET pending, GET and DELETE by id),
/// `/orders/market` and `/orders/limit` (signed quantities, fractions allowed) and
/// `/history/orders` (newest first, `ticker`, `limit`, `cursor`, `nextPagePath`), each with
/// its documented rate limit (divided by `rateScale` in time, so tests run fast), the
/// `x-ratelimit-*` headers and 429 past the limit.
///
/// Fills: a market order (or marketable limit) executes at the instrument's price (scripted
/// prices first) in `partialFills` pieces `fillDelay` apart (at once when 0), staying
/// PARTIALLY_FILLED between them; a resting limit executes at its price when `setPrice`
/// crosses it. Faults: reject the next order (400), accept the next order and drop the
/// connection without an answer, answer every placement late. Not the real service.
public final class Trading212Simulator: @unchecked Sendable {
  let lock = NSLock()
  let authorization: String
  public let currency: String
  var instruments: [String: SimulatedInstrument]
  var orders: [T212SimOrder] = []
  var scripted: [String: [Double]] = [:]
  var nextId: Int64 = 5_000_000_000
  var nextFillId: Int64 = 1
  var cash: Double
  var limits: [String: Limit] = [:]
  var partialFills = 1
  var fillDelay = 0.0
  var rejectNext = false
  var dropNext = false
  var placementDelay = 0.0
  /// Seconds of each documented rate-limit period are divided by this.
  let rateScale: Double
  public internal(set) var rateLimited = 0
  public internal(set) var unauthorized = 0
  let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
  private var channel: Channel?

  public init(
    key: String, secret: String, currency: String = "GBP", instruments: [SimulatedInstrument], cash: Double = 1_000_000,
    rateScale: Double = 1
  ) {
    authorization = "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()
    self.currency = currency
    self.instruments = Dictionary(instruments.map { ($0.ticker, $0) }) { a, _ in a }
    self.cash = cash
    self.rateScale = max(1, rateScale)
  }

  @discardableResult
  public func start(port: Int = 0) throws -> Int {
    let bootstrap = ServerBootstrap(group: group)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { [self] channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(T212HTTPHandler(simulator: self))
        }
      }
    let ch = try bootstrap.bind(host: "127.0.0.1", port: port).wait()
    channel = ch
    return ch.localAddress?.port ?? port
  }

  public func stop() {
    channel?.close(promise: nil)
    try? group.syncShutdownGracefully()
  }

  public var port: Int { channel?.localAddress?.port ?? 0 }

  // MARK: Controls

  public func setPrice(ticker: String, price: Double) {
    lock.withLock {
      instruments[ticker]?.price = price
      for i in orders.indices where orders[i].pending && orders[i].ticker == ticker && orders[i].type == "LIMIT" {
        if marketable(orders[i]) { execute(i, price: orders[i].limitPrice, pieces: partialFills) }
      }
    }
  }

  public func scriptPrices(ticker: String, _ prices: [Double]) { lock.withLock { scripted[ticker, default: []] += prices } }
  public func setPartialFills(_ n: Int) { lock.withLock { partialFills = max(1, n) } }
  public func setFillDelay(milliseconds: Int) { lock.withLock { fillDelay = Double(max(0, milliseconds)) / 1000 } }
  public func rejectNextOrder() { lock.withLock { rejectNext = true } }
  /// The next placement is carried out, then the connection closes without an answer.
  public func dropAfterNextOrder() { lock.withLock { dropNext = true } }
  /// Every placement is carried out at once and answered `milliseconds` later.
  public func setPlacementDelay(milliseconds: Int) { lock.withLock { placementDelay = Double(max(0, milliseconds)) / 1000 } }

  /// Every order, oldest first: id, ticker, side, status, quantity, executed, averagePrice.
  public var ordersJSON: String {
    lock.withLock {
      jsonText(
        orders.map { o -> [String: Any] in
          let executed = abs(o.filled)
          let value = o.fills.reduce(0) { $0 + abs($1.quantity) * $1.price }
          return [
            "id": o.id, "ticker": o.ticker, "side": o.quantity < 0 ? "SELL" : "BUY", "status": o.status,
            "quantity": abs(o.quantity), "executed": executed, "averagePrice": executed > 0 ? value / executed : 0,
          ]
        })
    }
  }

  public var orderCount: Int { lock.withLock { orders.count } }

  func marketable(_ o: T212SimOrder) -> Bool {
    guard o.type == "LIMIT", let p = instruments[o.ticker]?.price else { return true }
    return o.quantity > 0 ? p <= o.limitPrice : p >= o.limitPrice
  }

  /// Executes the rest of order `i` (all pieces, or one). Under the lock.
  func execute(_ i: Int, price: Double, pieces: Int, one: Bool = false) {
    let total = orders[i].quantity
    let piece = total / Double(pieces)
    repeat {
      let rest = total - orders[i].filled
      let q = abs(rest) <= abs(piece) * (1 + 1e-9) ? rest : piece
      orders[i].fills.append(SimulatedFill(id: nextFillId, quantity: q, price: price, time: Date()))
      nextFillId += 1
      cash -= q * price / Self.perMajor(instruments[orders[i].ticker]?.currency ?? "")
    } while !one && abs(orders[i].filled - total) > 1e-9 * max(1, abs(total))
    orders[i].status = abs(orders[i].filled - total) <= 1e-9 * max(1, abs(total)) ? "FILLED" : "PARTIALLY_FILLED"
  }

  static func perMajor(_ currency: String) -> Double { currency == "GBX" ? 100 : 1 }
}
