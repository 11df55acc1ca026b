import Foundation
import GRDB

/// Orders in flight: the record written before an order goes to the broker.
extension StateStore {
  public func stage(
    _ pending: PendingOrder, entries: [JournalEntry], checkpoint: EngineState?
  ) throws(ExecutionError) {
    do {
      let record = String(decoding: try encoder.encode(pending), as: UTF8.self)
      let saved = try checkpoint.map { state in try encode(state) }
      let encoded = try encode(entries)
      try pool.write { db in
        for (entry, json) in encoded { try Self.insert(entry, json: json, db) }
        if let saved { try Self.write(saved, db) }
        try db.execute(
          sql: "INSERT OR REPLACE INTO pending_orders VALUES (?, ?, ?, ?, ?, ?)",
          arguments: [
            pending.order.clientId, pending.order.symbol, pending.purpose, pending.trade, pending.eventIndex,
            record,
          ])
      }
    } catch let error as ExecutionError {
      throw error
    } catch {
      throw .state("cannot record order \(pending.order.clientId) before sending it: \(error)")
    }
  }

  /// Orders recorded as in flight and not settled by a later commit, in the order they were
  /// recorded (empty after a clean stop).
  public func pendingOrders() throws(ExecutionError) -> [PendingOrder] {
    do { return try pool.read { db in try pendingOrders(db) } } catch {
      throw .state("cannot read the orders in flight: \(error)")
    }
  }

  func pendingOrders(_ db: Database) throws -> [PendingOrder] {
    try String.fetchAll(db, sql: "SELECT record FROM pending_orders ORDER BY rowid").map {
      try decoder.decode(PendingOrder.self, from: Data($0.utf8))
    }
  }
}
