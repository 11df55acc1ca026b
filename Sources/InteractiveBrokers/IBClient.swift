import BrokerSupport
import Foundation

/// One API session with TWS or IB Gateway: the handshake (`API\0`, `v176..176`, the server's
/// version and time, startApi), then everything TWS reports kept under one lock — order
/// statuses, open orders, executions with their commission reports, positions, account
/// summary values, contract details and errors by request or order id. Requests are paced
/// under TWS's limit of 50 messages a second (`RequestPacer`). A closed connection is
/// noticed by the reader thread; `connect` opens a new session.
final class IBClient: @unchecked Sendable {
  let host: String
  let port: Int
  let clientId: Int
  let timeout: Double
  let pacer: RequestPacer
  private let condition = NSCondition()
  private var socket: IBSocket?
  private(set) var serverVersion = 0
  /// Generation of the session: bumps at each connect, so waiters notice a drop and return.
  private var session = 0
  private var connected = false
  private var closeReason = ""

  // What TWS reported (under `condition`).
  private(set) var nextValidId: Int64 = 0
  private(set) var accounts: [String] = []
  var statuses: [Int64: IBOrderStatus] = [:]
  var openOrders: [Int64: IBOpenOrder] = [:]
  var executions: [String: IBExecution] = [:]
  var commissions: [String: (amount: Double, currency: String)] = [:]
  var errors: [Int64: [(code: Int, message: String)]] = [:]
  var finished: Set<String> = []
  var positions: [(account: String, contract: IBContract, quantity: Double, averageCost: Double)] = []
  var summaries: [Int: [(account: String, tag: String, value: String, currency: String)]] = [:]
  var details: [Int: [IBContractDetails]] = [:]
  private var requestId = 1000
  let log: (@Sendable (String) -> Void)?

  init(
    host: String, port: Int, clientId: Int, timeout: Double, messagesPerSecond: Int,
    log: (@Sendable (String) -> Void)? = nil
  ) {
    self.host = host
    self.port = port
    self.clientId = clientId
    self.timeout = timeout
    self.pacer = RequestPacer(limit: messagesPerSecond, period: 1)
    self.log = log
  }

  var isConnected: Bool { condition.withLock { connected } }

  /// A client let go (a broker whose start failed) closes its socket, so TWS frees its id.
  deinit { socket?.close() }

  /// Opens a session: handshake, startApi, then waits for nextValidId and managedAccounts.
  func connect() throws(IBError) {
    disconnect()
    let s = try IBSocket(host: host, port: port, timeout: timeout)
    do throws(IBError) {
      try s.send(IBWire.handshake())
      let answer = try s.readHandshake(timeout: timeout)
      guard answer.count >= 2, let version = Int(answer[0]) else {
        throw IBError.connection("unexpected handshake answer \(answer.prefix(2))")
      }
      guard version == IBWire.serverVersion else {
        throw IBError.configuration(
          "TWS answered server version \(version); this client speaks \(IBWire.serverVersion) (TWS or IB Gateway 10.19 or later)")
      }
      let generation: Int = condition.withLock {
        session += 1
        serverVersion = version
        connected = true
        nextValidId = 0
        accounts = []
        errors[-1] = nil
        socket = s
        return session
      }
      s.start(
        onMessage: { [weak self] fields in self?.receive(fields) },
        onClose: { [weak self] reason in self?.closed(generation: generation, reason: reason) })
      try send(IBOutbound.startAPI(clientId: clientId))
      let ready = wait(seconds: timeout) { $0.nextValidId > 0 && !$0.accounts.isEmpty }
      if let refusal = condition.withLock({ errors[-1]?.first(where: { $0.code == IBErrorCode.clientIdInUse }) }) {
        throw IBError.api(code: refusal.code, message: refusal.message)
      }
      guard ready else { throw IBError.timeout("no nextValidId and managed accounts within \(timeout) s of startApi") }
      log?("connected to TWS \(host):\(port) (server \(version), client id \(clientId))")
    } catch {
      s.close()
      condition.withLock { connected = false }
      throw error
    }
  }

  func disconnect() {
    let s = condition.withLock {
      let s = socket
      socket = nil
      connected = false
      return s
    }
    s?.close()
  }

  private func closed(generation: Int, reason: String) {
    condition.lock()
    if generation == session {
      connected = false
      closeReason = reason
    }
    condition.broadcast()
    condition.unlock()
    log?("TWS connection closed: \(reason)")
  }

  /// Sends one request, paced; fails when the session is down.
  func send(_ fields: [String]) throws(IBError) {
    guard let s = condition.withLock({ connected ? socket : nil }) else {
      throw .connection("not connected (\(condition.withLock { closeReason }))")
    }
    pacer.wait()
    try s.send(IBWire.encode(fields))
  }

  func nextRequestId() -> Int {
    condition.withLock {
      requestId += 1
      return requestId
    }
  }

  /// Waits (real time) until `check` holds, the session drops, or `seconds` pass; returns
  /// whether `check` held.
  @discardableResult
  func wait(seconds: Double, _ check: (IBClient) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    condition.lock()
    defer { condition.unlock() }
    let generation = session
    while !check(self) {
      if !connected || session != generation { return check(self) }
      if !condition.wait(until: deadline) { return check(self) }
    }
    return true
  }

  /// Runs `body` under the lock.
  func read<T>(_ body: (IBClient) -> T) -> T { condition.withLock { body(self) } }

  /// Claims the next order id: at least TWS's nextValidId and `floor`.
  func claimOrderId(floor: Int64) -> Int64 {
    condition.withLock {
      let id = max(nextValidId, floor)
      nextValidId = id + 1
      return id
    }
  }

  private func receive(_ fields: [String]) {
    let message: IBInbound
    do { message = try IBInbound.decode(fields) } catch {
      log?("TWS message skipped: \(error)")
      return
    }
    condition.lock()
    defer {
      condition.broadcast()
      condition.unlock()
    }
    switch message {
    case let .nextValidId(id): nextValidId = max(nextValidId, id)
    case let .managedAccounts(list): accounts = list
    case let .error(id, code, text):
      if !IBErrorCode.isInformational(code) { errors[id, default: []].append((code, text)) }
    case let .orderStatus(s): statuses[s.orderId] = s
    case let .openOrder(o): openOrders[o.orderId] = o
    case .openOrderEnd: finished.insert("openOrders")
    case let .execution(_, e): executions[e.execId] = e
    case let .executionEnd(reqId): finished.insert("executions \(reqId)")
    case let .commission(execId, amount, currency): commissions[execId] = (amount, currency)
    case let .position(account, contract, quantity, cost):
      positions.removeAll { $0.account == account && $0.contract.conId == contract.conId && $0.contract.symbol == contract.symbol }
      positions.append((account, contract, quantity, cost))
    case .positionEnd: finished.insert("positions")
    case let .accountSummary(reqId, account, tag, value, currency):
      summaries[reqId, default: []].append((account, tag, value, currency))
    case let .accountSummaryEnd(reqId): finished.insert("summary \(reqId)")
    case let .contractDetails(reqId, d): details[reqId, default: []].append(d)
    case let .contractDetailsEnd(reqId): finished.insert("details \(reqId)")
    case .currentTime, .other: break
    }
  }

  /// Errors TWS reported for `id` (an order id or request id) since `count` were seen.
  func errors(for id: Int64) -> [(code: Int, message: String)] { errors[id] ?? [] }
}
