import BrokerSupport
import Execution
import Foundation

extension IBBroker {
  /// What TWS has of one order, gathered from its reports.
  struct Tracked {
    var orderId: Int64
    var status: IBOrderStatus?
    var open: IBOpenOrder?
    var executions: [IBExecution]
    var commission: Double
    /// Whether every execution has its commission report.
    var commissionsIn: Bool
    var errors: [(code: Int, message: String)]

    var executed: Double { executions.reduce(0) { $0 + $1.shares } }
    var known: Bool { status != nil || open != nil || !executions.isEmpty }
    /// An error that ends the order at once (rejected, duplicate id, anything but warnings).
    var terminalError: (code: Int, message: String)? {
      errors.first { e in
        e.code != IBErrorCode.orderCancelled && e.code != 399 && e.code != IBErrorCode.rateExceeded
          && !IBErrorCode.isInformational(e.code) && e.code != IBErrorCode.notCancellable
      }
    }
  }

  func track(_ orderId: Int64) -> Tracked { client.read { Self.tracked($0, orderId) } }

  /// The order's reports; the caller holds the client's lock.
  static func tracked(_ c: IBClient, _ orderId: Int64) -> Tracked {
    do {
      let execs = c.executions.values.filter { $0.orderId == orderId }.sorted { $0.execId < $1.execId }
      let reports = execs.compactMap { c.commissions[$0.execId] }
      return Tracked(
        orderId: orderId, status: c.statuses[orderId], open: c.openOrders[orderId], executions: execs,
        commission: reports.reduce(0) { $0 + $1.amount }, commissionsIn: reports.count == execs.count,
        errors: c.errors(for: orderId))
    }
  }

  /// Reconnects when the session is down (with `backoff`), then re-reads open orders and
  /// today's executions so reports sent during the gap are known.
  func ensureSession() throws(IBError) {
    if client.isConnected { return }
    let client = self.client
    try retrying(attempts: options.reconnectAttempts, backoff: options.backoff, isRetryable: { $0.isTransient }) {
      () throws(IBError) in try client.connect()
    }
    try refresh()
  }

  /// Asks for every open order and today's executions of this client id, and waits for both ends.
  func refresh() throws(IBError) {
    let reqId = client.nextRequestId()
    client.read { _ = $0.finished.remove("openOrders") }
    try client.send(IBOutbound.reqAllOpenOrders())
    try client.send(IBOutbound.reqExecutions(reqId: reqId, clientId: options.clientId))
    let done = client.wait(seconds: client.timeout) {
      $0.finished.contains("openOrders") && $0.finished.contains("executions \(reqId)")
    }
    guard done else {
      if !client.isConnected { throw .connection("TWS closed the connection while open orders were read") }
      throw .timeout("open orders and executions did not arrive within \(client.timeout) s")
    }
    // Commission reports follow their executions; give them the same time.
    client.wait(seconds: client.timeout) { c in
      c.executions.keys.allSatisfy { c.commissions[$0] != nil }
    }
  }

  /// The TWS order id of an engine client id: the journal's, else an open order or execution
  /// with that `orderRef`.
  func locate(_ clientId: String) -> Int64? {
    if let id = journal.entry(clientId: clientId)?.brokerId.flatMap({ Int64($0) }) { return id }
    return client.read { c in
      c.openOrders.values.first(where: { $0.orderRef == clientId })?.orderId
        ?? c.executions.values.first(where: { $0.orderRef == clientId })?.orderId
    }
  }

  func spec(_ order: Order, orderId: Int64) throws(IBError) -> IBOutbound.OrderSpec {
    guard let details = contracts[order.symbol] else {
      throw .rejectedLocally("unknown symbol \(order.symbol); the broker trades \(contracts.keys.sorted())")
    }
    guard order.quantity.isFinite, order.quantity > 0 else {
      throw .rejectedLocally("quantity must be a positive number, got \(order.quantity)")
    }
    let rules = LotRules(step: details.sizeIncrement, minQuantity: details.minSize)
    let quantity = rules.floor(order.quantity)
    if let problem = rules.problem(quantity: quantity, price: .nan) { throw .rejectedLocally(problem) }
    var limit: Double?
    if order.kind == .limit {
      guard order.price.isFinite, order.price > 0 else {
        throw .rejectedLocally("limit price must be a positive number, got \(order.price)")
      }
      let tick = details.minTick > 0 ? details.minTick : 0.01
      // Buys round down, sells up: never a worse price than asked.
      let steps = order.price / tick
      limit = (order.side == .buy ? (steps + 1e-9).rounded(.down) : (steps - 1e-9).rounded(.up)) * tick
    }
    return IBOutbound.OrderSpec(
      orderId: orderId, contract: details.contract, action: order.side == .buy ? "BUY" : "SELL",
      quantity: quantity, orderType: order.kind == .limit ? "LMT" : "MKT", limitPrice: limit, account: account,
      orderRef: order.clientId)
  }

  func execute(_ order: Order) throws(IBError) -> Fill {
    try ensureSession()
    var orderId = locate(order.clientId)
    if orderId == nil || !track(orderId ?? 0).known {
      // Not seen in this session: ask TWS (an order sent before a restart).
      try refresh()
      orderId = locate(order.clientId)
    }
    let id: Int64
    if let found = orderId {
      id = found
      if journal.entry(clientId: order.clientId)?.brokerId == nil {
        do { try journal.recordPlaced(clientId: order.clientId, brokerId: String(found)) } catch {
          throw .configuration(error.message)
        }
      }
      if !track(id).known { try place(order, orderId: id) }
    } else {
      id = client.claimOrderId(floor: journal.largestNumericBrokerId + 1)
      do {
        try journal.recordIntent(order, sentAt: Int64(Date().timeIntervalSince1970 * 1000))
        try journal.recordPlaced(clientId: order.clientId, brokerId: String(id))
      } catch { throw .configuration(error.message) }
      try place(order, orderId: id)
    }
    let final = try follow(order, orderId: id)
    return try fill(final, of: order)
  }

  func place(_ order: Order, orderId: Int64) throws(IBError) {
    try client.send(IBOutbound.placeOrder(try spec(order, orderId: orderId)))
  }

  /// Waits until the order is done and its executions and commissions are in; cancels the
  /// rest at `fillTimeout`; reconnects (and re-reads) when the session drops, sending the
  /// order again under its id when TWS turns out not to have it.
  func follow(_ order: Order, orderId: Int64) throws(IBError) -> Tracked {
    // What was sent: the quantity on the contract's grid.
    let quantity = (try? spec(order, orderId: orderId).quantity) ?? order.quantity
    let deadline = Date().addingTimeInterval(Double(options.fillTimeout) / 1000)
    var cancelSent = false
    while true {
      let t = track(orderId)
      if let e = t.terminalError, t.executed == 0 || t.status?.isDone == true {
        if t.executed > 0 { return t }
        throw .api(code: e.code, message: e.message)
      }
      if isSettled(t, quantity: quantity) { return t }
      if !client.isConnected {
        try ensureSession()
        if !track(orderId).known { try place(order, orderId: orderId) }
        continue
      }
      let now = Date()
      if now >= deadline && !cancelSent {
        cancelSent = true
        try client.send(IBOutbound.cancelOrder(orderId: orderId))
      }
      let until = cancelSent ? now.addingTimeInterval(client.timeout) : deadline
      let changed = client.wait(seconds: max(0.01, until.timeIntervalSince(now))) { [self] c in
        !isSame(Self.tracked(c, orderId), t)
      }
      if !changed && cancelSent && client.isConnected {
        let last = track(orderId)
        if isSettled(last, quantity: quantity) { return last }
        throw .timeout("order \(orderId) did not end within \(client.timeout) s of its cancel")
      }
    }
  }

  func isSettled(_ t: Tracked, quantity: Double) -> Bool {
    guard t.commissionsIn else { return false }
    if t.executed > 0 && abs(t.executed - quantity) <= 1e-9 * max(1, quantity) { return true }
    if let s = t.status, s.isDone, abs(t.executed - s.filled) <= 1e-9 * max(1, s.filled) { return true }
    return false
  }

  private func isSame(_ a: Tracked, _ b: Tracked) -> Bool {
    a.status == b.status && a.open == b.open && a.executions == b.executions && a.commissionsIn == b.commissionsIn
      && a.errors.count == b.errors.count
  }

  /// The engine's fill of a settled order, or an error when nothing executed.
  func fill(_ t: Tracked, of order: Order) throws(IBError) -> Fill {
    let quantity = t.executed
    guard quantity > 0 else {
      if let e = t.terminalError { throw .api(code: e.code, message: e.message) }
      throw .api(code: 0, message: "the order ended \(t.status?.status ?? "unknown") with nothing executed")
    }
    let price = t.executions.reduce(0) { $0 + $1.shares * $1.price } / quantity
    let time = t.executions.compactMap(\.nanoseconds).max() ?? order.time
    return Fill(
      clientId: order.clientId, symbol: order.symbol, side: order.side, quantity: quantity, price: price,
      commission: t.commission, time: time)
  }

  /// After a restart: what became of an order the previous process may have sent, found by
  /// the journal's id or by `orderRef`; nothing is sent. A working order is followed to its
  /// end as `submit` follows it.
  public func lookup(_ order: Order) throws(BrokerError) -> OrderLookup {
    if let done = ledger[order.clientId] { return .filled(done) }
    do {
      try ensureSession()
      try refresh()
      guard let id = locate(order.clientId), track(id).known else { return .unknown }
      let t = try follow(order, orderId: id)
      guard t.executed > 0 else { return .unfilled(Self.status(t)) }
      let f = try fill(t, of: order)
      _ = ledger.once(order.clientId) { f }
      return .filled(f)
    } catch let error where error.isAPIRefusal {
      return .unfilled(.rejected)
    } catch {
      throw BrokerError(clientId: order.clientId, error)
    }
  }

  static func status(_ t: Tracked) -> OrderStatus {
    switch t.status?.status ?? "" {
    case "Filled": return .filled
    case "Cancelled", "ApiCancelled": return .canceled
    case "Inactive": return .rejected
    case "PreSubmitted", "Submitted", "PendingSubmit", "PendingCancel": return t.executed > 0 ? .partiallyFilled : .new
    default: return t.terminalError != nil ? .rejected : .new
    }
  }
}

extension IBError {
  /// TWS refused the order (nothing can have executed).
  var isAPIRefusal: Bool {
    if case let .api(code, _) = self { return !IBErrorCode.isConnectivity(code) }
    return false
  }
}
