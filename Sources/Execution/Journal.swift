import Simulator

/// A decision at a candle close: what the strategy saw, what it asked for, and the verdict.
public struct Decision: Sendable, Equatable, Codable {
  public var symbol: String
  public var bar: Int
  public var time: Int64
  /// The closed candle and the account as the strategy saw them.
  public var candle: Candle
  public var position: Double
  public var equity: Double
  /// The intent (nil when the strategy failed).
  public var intent: Intent?
  public var verdict: Verdict
  /// Client id of the order the decision led to, if approved.
  public var clientId: String?
}

/// Equity at a candle close: time (nanoseconds, UTC), value (account currency), and whether
/// any trade was open.
public struct EquityPoint: Sendable, Equatable, Codable {
  public var time: Int64
  public var value: Double
  public var exposed: Bool

  public init(time: Int64, value: Double, exposed: Bool) {
    self.time = time
    self.value = value
    self.exposed = exposed
  }
}

/// An order the account or the broker refused (insufficient funds, a size that rounds to 0,
/// a broker error).
public struct EntryRejection: Sendable, Equatable, Codable {
  public var symbol: String
  public var side: Side
  public var tag: String
  /// Index of the candle the order was to fill in.
  public var bar: Int
  public var clientId: String
  public var time: Int64
  public var quantity: Double
  public var price: Double
  public var reason: String
}

/// One change the engine made; a tick's changes are committed together with the state.
public enum JournalEntry: Sendable {
  case decision(Decision)
  case order(Order)
  case fill(Fill)
  case trade(Trade)
  case rejection(EntryRejection)
  /// The equity point at `index` of the run's curve (replaced when rewritten at the end).
  case equity(index: Int, EquityPoint)
}

/// Where the engine commits its changes (the SQLite store; nothing for a pure replay).
public protocol EngineJournal {
  /// Commits `entries` and the state after them as one transaction.
  mutating func commit(_ entries: [JournalEntry], state: EngineState) throws(ExecutionError)
  /// Commits, as one transaction before the order goes to the broker, the record of an
  /// order in flight together with `entries` and, when given, `checkpoint` (the state
  /// before the event that sends the order). The next `commit` removes every record.
  mutating func stage(
    _ pending: PendingOrder, entries: [JournalEntry], checkpoint: EngineState?
  ) throws(ExecutionError)
}
