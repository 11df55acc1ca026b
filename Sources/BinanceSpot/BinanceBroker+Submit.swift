import Execution
import Foundation

extension BinanceBroker {
  /// Binance's client order id pattern.
  static func isValidClientId(_ id: String) -> Bool {
    (1...36).contains(id.utf8.count)
      && id.utf8.allSatisfy { b in
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x2e
          || b == 0x3a
          || b == 0x2f || b == 0x5f || b == 0x2d
      }
  }

  func execute(_ order: Order) throws(BinanceError) -> Fill {
    guard Self.isValidClientId(order.clientId) else {
      throw .rejectedLocally(
        "client order id must be 1 to 36 characters of A-Z a-z 0-9 . : / _ -, got \(order.clientId.count) characters"
      )
    }
    guard let rules = rules[order.symbol] else {
      throw .rejectedLocally("unknown symbol \(order.symbol); the broker trades \(self.rules.keys.sorted())")
    }
    let market = order.kind != .limit
    let (quantity, price) = try rules.validate(quantity: order.quantity, price: order.price, market: market)
    let q = BinanceSignature.decimal(quantity)
    let limit = market ? nil : BinanceSignature.decimal(price)
    var commissions: [String: Double] = [:]
    var report: OrderReport
    // The stream saw this client id (a resubmission after a failed submit): the exchange has
    // it, no need to ask. Otherwise ask, for an order placed before a crash.
    if let seen = condition.withLock({ latest[order.clientId] }), seen.symbol == order.symbol {
      report = seen
    } else if let existing = try rest.order(clientId: order.clientId, symbol: order.symbol) {
      report = existing
    } else {
      do {
        (report, commissions) = try rest.place(
          clientId: order.clientId, symbol: order.symbol, side: order.side, quantity: q, limit: limit)
      } catch let error where error.isAmbiguous {
        if let found = try find(order.clientId, symbol: order.symbol) {
          report = found
        } else {
          (report, commissions) = try rest.place(
            clientId: order.clientId, symbol: order.symbol, side: order.side, quantity: q, limit: limit)
        }
      }
    }
    report = try finish(report)
    guard report.executedQuantity > 0 else {
      throw .exchange(
        status: 0, code: 0, message: "the order ended \(report.status.rawValue) with nothing executed")
    }
    if report.status != .filled || commissions.isEmpty {
      commissions = try paidCommissions(report)
    }
    return try fill(report, of: order, commissions: commissions)
  }

  /// After a placement whose answer was lost: the order as the exchange has it, or nil when
  /// it certainly has none (asks up to 5 times while the connection keeps failing).
  func find(_ clientId: String, symbol: String) throws(BinanceError) -> OrderReport? {
    var last = BinanceError.transport("no answer")
    for attempt in 0..<5 {
      if attempt > 0 { Thread.sleep(forTimeInterval: Double(options.pollInterval) / 1000) }
      do {
        return try rest.order(clientId: clientId, symbol: symbol)
      } catch let error where error.isAmbiguous {
        last = error
      }
    }
    throw last
  }

  /// Waits until the order stops working: the stream's reports first, REST every
  /// `streamPollInterval` while the stream is live, else every `pollInterval` (a drop wakes the
  /// wait at once and polls); cancels what is left at `fillTimeout`.
  func finish(_ placed: OrderReport) throws(BinanceError) -> OrderReport {
    var current = placed
    mutate { following[placed.clientId] = placed.symbol }
    defer { _ = mutate { following.removeValue(forKey: placed.clientId) } }
    let deadline = Date().addingTimeInterval(Double(options.fillTimeout) / 1000)
    while current.status.isWorking {
      if Date() >= deadline {
        do {
          current = try rest.cancel(clientId: current.clientId, symbol: current.symbol)
        } catch let .exchange(_, code, _) where code == BinanceError.Code.cancelRejected {
          // Filled meanwhile: read the final state.
          current = try rest.order(clientId: current.clientId, symbol: current.symbol) ?? current
        }
        break
      }
      let live = condition.withLock { streamLive }
      let interval = live ? options.streamPollInterval : options.pollInterval
      let wait = min(Double(interval) / 1000, deadline.timeIntervalSinceNow)
      if let streamed = waitForUpdate(of: current, seconds: wait, whileLive: live) {
        current = streamed
      } else if let polled = try rest.order(clientId: current.clientId, symbol: current.symbol) {
        absorb(polled)
        current = polled
      }
    }
    return current
  }

  /// A newer report of the order from the stream, or nil after `seconds` (or, `whileLive`,
  /// as soon as the stream stops being live).
  private func waitForUpdate(of report: OrderReport, seconds: Double, whileLive: Bool) -> OrderReport? {
    let until = Date().addingTimeInterval(max(0, seconds))
    return withCondition(
      { latest in
        if let newer = latest[report.clientId], Self.isNewer(newer, than: report) { return newer }
        return nil
      }, waitingUntil: until, whileLive: whileLive)
  }

  static func isNewer(_ a: OrderReport, than b: OrderReport) -> Bool {
    a.executedQuantity > b.executedQuantity || (a.status != b.status && !a.status.isWorking)
  }

  /// Commission paid so far, from the stream's executions when they account for the executed
  /// quantity, else from the account's trades.
  func paidCommissions(_ report: OrderReport) throws(BinanceError) -> [String: Double] {
    let streamed = executions(clientId: report.clientId).filter { $0.executionType == "TRADE" }
    let covered = streamed.reduce(0) { $0 + $1.lastQuantity }
    if !streamed.isEmpty && abs(covered - report.executedQuantity) <= report.executedQuantity * 1e-9 {
      var out: [String: Double] = [:]
      for e in streamed { out[e.commissionAsset ?? "", default: 0] += e.commission }
      return out
    }
    return try rest.commissions(symbol: report.symbol, orderId: report.exchangeId)
  }
}
