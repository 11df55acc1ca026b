import Execution
import Foundation

extension IBBroker {
  /// The order with this engine client id (`orderRef`), from TWS's open orders and today's
  /// executions; nil when TWS has neither.
  public func order(clientId: String, symbol: String) throws(BrokerError) -> OrderReport? {
    do {
      try ensureSession()
      try refresh()
    } catch { throw BrokerError(clientId: clientId, error) }
    guard let id = locate(clientId) else { return nil }
    let t = track(id)
    return t.known ? report(t, clientId: clientId, symbol: symbol) : nil
  }

  /// Cancels a working order and waits for TWS's answer.
  public func cancel(clientId: String, symbol: String) throws(BrokerError) -> OrderReport {
    do throws(IBError) {
      try ensureSession()
      guard let id = locate(clientId) else {
        throw IBError.api(code: IBErrorCode.orderNotFound, message: "no order with orderRef \(clientId)")
      }
      let before = track(id)
      try client.send(IBOutbound.cancelOrder(orderId: id))
      client.wait(seconds: client.timeout) { c in
        let t = Self.tracked(c, id)
        return t.status?.isDone == true || t.errors.count > before.errors.count
      }
      return report(track(id), clientId: clientId, symbol: symbol)
    } catch { throw BrokerError(clientId: clientId, error) }
  }

  public func openOrders(symbol: String?) throws(BrokerError) -> [OrderReport] {
    do {
      try ensureSession()
      try refresh()
    } catch { throw BrokerError(clientId: "-", error) }
    let open = client.read { Array($0.openOrders.values) }
    let engineSymbols = Dictionary(contracts.map { ($0.value.contract.conId, $0.key) }) { a, _ in a }
    return open.compactMap { o -> OrderReport? in
      let name = engineSymbols[o.contract.conId] ?? o.contract.symbol
      if let symbol, symbol != name { return nil }
      let r = report(track(o.orderId), clientId: o.orderRef, symbol: name)
      return r.status.isWorking ? r : nil
    }
  }

  /// Cash of the account in its base currency (`AvailableFunds` free, the rest of
  /// `TotalCashValue` locked) and each position of the account (by contract symbol).
  public func balances() throws(BrokerError) -> [AssetBalance] {
    do {
      try ensureSession()
      let reqId = client.nextRequestId()
      try client.send(IBOutbound.reqAccountSummary(reqId: reqId, tags: "TotalCashValue,AvailableFunds"))
      client.wait(seconds: client.timeout) { $0.finished.contains("summary \(reqId)") }
      try? client.send(IBOutbound.cancelAccountSummary(reqId: reqId))
      client.read { _ = $0.finished.remove("positions") }
      try client.send(IBOutbound.reqPositions())
      client.wait(seconds: client.timeout) { $0.finished.contains("positions") }
      let rows = client.read { $0.summaries[reqId] ?? [] }.filter { $0.account == account }
      let cash = Double(rows.first { $0.tag == "TotalCashValue" }?.value ?? "") ?? 0
      let free = Double(rows.first { $0.tag == "AvailableFunds" }?.value ?? "") ?? cash
      var out = [AssetBalance(asset: accountCurrency, free: free, locked: max(0, cash - free))]
      for p in client.read({ $0.positions }) where p.account == account && p.quantity != 0 {
        out.append(AssetBalance(asset: p.contract.symbol, free: p.quantity, locked: 0))
      }
      return out
    } catch { throw BrokerError(clientId: "-", error) }
  }

  func report(_ t: Tracked, clientId: String, symbol: String) -> OrderReport {
    let quantity = t.open?.quantity ?? ((t.status.map { $0.filled + $0.remaining }) ?? t.executed)
    let side: OrderSide = (t.open?.action ?? (t.executions.first?.side == "SLD" ? "SELL" : "BUY")) == "SELL" ? .sell : .buy
    var status = Self.status(t)
    if t.status == nil && t.executed > 0 && abs(t.executed - quantity) <= 1e-9 * max(1, quantity) { status = .filled }
    let price = t.executed > 0 ? t.executions.reduce(0) { $0 + $1.shares * $1.price } / t.executed : .nan
    return OrderReport(
      clientId: clientId, symbol: symbol, side: side, status: status, quantity: quantity, executedQuantity: t.executed,
      averagePrice: price, exchangeId: t.orderId,
      updateTime: (t.executions.compactMap(\.nanoseconds).max() ?? 0) / 1_000_000)
  }
}
