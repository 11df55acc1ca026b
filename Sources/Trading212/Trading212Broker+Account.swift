import Execution
import Foundation

extension Trading212Broker {
  /// The order with this engine client id, through the journal: pending, or from the history.
  public func order(clientId: String, symbol: String) throws(BrokerError) -> OrderReport? {
    guard let entry = journal.entry(clientId: clientId), let instrument = instruments[symbol] else { return nil }
    let probe = Order(
      clientId: clientId, symbol: symbol, side: entry.side, kind: .market, quantity: entry.quantity, price: .nan,
      slippageBasis: .nan, atr: .nan, time: entry.sentAt * 1_000_000, purpose: "lookup")
    do {
      guard let id = try locate(probe, ticker: instrument.ticker) else { return nil }
      if let pending = try read({ () throws(T212Error) in try rest.pendingOrder(id: id) }), pending.isPending {
        return OrderReport(
          clientId: clientId, symbol: symbol, side: entry.side,
          status: pending.filledQuantity > 0 ? .partiallyFilled : .new, quantity: entry.quantity,
          executedQuantity: abs(pending.filledQuantity), averagePrice: .nan, exchangeId: id)
      }
      let items = try read { () throws(T212Error) in try rest.history(ticker: instrument.ticker) { _ in false } }
        .filter { $0.order.id == id }
      let executed = items.reduce(0) { $0 + $1.fillQuantity }
      let status: OrderStatus =
        items.first?.order.status == "FILLED" ? .filled : items.first?.order.status == "REJECTED" ? .rejected : .canceled
      return OrderReport(
        clientId: clientId, symbol: symbol, side: entry.side, status: status, quantity: entry.quantity,
        executedQuantity: executed,
        averagePrice: executed > 0 ? items.reduce(0) { $0 + $1.fillQuantity * $1.fillPrice } / executed : .nan,
        exchangeId: id)
    } catch {
      throw BrokerError(clientId: clientId, error)
    }
  }

  public func cancel(clientId: String, symbol: String) throws(BrokerError) -> OrderReport {
    guard let id = journal.entry(clientId: clientId)?.brokerId.flatMap({ Int64($0) }) else {
      throw BrokerError(clientId: clientId, message: "Trading212: no order journalled for \(clientId)")
    }
    do { _ = try rest.cancel(id: id) } catch { throw BrokerError(clientId: clientId, error) }
    guard let report = try order(clientId: clientId, symbol: symbol) else {
      throw BrokerError(clientId: clientId, message: "Trading212: order \(id) not found after its cancel")
    }
    return report
  }

  /// Pending orders of the traded instruments (client ids from the journal, else
  /// `t212-<id>`).
  public func openOrders(symbol: String?) throws(BrokerError) -> [OrderReport] {
    let byId = Dictionary(journal.all.compactMap { e in e.brokerId.map { ($0, e.clientId) } }) { a, _ in a }
    let symbols = Dictionary(instruments.map { ($0.value.ticker, $0.key) }) { a, _ in a }
    do {
      return try read { () throws(T212Error) in try rest.pendingOrders() }.compactMap { o in
        guard let name = symbols[o.ticker], symbol == nil || symbol == name, o.isPending else { return nil }
        return OrderReport(
          clientId: byId[String(o.id)] ?? "t212-\(o.id)", symbol: name, side: o.quantity < 0 ? .sell : .buy,
          status: o.filledQuantity != 0 ? .partiallyFilled : .new, quantity: abs(o.quantity),
          executedQuantity: abs(o.filledQuantity), averagePrice: .nan, exchangeId: o.id)
      }
    } catch {
      throw BrokerError(clientId: "-", error)
    }
  }

  /// Cash in the account currency (available free, reserved for orders locked) and the
  /// positions by ticker.
  public func balances() throws(BrokerError) -> [AssetBalance] {
    do {
      let summary = try read { () throws(T212Error) in try rest.accountSummary() }
      let held = try read { () throws(T212Error) in try rest.positions() }
      return [AssetBalance(asset: summary.currency, free: summary.available, locked: summary.reserved)]
        + held.filter { $0.quantity != 0 }.map { AssetBalance(asset: $0.ticker, free: $0.quantity, locked: 0) }
    } catch {
      throw BrokerError(clientId: "-", error)
    }
  }
}
