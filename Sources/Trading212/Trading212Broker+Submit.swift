import BrokerSupport
import Execution
import Foundation

extension Trading212Broker {
  func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

  func read<T>(_ body: () throws(T212Error) -> T) throws(T212Error) -> T {
    try retrying(attempts: options.retries, backoff: options.backoff, isRetryable: { $0.isAmbiguous }, body)
  }

  func execute(_ order: Order) throws(T212Error) -> Fill {
    guard let instrument = instruments[order.symbol] else {
      throw .rejectedLocally("unknown symbol \(order.symbol); the broker trades \(instruments.keys.sorted())")
    }
    guard order.quantity.isFinite, order.quantity > 0 else {
      throw .rejectedLocally("quantity must be a positive number, got \(order.quantity)")
    }
    if instrument.maxOpenQuantity > 0 && order.quantity > instrument.maxOpenQuantity {
      throw .rejectedLocally("quantity \(order.quantity) above the instrument's maximum \(instrument.maxOpenQuantity)")
    }
    var limit: Double?
    if order.kind == .limit {
      guard order.price.isFinite, order.price > 0 else {
        throw .rejectedLocally("limit price must be a positive number, got \(order.price)")
      }
      limit = order.price
    }
    let ticker = instrument.ticker
    var id = try locate(order, ticker: ticker)
    if id == nil {
      id = try place(order, ticker: ticker, limit: limit)
    }
    guard let id else { throw .transport("no order id") }
    let (quantity, price, time, status) = try follow(id: id, order: order, ticker: ticker)
    guard quantity > 0 else {
      throw .http(status: 0, message: "the order ended \(status.rawValue) with nothing executed")
    }
    return Fill(
      clientId: order.clientId, symbol: order.symbol, side: order.side, quantity: quantity, price: price,
      commission: 0, time: time)
  }

  /// Sends the order (journalled first). A connection that fails after sending is resolved by
  /// a look-up before anything is sent again.
  func place(_ order: Order, ticker: String, limit: Double?) throws(T212Error) -> Int64 {
    let signed = order.side == .buy ? order.quantity : -order.quantity
    for _ in 0..<3 {
      do { try journal.recordIntent(order, sentAt: now()) } catch { throw .configuration(error.message) }
      do throws(T212Error) {
        let placed = try rest.place(ticker: ticker, quantity: signed, limit: limit)
        do { try journal.recordPlaced(clientId: order.clientId, brokerId: String(placed.id)) } catch {
          throw T212Error.configuration(error.message)
        }
        return placed.id
      } catch let error where error.isAmbiguous {
        if let found = try locate(order, ticker: ticker) { return found }
      }
    }
    throw .transport("the order could not be placed: three placements ended without an answer and without an order")
  }

  /// The Trading212 id of an order the journal holds: its id, or (sent without an answer)
  /// the matching pending or historical order, which the journal then records. nil when the
  /// journal has no such intent or Trading212 has no matching order.
  func locate(_ order: Order, ticker: String) throws(T212Error) -> Int64? {
    guard let entry = journal.entry(clientId: order.clientId) else { return nil }
    if let id = entry.brokerId.flatMap({ Int64($0) }) { return id }
    let claimed = journal.claimedBrokerIds
    let earliest = entry.sentAt - options.clockSkew
    let signed = entry.side == .buy ? entry.quantity : -entry.quantity
    func matches(_ o: T212Order) -> Bool {
      o.ticker == ticker && abs(o.quantity - signed) <= 1e-9 * max(1, abs(signed)) && o.createdAt >= earliest
        && !claimed.contains(String(o.id))
    }
    var candidates = try read { () throws(T212Error) in try rest.pendingOrders() }.filter(matches)
    let history = try read { () throws(T212Error) in
      try rest.history(ticker: ticker) { page in page.last.map { $0.order.createdAt >= earliest } ?? false }
    }
    candidates += history.map(\.order).filter(matches)
    guard let found = candidates.min(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) else { return nil }
    do { try journal.recordPlaced(clientId: order.clientId, brokerId: String(found.id)) } catch {
      throw .configuration(error.message)
    }
    return found.id
  }

  /// Follows order `id` until it is no longer pending (cancelling it at `fillTimeout`), then
  /// reads what executed from the history: quantity, volume-weighted price, time, status.
  func follow(id: Int64, order: Order, ticker: String) throws(T212Error) -> (Double, Double, Int64, OrderStatus) {
    let deadline = Date().addingTimeInterval(Double(options.fillTimeout) / 1000)
    var cancelled = false
    while let pending = try read({ () throws(T212Error) in try rest.pendingOrder(id: id) }), pending.isPending {
      if Date() >= deadline && !cancelled {
        cancelled = true
        _ = try read { () throws(T212Error) in try rest.cancel(id: id) }
      }
      Thread.sleep(forTimeInterval: Double(options.pollInterval) / 1000)
      if cancelled && Date() > deadline.addingTimeInterval(Double(options.timeout) / 1000) {
        throw .timeout("order \(id) still pending \(options.timeout) ms after its cancel")
      }
    }
    let sentAt = journal.entry(clientId: order.clientId)?.sentAt ?? 0
    var items: [T212HistoryItem] = []
    // The history may trail the pending list by a moment: ask again a few times.
    for attempt in 0..<5 {
      items = try read { () throws(T212Error) in
        try rest.history(ticker: ticker) { page in
          !page.contains { $0.order.id == id } && (page.last?.order.createdAt ?? 0) >= sentAt - options.clockSkew
        }
      }.filter { $0.order.id == id }
      if !items.isEmpty { break }
      Thread.sleep(forTimeInterval: Double(options.pollInterval) / 1000 * Double(attempt + 1))
    }
    guard let last = items.first else { throw .timeout("order \(id) is neither pending nor in the order history") }
    let quantity = items.reduce(0) { $0 + $1.fillQuantity }
    let price = quantity > 0 ? items.reduce(0) { $0 + $1.fillQuantity * $1.fillPrice } / quantity : .nan
    let time = items.map(\.filledAt).max().flatMap { $0 > 0 ? $0 * 1_000_000 : nil } ?? order.time
    let status: OrderStatus
    switch last.order.status {
    case "FILLED": status = .filled
    case "REJECTED": status = .rejected
    default: status = .canceled
    }
    return (quantity, price, time, status)
  }
}
