import Foundation

extension IBGatewaySimulator {
  /// placeOrder at 176: 115 fields; orderId 1, symbol 3, currency 11, action 16, quantity 17,
  /// type 18, limit 19, account 23, orderRef 26.
  func placeOrder(_ f: [String], from session: Session, client: Int) -> Bool {
    lock.withLock { placeMessages += 1 }
    guard let orderId = Int64(f.count > 1 ? f[1] : "") else {
      session.send(IBEncoders.error(id: -1, code: 320, "Error reading request: order id"))
      return true
    }
    guard f.count == 115 else {
      session.send(IBEncoders.error(id: orderId, code: 320, "Error reading request: placeOrder has \(f.count) fields, 115 expected at server 176"))
      return true
    }
    let symbol = f[3], currency = f[11], action = f[16], type = f[18], account = f[23], ref = f[26]
    var reply: [String]?
    var accepted: SimulatedOrder?
    var disconnect = false
    var delay = 0.0
    var pieces = 1
    var stepDelay = 0.0
    lock.withLock {
      let used = nextIdByClient[client] ?? 1
      if orderId < used || orders.contains(where: { $0.clientId == client && $0.orderId == orderId }) {
        reply = IBEncoders.error(id: orderId, code: 103, "Duplicate order id")
        return
      }
      guard let contract = contracts[symbol], contract.currency == currency, f[4] == "STK" else {
        reply = IBEncoders.error(id: orderId, code: 200, "No security definition has been found for the request")
        return
      }
      guard account == self.account else {
        reply = IBEncoders.error(id: orderId, code: 321, "Error validating request:-'bN' : cause - Invalid account code \(account)")
        return
      }
      guard action == "BUY" || action == "SELL", type == "MKT" || type == "LMT", let quantity = Double(f[17]),
        quantity > 0
      else {
        reply = IBEncoders.error(id: orderId, code: 321, "Error validating request: action, type or quantity")
        return
      }
      let limit = Double(f[19]) ?? 0
      if type == "LMT" && !(limit > 0) {
        reply = IBEncoders.error(id: orderId, code: 321, "Error validating request: limit price")
        return
      }
      let steps = quantity / contract.sizeIncrement
      if abs(steps - steps.rounded()) > 1e-9 || quantity < contract.minSize {
        reply = IBEncoders.error(id: orderId, code: 201, "Order rejected - reason:size \(quantity) is not a multiple of \(contract.sizeIncrement)")
        nextIdByClient[client] = orderId + 1
        return
      }
      nextIdByClient[client] = orderId + 1
      if rejectNext {
        rejectNext = false
        reply = IBEncoders.error(id: orderId, code: 201, "Order rejected - reason:simulated rejection")
        return
      }
      nextPermId += 1
      var o = SimulatedOrder(
        orderId: orderId, clientId: client, permId: nextPermId, contract: contract, action: action, quantity: quantity,
        orderType: type, limitPrice: limit, account: account, orderRef: ref, status: "Submitted")
      if type == "MKT", let next = scripted[symbol]?.first {
        scripted[symbol]?.removeFirst()
        contracts[symbol]?.price = next
        o.contract.price = next
      }
      pieces = partialFills
      stepDelay = fillDelay
      if stepDelay == 0 && isMarketable(o) { execute(&o, pieces: pieces, price: fillPrice(o)) }
      orders.append(o)
      accepted = o
      disconnect = disconnectAfterNext
      disconnectAfterNext = false
      delay = reportDelay
    }
    if let reply { session.send(reply) }
    guard let o = accepted else { return true }
    if disconnect { return false }
    let wait = delay
    let step = stepDelay, count = pieces
    let report: @Sendable () -> Void = { [self] in
      session.send(IBEncoders.openOrder(o))
      session.send(IBEncoders.orderStatus(o))
      if step > 0 && isMarketable(o) {
        executeSlowly(orderId: o.orderId, client: client, pieces: count, step: step, session: session)
      } else {
        reportExecutions(lock.withLock { orders.first { $0.orderId == o.orderId && $0.clientId == client } } ?? o, session)
      }
    }
    if wait > 0 {
      Thread.detachNewThread {
        Thread.sleep(forTimeInterval: wait)
        report()
      }
    } else {
      report()
    }
    return true
  }

  func isMarketable(_ o: SimulatedOrder) -> Bool {
    if o.orderType == "MKT" { return true }
    return o.action == "BUY" ? o.contract.price <= o.limitPrice : o.contract.price >= o.limitPrice
  }

  func fillPrice(_ o: SimulatedOrder) -> Double {
    if o.orderType == "MKT" { return o.contract.price }
    return o.action == "BUY" ? min(o.limitPrice, o.contract.price) : max(o.limitPrice, o.contract.price)
  }

  /// Executes what remains of `o` in `pieces` (whole shares per piece on the size grid), with
  /// commissions that add up to the tiered commission of the whole order. Under the lock.
  func execute(_ o: inout SimulatedOrder, pieces: Int, price: Double, only: Int? = nil) {
    let total = o.quantity
    let piece = max(o.contract.sizeIncrement, ((total / Double(pieces)) / o.contract.sizeIncrement).rounded(.down) * o.contract.sizeIncrement)
    var count = 0
    while o.filled < total - 1e-9 {
      if let only, count >= only { break }
      let shares = min(piece, total - o.filled)
      let before = tieredCommission(shares: o.filled, price: price)
      let after = tieredCommission(shares: o.filled + shares, price: price)
      let commission = o.executions.isEmpty ? after : after - before
      o.executions.append(
        SimulatedExecution(
          execId: String(format: "0000e%04d.%08x.01.01", nextExec, o.orderId), shares: shares, price: price,
          commission: commission, time: Date()))
      nextExec += 1
      count += 1
      cash += (o.action == "BUY" ? -1 : 1) * shares * price - commission
    }
    if o.filled >= total - 1e-9 { o.status = "Filled" }
  }

  func reportExecutions(_ o: SimulatedOrder, _ session: Session) {
    var cumulative = 0.0
    var value = 0.0
    for e in o.executions {
      cumulative += e.shares
      value += e.shares * e.price
      var partial = o
      partial.executions = Array(o.executions.prefix { $0.execId <= e.execId })
      partial.status = cumulative >= o.quantity - 1e-9 ? "Filled" : "Submitted"
      session.send(IBEncoders.execution(o, e, reqId: -1, cumulative: cumulative, average: value / cumulative))
      session.send(IBEncoders.orderStatus(partial))
      session.send(IBEncoders.commission(e, currency: o.contract.currency))
    }
  }

  /// One piece every `step` seconds, each reported as it executes.
  func executeSlowly(orderId: Int64, client: Int, pieces: Int, step: Double, session: Session) {
    Thread.detachNewThread { [self] in
      while true {
        Thread.sleep(forTimeInterval: step)
        let snapshot: SimulatedOrder? = lock.withLock {
          guard let i = orders.firstIndex(where: { $0.orderId == orderId && $0.clientId == client }), orders[i].working
          else { return nil }
          execute(&orders[i], pieces: pieces, price: fillPrice(orders[i]), only: 1)
          return orders[i]
        }
        guard let o = snapshot, let e = o.executions.last else { return }
        session.send(IBEncoders.execution(o, e, reqId: -1, cumulative: o.filled, average: o.averagePrice))
        session.send(IBEncoders.orderStatus(o))
        session.send(IBEncoders.commission(e, currency: o.contract.currency))
        if !o.working { return }
      }
    }
  }

  func cancel(orderId: Int64, client: Int, session: Session) {
    let result: SimulatedOrder? = lock.withLock {
      guard let i = orders.firstIndex(where: { $0.orderId == orderId && $0.clientId == client }) else { return nil }
      if orders[i].working { orders[i].status = "Cancelled" }
      return orders[i]
    }
    guard let o = result else {
      session.send(IBEncoders.error(id: orderId, code: 10147, "OrderId \(orderId) that needs to be cancelled is not found."))
      return
    }
    if o.status == "Cancelled" {
      session.send(IBEncoders.orderStatus(o))
      session.send(IBEncoders.error(id: orderId, code: 202, "Order Canceled - reason:"))
    } else {
      session.send(IBEncoders.error(id: orderId, code: 161, "Cancel attempted when order is not in a cancellable state.  Order permId =\(o.permId)"))
    }
  }

  /// Resting limits of `symbol` that the new price crosses execute at their limit.
  func matchResting(symbol: String) {
    let (touched, live): ([SimulatedOrder], [Int: Session]) = lock.withLock {
      var out: [SimulatedOrder] = []
      for i in orders.indices where orders[i].working && orders[i].contract.symbol == symbol && orders[i].orderType == "LMT" {
        orders[i].contract.price = contracts[symbol]?.price ?? orders[i].contract.price
        if isMarketable(orders[i]) {
          execute(&orders[i], pieces: partialFills, price: orders[i].limitPrice)
          out.append(orders[i])
        }
      }
      return (out, Dictionary(sessions.values.compactMap { s in s.clientId.map { ($0, s) } }) { a, _ in a })
    }
    for o in touched { if let s = live[o.clientId] { reportExecutions(o, s) } }
  }
}
