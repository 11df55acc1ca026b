import Foundation
import InteractiveBrokers

#if canImport(Glibc)
  import Glibc
#endif

/// A loopback TWS / IB Gateway for tests, speaking the TWS API's socket protocol: the
/// `API\0` + `v<min>..<max>` handshake (it answers server version 176 when the client's range
/// holds it), startApi (a client id already connected gets error 326 and the connection
/// closes), nextValidId and managedAccounts, then placeOrder (checked field for field at 176:
/// 115 fields, a known contract, the account it manages, an order id above every id that
/// client used — else error 103), cancelOrder, reqAllOpenOrders, reqExecutions,
/// reqContractDetails, reqPositions and reqAccountSummary, with orderStatus, openOrder,
/// execDetails and commissionReport as TWS sends them.
///
/// Fills: a market order (or a marketable limit) executes at the symbol's price (scripted
/// prices first) in `partialFills` pieces, each with its commission report (IB's tiered rate,
/// `tieredCommission`, split so the pieces add up to the order's); resting limits execute at
/// their price when `setPrice` crosses them. More than `messagesPerSecond` messages in a
/// second from one connection get error 100 and are dropped. Faults: reject the next order
/// (error 201), close the connection after accepting the next order, hold every order's
/// reports back. Not the real TWS: it models what the adapter relies on, nothing else.
public final class IBGatewaySimulator: @unchecked Sendable {
  let lock = NSCondition()
  public let account: String
  var contracts: [String: SimulatedContract]
  var cash: Double
  let baseCurrency: String
  var orders: [SimulatedOrder] = []
  var nextIdByClient: [Int: Int64] = [:]
  var connectedClients: Set<Int> = []
  var sessions: [Int: Session] = [:]
  var scripted: [String: [Double]] = [:]
  var nextPermId: Int64 = 900_000
  var nextExec = 1
  /// Settings and faults (under `lock`).
  public var partialFills = 1
  public var messagesPerSecond = 50
  var rejectNext = false
  var disconnectAfterNext = false
  var reportDelay: Double = 0
  var fillDelay: Double = 0
  private var listener: Int32 = -1
  private var nextSession = 0
  public private(set) var port = 0
  /// How many placeOrder messages arrived (accepted or not).
  public internal(set) var placeMessages = 0
  public internal(set) var rateRejections = 0

  public init(account: String = "DU1234567", contracts: [SimulatedContract], cash: Double = 1_000_000, currency: String = "USD") {
    self.account = account
    self.contracts = Dictionary(contracts.map { ($0.symbol, $0) }) { a, _ in a }
    self.cash = cash
    self.baseCurrency = currency
  }

  /// Listens on 127.0.0.1 (`port` 0: a free one) and accepts connections on a thread.
  @discardableResult
  public func start(port: Int = 0) throws -> Int {
    let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard s >= 0 else { throw POSIXError(.EIO) }
    var one: Int32 = 1
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    // SAFETY: sockaddr_in is laid out as a sockaddr for AF_INET; the pointer stays in the closure.
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(s, 16) == 0 else {
      close(s)
      throw POSIXError(.EADDRINUSE)
    }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    // SAFETY: as above; getsockname writes at most `len` bytes.
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) }
    }
    listener = s
    self.port = Int(UInt16(bigEndian: addr.sin_port))
    let thread = Thread { [self] in
      while true {
        let c = accept(s, nil, nil)
        if c < 0 {
          if errno == EINTR { continue }
          return
        }
        var on: Int32 = 1
        setsockopt(c, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        let id = lock.withLock {
          nextSession += 1
          return nextSession
        }
        let session = Session(fd: c, id: id, simulator: self)
        lock.withLock { sessions[id] = session }
        session.start()
      }
    }
    thread.name = "ib-simulator-accept"
    thread.start()
    return self.port
  }

  /// Closes the listener and every connection.
  public func stop() {
    if listener >= 0 {
      shutdown(listener, Int32(SHUT_RDWR))
      close(listener)
      listener = -1
    }
    dropConnections()
  }

  /// Closes every client connection (as when TWS restarts or the network drops).
  public func dropConnections() {
    let all = lock.withLock { Array(sessions.values) }
    for s in all { s.close() }
  }

  func ended(_ session: Session) {
    lock.withLock {
      sessions[session.id] = nil
      if let c = session.clientId { connectedClients.remove(c) }
    }
  }

  // MARK: Controls

  public func setPrice(symbol: String, price: Double) {
    lock.withLock { contracts[symbol]?.price = price }
    matchResting(symbol: symbol)
  }

  /// The next market placements of `symbol` fill at these prices, one each, in order.
  public func scriptPrices(symbol: String, _ prices: [Double]) {
    lock.withLock { scripted[symbol, default: []] += prices }
  }

  public func setPartialFills(_ pieces: Int) { lock.withLock { partialFills = max(1, pieces) } }
  public func setMessagesPerSecond(_ n: Int) { lock.withLock { messagesPerSecond = max(1, n) } }
  /// The next order is rejected (error 201).
  public func rejectNextOrder() { lock.withLock { rejectNext = true } }
  /// The next order is accepted and executed, then the connection closes before any report.
  public func disconnectAfterNextOrder() { lock.withLock { disconnectAfterNext = true } }
  /// Every order's reports reach the client `milliseconds` after the order executed.
  public func setReportDelay(milliseconds: Int) { lock.withLock { reportDelay = Double(max(0, milliseconds)) / 1000 } }
  /// Executions of a marketable order come one piece every `milliseconds` (0: at once).
  public func setFillDelay(milliseconds: Int) { lock.withLock { fillDelay = Double(max(0, milliseconds)) / 1000 } }

  /// Every order, oldest first, as JSON: orderId, clientId (the orderRef), symbol, side,
  /// status, quantity, executed, averagePrice, commission.
  public var ordersJSON: String {
    let list: [[String: Any]] = lock.withLock {
      orders.map { o in
        [
          "orderId": o.orderId, "clientId": o.orderRef, "symbol": o.contract.symbol, "side": o.action,
          "status": o.status, "quantity": o.quantity, "executed": o.filled, "averagePrice": o.averagePrice,
          "commission": o.executions.reduce(0) { $0 + $1.commission },
        ]
      }
    }
    return json(list)
  }

  public var orderCount: Int { lock.withLock { orders.count } }
}
