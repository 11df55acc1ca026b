import Foundation
import GRDB
import MarketData
import Simulator

/// A snapshot of a dry-run or live state directory: what `crescent status` shows.
///
/// Money is in account currency. `cash` is the starting cash plus realised P&L minus every
/// commission paid (open trades' entry commissions included); `unrealized_pnl` values each
/// open position at its symbol's last price, `d × qty × (last − entry)`; `equity` is
/// `cash + unrealized_pnl`. `realized_pnl` sums the closed trades' (and parts') P&L net of
/// their commissions.
public struct RunStatus: Sendable, Equatable, Codable {
  public struct OpenPosition: Sendable, Equatable, Codable {
    public var symbol: String
    public var side: String
    public var tag: String
    public var quantity: Double
    public var entryPrice: Double
    public var entryTime: String
    /// Current stop and target levels; nil when none.
    public var stop: Double?
    public var target: Double?
    public var lastPrice: Double?
    public var unrealizedPnl: Double?
    public var entryOrder: String
  }

  public struct OpenOrder: Sendable, Equatable, Codable {
    public var clientId: String
    public var symbol: String
    public var side: String
    public var kind: String
    public var quantity: Double
    public var price: Double
    public var time: String
    public var purpose: String
  }

  public struct DecisionRow: Sendable, Equatable, Codable {
    public var time: String
    public var symbol: String
    /// 1-based candle index since the start of the run.
    public var index: Int
    /// buy, sell, close; "none" when the strategy failed.
    public var action: String
    public var quantity: Double?
    public var tag: String?
    /// approve, resize, reject.
    public var verdict: String
    /// The rejection's reason or the resized quantity; nil for a plain approval.
    public var reason: String?
    public var clientId: String?
  }

  public var directory: String
  public var finished: Bool
  /// Feed events consumed (ticks and candle closes).
  public var events: Int
  /// Time of the latest tick of any symbol; nil before the first.
  public var lastTick: String?
  public var cash: Double
  public var equity: Double
  public var realizedPnl: Double
  public var unrealizedPnl: Double
  public var commissions: Double
  public var trades: Int
  public var orders: Int
  public var fills: Int
  public var positions: [OpenPosition]
  /// Orders sent without a recorded fill.
  public var openOrders: [OpenOrder]
  /// The latest decisions, oldest first.
  public var decisions: [DecisionRow]
  public var rejections: Int

  enum CodingKeys: String, CodingKey {
    case directory, finished, events, cash, equity, commissions, trades, orders, fills, positions, decisions
    case rejections
    case lastTick = "last_tick"
    case realizedPnl = "realized_pnl"
    case unrealizedPnl = "unrealized_pnl"
    case openOrders = "open_orders"
  }
}

extension RunStatus.OpenPosition {
  enum CodingKeys: String, CodingKey {
    case symbol, side, tag, quantity, stop, target
    case entryPrice = "entry_price"
    case entryTime = "entry_time"
    case lastPrice = "last_price"
    case unrealizedPnl = "unrealized_pnl"
    case entryOrder = "entry_order"
  }
}

extension RunStatus.OpenOrder {
  enum CodingKeys: String, CodingKey {
    case symbol, side, kind, quantity, price, time, purpose
    case clientId = "client_id"
  }
}

extension RunStatus.DecisionRow {
  enum CodingKeys: String, CodingKey {
    case time, symbol, index, action, quantity, tag, verdict, reason
    case clientId = "client_id"
  }
}

extension RunStatus {
  /// Reads the state in `directory` without writing to it, so it works while an engine
  /// commits there (WAL readers see the last committed transaction) and on a finished run.
  /// `decisions`: how many of the latest decisions to include.
  ///
  /// Throws `.state` naming the directory when it holds no state.
  public static func read(directory: String, decisions count: Int = 10) throws(ExecutionError) -> RunStatus {
    let path = (directory as NSString).appendingPathComponent("state.sqlite")
    guard FileManager.default.fileExists(atPath: path) else {
      throw .state("\(directory) holds no engine state (no state.sqlite); start one with crescent dryrun --state \(directory)")
    }
    var config = Configuration()
    config.readonly = true
    config.busyMode = .timeout(10)
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      let queue = try DatabaseQueue(path: path, configuration: config)
      return try queue.read { db -> RunStatus in
        guard try db.tableExists("checkpoint"),
          let blob = try Data.fetchOne(db, sql: "SELECT state FROM checkpoint WHERE id = 1")
        else {
          throw ExecutionError.state("\(directory) holds no committed engine state yet")
        }
        let state = try decoder.decode(EngineState.self, from: blob)
        let realized = try Double.fetchOne(db, sql: "SELECT COALESCE(SUM(pnl), 0) FROM trades") ?? 0
        let records = try String.fetchAll(
          db, sql: "SELECT record FROM (SELECT seq, record FROM decisions ORDER BY seq DESC LIMIT ?) ORDER BY seq",
          arguments: [max(count, 0)])
        let recent = try records.map { try decoder.decode(Decision.self, from: Data($0.utf8)) }
        var open = try Row.fetchAll(
          db,
          sql:
            "SELECT o.* FROM orders o LEFT JOIN fills f ON f.client_id = o.client_id WHERE f.client_id IS NULL ORDER BY o.rowid"
        ).map { r in
          OpenOrder(
            clientId: r["client_id"], symbol: r["symbol"], side: r["side"], kind: r["kind"], quantity: r["quantity"],
            price: r["price"], time: UTCTime.iso(r["time"]), purpose: r["purpose"])
        }
        // Orders sent (or being sent) whose outcome is not committed yet: an engine at work,
        // or one that died with them in flight (the next start settles them).
        if try db.tableExists("pending_orders") {
          for text in try String.fetchAll(db, sql: "SELECT record FROM pending_orders ORDER BY rowid") {
            let o = try decoder.decode(PendingOrder.self, from: Data(text.utf8)).order
            open.append(
              OpenOrder(
                clientId: o.clientId, symbol: o.symbol, side: o.side.rawValue, kind: o.kind.rawValue,
                quantity: o.quantity, price: o.price, time: UTCTime.iso(o.time),
                purpose: o.purpose + " (in flight)"))
          }
        }
        return RunStatus(
          state: state, directory: directory, realized: realized, decisions: recent, openOrders: open,
          trades: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trades") ?? 0,
          orders: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") ?? 0,
          fills: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fills") ?? 0,
          rejections: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejections") ?? 0)
      }
    } catch let error as ExecutionError {
      throw error
    } catch {
      throw .state("cannot read the state in \(directory): \(error)")
    }
  }

  init(
    state: EngineState, directory: String, realized: Double, decisions: [Decision], openOrders: [OpenOrder],
    trades: Int, orders: Int, fills: Int, rejections: Int
  ) {
    var prices: [String: Double] = [:]
    var latest = Int64.min
    for s in state.symbols {
      prices[s.symbol] = s.lastPrice
      latest = max(latest, s.lastTickTime)
    }
    var unrealized = 0.0
    positions = state.positions.map { p in
      let last = prices[p.symbol].flatMap { $0.isNaN ? nil : $0 }
      let pnl = last.map { p.direction * p.quantity * ($0 - p.entryPrice) }
      unrealized += pnl ?? 0
      return OpenPosition(
        symbol: p.symbol, side: p.side.rawValue, tag: p.tag, quantity: p.quantity, entryPrice: p.entryPrice,
        entryTime: UTCTime.iso(p.entryTime), stop: p.stop.isNaN ? nil : p.stop,
        target: p.target.isNaN ? nil : p.target, lastPrice: last, unrealizedPnl: pnl, entryOrder: p.entryOrder)
    }
    self.directory = directory
    finished = state.finished
    events = state.events
    lastTick = latest == .min ? nil : UTCTime.iso(latest)
    cash = state.cash
    unrealizedPnl = unrealized
    equity = state.cash + unrealized
    realizedPnl = realized
    commissions = state.commissions
    self.trades = trades
    self.orders = orders
    self.fills = fills
    self.openOrders = openOrders
    self.rejections = rejections
    self.decisions = decisions.map { d in
      var verdict = "approve"
      var reason: String?
      switch d.verdict {
      case .approve: break
      case let .resize(q):
        verdict = "resize"
        reason = "quantity \(q)"
      case let .reject(why):
        verdict = "reject"
        reason = why
      }
      return DecisionRow(
        time: UTCTime.iso(d.time), symbol: d.symbol, index: d.bar + 1, action: d.intent?.action.rawValue ?? "none",
        quantity: d.intent?.quantity, tag: d.intent?.tag, verdict: verdict, reason: reason, clientId: d.clientId)
    }
  }
}
