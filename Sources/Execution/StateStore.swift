import Foundation
import GRDB
import Simulator

/// The run's state in SQLite (WAL mode) in a state directory: orders with client ids, fills,
/// trades, positions, equity, every decision, and the engine checkpoint.
///
/// Each `commit` is one transaction: a tick's changes and the state after them land together
/// or not at all, so after `kill -9` at any instant the last checkpoint matches the rows.
/// Client ids are primary keys: a duplicate aborts the transaction instead of being stored.
/// Files: `DIR/state.sqlite` (+ its `-wal`/`-shm`).
public final class StateStore: EngineJournal {
  public let directory: String
  let pool: DatabasePool
  let encoder = JSONEncoder()
  let decoder = JSONDecoder()

  /// Opens (creating if needed) the store in `directory`.
  public init(directory: String) throws(ExecutionError) {
    self.directory = directory
    // Levels and ATR are NaN while undefined; JSON has no NaN, so they travel as strings.
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      var config = Configuration()
      config.label = "crescent.state"
      // Every commit reaches the disk before it returns (crash safety over throughput).
      config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
      pool = try DatabasePool(
        path: (directory as NSString).appendingPathComponent("state.sqlite"), configuration: config)
      try Self.migrator.migrate(pool)
    } catch {
      throw .state("cannot open the state in \(directory): \(error)")
    }
  }

  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL, events INTEGER NOT NULL, finished INTEGER NOT NULL);
          CREATE TABLE orders (client_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, side TEXT NOT NULL, kind TEXT NOT NULL,
            quantity REAL NOT NULL, price REAL NOT NULL, slippage_basis REAL NOT NULL, atr REAL, time INTEGER NOT NULL, purpose TEXT NOT NULL);
          CREATE TABLE fills (client_id TEXT PRIMARY KEY REFERENCES orders(client_id), symbol TEXT NOT NULL, side TEXT NOT NULL,
            quantity REAL NOT NULL, price REAL NOT NULL, commission REAL NOT NULL, time INTEGER NOT NULL);
          CREATE TABLE trades (seq INTEGER PRIMARY KEY, symbol TEXT NOT NULL, side TEXT NOT NULL, tag TEXT NOT NULL,
            entry_bar INTEGER NOT NULL, entry_time INTEGER NOT NULL, entry_price REAL NOT NULL, exit_bar INTEGER NOT NULL,
            exit_time INTEGER NOT NULL, exit_price REAL NOT NULL, quantity REAL NOT NULL, pnl REAL NOT NULL,
            commission REAL NOT NULL, exit_reason TEXT NOT NULL, mae REAL NOT NULL, mfe REAL NOT NULL);
          CREATE TABLE decisions (seq INTEGER PRIMARY KEY, symbol TEXT NOT NULL, bar INTEGER NOT NULL, time INTEGER NOT NULL,
            record TEXT NOT NULL, verdict TEXT NOT NULL, client_id TEXT);
          CREATE TABLE rejections (seq INTEGER PRIMARY KEY, client_id TEXT NOT NULL, symbol TEXT NOT NULL, time INTEGER NOT NULL, record TEXT NOT NULL);
          CREATE TABLE equity (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, value REAL NOT NULL, exposed INTEGER NOT NULL);
          CREATE TABLE positions (entry_order TEXT PRIMARY KEY, symbol TEXT NOT NULL, side TEXT NOT NULL, quantity REAL NOT NULL,
            entry_price REAL NOT NULL, stop REAL, target REAL, record TEXT NOT NULL);
          """)
    }
    // SQLite stores an integral REAL as an integer, so -0.0 came back as 0.0 (an MFE of a
    // short that never went its way printed "0.0" after a restart, "-0.0" before).
    m.registerMigration("v2") { db in
      try db.execute(sql: "ALTER TABLE trades ADD COLUMN negative_zeros INTEGER NOT NULL DEFAULT 0")
    }
    // Orders in flight: written before an order goes to the broker, removed with its outcome.
    m.registerMigration("v3") { db in
      try db.execute(
        sql: """
          CREATE TABLE pending_orders (client_id TEXT PRIMARY KEY, symbol TEXT NOT NULL, purpose TEXT NOT NULL,
            trade TEXT NOT NULL, event_index INTEGER NOT NULL, record TEXT NOT NULL);
          """)
    }
    return m
  }

  /// Whether the database runs in WAL mode.
  public func journalMode() throws(ExecutionError) -> String {
    do { return try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } } catch {
      throw .state("\(error)")
    }
  }

  /// Commits `entries` and the state; every order in flight is settled by then (the engine
  /// commits between events only), so the transaction also removes every pending record.
  public func commit(_ entries: [JournalEntry], state: EngineState) throws(ExecutionError) {
    do {
      let saved = try encode(state)
      let encoded = try encode(entries)
      try pool.write { db in
        for (entry, json) in encoded { try Self.insert(entry, json: json, db) }
        try Self.write(saved, db)
        try db.execute(sql: "DELETE FROM pending_orders")
      }
    } catch let error as ExecutionError {
      throw error
    } catch {
      throw .state("commit failed: \(error)")
    }
  }

  /// The checkpoint blob and the positions rows of a state.
  struct EncodedState {
    var state: EngineState
    var blob: Data
    var positions: [(Position, String)]
  }

  func encode(_ state: EngineState) throws -> EncodedState {
    EncodedState(
      state: state, blob: try encoder.encode(state),
      positions: try state.positions.map { ($0, String(decoding: try encoder.encode($0), as: UTF8.self)) })
  }

  func encode(_ entries: [JournalEntry]) throws -> [(JournalEntry, String?)] {
    try entries.map { entry -> (JournalEntry, String?) in
      switch entry {
      case let .decision(d): return (entry, String(decoding: try encoder.encode(d), as: UTF8.self))
      case let .rejection(r): return (entry, String(decoding: try encoder.encode(r), as: UTF8.self))
      default: return (entry, nil)
      }
    }
  }

  /// Replaces the positions rows and the checkpoint.
  static func write(_ saved: EncodedState, _ db: Database) throws {
    try db.execute(sql: "DELETE FROM positions")
    for (p, json) in saved.positions {
      try db.execute(
        sql: "INSERT INTO positions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        arguments: [
          p.entryOrder, p.symbol, p.side.rawValue, p.quantity, p.entryPrice, p.stop.isNaN ? nil : p.stop,
          p.target.isNaN ? nil : p.target, json,
        ])
    }
    try db.execute(
      sql: "INSERT OR REPLACE INTO checkpoint VALUES (1, ?, ?, ?)",
      arguments: [saved.blob, saved.state.events, saved.state.finished])
  }

  static func insert(_ entry: JournalEntry, json: String?, _ db: Database) throws {
    switch entry {
    case let .order(o):
      try db.execute(
        sql: "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        arguments: [
          o.clientId, o.symbol, o.side.rawValue, o.kind.rawValue, o.quantity, o.price, o.slippageBasis,
          o.atr.isNaN ? nil : o.atr, o.time, o.purpose,
        ])
    case let .fill(f):
      try db.execute(
        sql: "INSERT INTO fills VALUES (?, ?, ?, ?, ?, ?, ?)",
        arguments: [f.clientId, f.symbol, f.side.rawValue, f.quantity, f.price, f.commission, f.time])
    case let .trade(t):
      try db.execute(
        sql:
          "INSERT INTO trades (symbol, side, tag, entry_bar, entry_time, entry_price, exit_bar, exit_time, exit_price, quantity, pnl, commission, exit_reason, mae, mfe, negative_zeros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        arguments: [
          t.symbol, t.side.rawValue, t.tag, t.entryBar, t.entryTime, t.entryPrice, t.exitBar, t.exitTime,
          t.exitPrice, t.quantity, t.pnl, t.commission, t.exitReason.rawValue, t.maePercent, t.mfePercent,
          Self.negativeZeros(t),
        ])
    case let .decision(d):
      try db.execute(
        sql:
          "INSERT INTO decisions (symbol, bar, time, record, verdict, client_id) VALUES (?, ?, ?, ?, ?, ?)",
        arguments: [d.symbol, d.bar, d.time, json, Self.describe(d.verdict), d.clientId])
    case let .rejection(r):
      try db.execute(
        sql: "INSERT INTO rejections (client_id, symbol, time, record) VALUES (?, ?, ?, ?)",
        arguments: [r.clientId, r.symbol, r.time, json])
    case let .equity(index, point):
      try db.execute(
        sql: "INSERT OR REPLACE INTO equity VALUES (?, ?, ?, ?)",
        arguments: [index, point.time, point.value, point.exposed])
    }
  }

  /// Bit k set: the k-th of pnl, commission, mae, mfe is -0.0.
  static func negativeZeros(_ t: Trade) -> Int {
    var mask = 0
    for (k, x) in [t.pnl, t.commission, t.maePercent, t.mfePercent].enumerated()
    where x == 0 && x.sign == .minus {
      mask |= 1 << k
    }
    return mask
  }

  static func describe(_ verdict: Verdict) -> String {
    switch verdict {
    case .approve: return "approve"
    case let .resize(q): return "resize \(q)"
    case let .reject(reason): return "reject: \(reason)"
    }
  }
}
