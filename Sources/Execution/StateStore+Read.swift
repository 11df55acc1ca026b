import Foundation
import GRDB
import Simulator

/// What a restart reads back.
public struct SavedRun {
  public var state: EngineState
  public var trades: [Trade]
  public var decisions: [Decision]
  public var equity: [EquityPoint]
  public var fills: [Fill]
  public var rejections: [EntryRejection]
  /// Orders the previous process recorded as in flight and never settled (see
  /// `Engine.recover(_:)`).
  public var pending: [PendingOrder] = []
}

extension StateStore {
  /// The last checkpoint and the rows committed with it; nil for a new state directory.
  public func load() throws(ExecutionError) -> SavedRun? {
    do {
      return try pool.read { db -> SavedRun? in
        guard let blob = try Data.fetchOne(db, sql: "SELECT state FROM checkpoint WHERE id = 1") else {
          return nil
        }
        let state = try decoder.decode(EngineState.self, from: blob)
        let decisions = try String.fetchAll(db, sql: "SELECT record FROM decisions ORDER BY seq").map {
          try decoder.decode(Decision.self, from: Data($0.utf8))
        }
        let equity = try Row.fetchAll(db, sql: "SELECT time, value, exposed FROM equity ORDER BY seq").map {
          EquityPoint(time: $0["time"], value: $0["value"], exposed: $0["exposed"])
        }
        let rejections = try String.fetchAll(db, sql: "SELECT record FROM rejections ORDER BY seq").map {
          try decoder.decode(EntryRejection.self, from: Data($0.utf8))
        }
        return SavedRun(
          state: state, trades: try Self.trades(db), decisions: decisions, equity: equity,
          fills: try Self.fills(db),
          rejections: rejections, pending: try pendingOrders(db))
      }
    } catch let error as ExecutionError {
      throw error
    } catch {
      throw .state("cannot read the state in \(directory): \(error)")
    }
  }

  /// Every order, in client-id sequence.
  public func orders() throws(ExecutionError) -> [Order] {
    do {
      return try pool.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM orders ORDER BY rowid").map { r in
          Order(
            clientId: r["client_id"], symbol: r["symbol"], side: try raw(OrderSide.self, r["side"], "side"),
            kind: try raw(OrderKind.self, r["kind"], "kind"), quantity: r["quantity"], price: r["price"],
            slippageBasis: r["slippage_basis"], atr: (r["atr"] as Double?) ?? .nan, time: r["time"],
            purpose: r["purpose"])
        }
      }
    } catch {
      throw .state("cannot read orders: \(error)")
    }
  }

  /// Every fill, in order.
  public func fills() throws(ExecutionError) -> [Fill] {
    do { return try pool.read { db in try Self.fills(db) } } catch {
      throw .state("cannot read fills: \(error)")
    }
  }

  /// Every closed trade, in order.
  public func trades() throws(ExecutionError) -> [Trade] {
    do { return try pool.read { db in try Self.trades(db) } } catch {
      throw .state("cannot read trades: \(error)")
    }
  }

  static func fills(_ db: Database) throws -> [Fill] {
    try Row.fetchAll(db, sql: "SELECT * FROM fills ORDER BY rowid").map { r in
      Fill(
        clientId: r["client_id"], symbol: r["symbol"], side: try raw(OrderSide.self, r["side"], "side"),
        quantity: r["quantity"], price: r["price"], commission: r["commission"], time: r["time"])
    }
  }

  static func trades(_ db: Database) throws -> [Trade] {
    try Row.fetchAll(db, sql: "SELECT * FROM trades ORDER BY seq").map { r in
      let zeros: Int = r["negative_zeros"]
      func signed(_ value: Double, _ k: Int) -> Double { zeros & (1 << k) != 0 && value == 0 ? -0.0 : value }
      return Trade(
        symbol: r["symbol"], side: try raw(Side.self, r["side"], "side"), tag: r["tag"],
        entryBar: r["entry_bar"],
        entryTime: r["entry_time"], entryPrice: r["entry_price"], exitBar: r["exit_bar"],
        exitTime: r["exit_time"],
        exitPrice: r["exit_price"], quantity: r["quantity"], pnl: signed(r["pnl"], 0),
        commission: signed(r["commission"], 1),
        exitReason: try raw(ExitReason.self, r["exit_reason"], "exit_reason"), maePercent: signed(r["mae"], 2),
        mfePercent: signed(r["mfe"], 3))
    }
  }
}

/// A stored enum value, or a typed error naming the column and what came.
func raw<T: RawRepresentable>(_ type: T.Type, _ text: String, _ column: String) throws -> T
where T.RawValue == String {
  guard let value = T(rawValue: text) else {
    throw ExecutionError.state("column \(column) holds '\(text)', not a \(T.self)")
  }
  return value
}
