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

/// An entry the account refused at fill time (insufficient funds, a size that rounds to 0).
public struct EntryRejection: Sendable, Equatable, Codable {
  public var symbol: String
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
  /// Equity at a candle close (nanoseconds, account currency).
  case equity(time: Int64, value: Double)
}

/// Where the engine commits its changes (the SQLite store; nothing for a pure replay).
public protocol EngineJournal {
  /// Commits `entries` and the state after them as one transaction.
  mutating func commit(_ entries: [JournalEntry], state: EngineState) throws(ExecutionError)
}
