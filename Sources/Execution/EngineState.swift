import Simulator

/// An approved intent waiting for its fill (at the next tick, under `next_open`).
struct PendingIntent: Sendable, Equatable, Codable {
  var intent: Intent
  /// Client id chosen at the decision; the entry order keeps it.
  var clientId: String
}

/// Everything one symbol's stream carries between ticks.
struct SymbolState: Sendable, Equatable, Codable {
  var symbol: String
  var aggregator: CandleAggregator
  var history: CandleHistory
  var lastPrice = Double.nan
  var lastTickTime: Int64 = .min
  var pending: [PendingIntent] = []
}

/// The engine's whole mutable state, checkpointed with every committed change so a restart
/// resumes exactly after the last committed tick.
public struct EngineState: Sendable, Equatable, Codable {
  var symbols: [SymbolState]
  var cash: Double
  var positions: [Position] = []
  var risk = RiskState()
  /// Feed events consumed (ticks and candle closes): the index of the next one.
  public internal(set) var events = 0
  /// Orders created so far (the sequence of client ids).
  var orderSequence = 0
  var commissions = 0.0
  /// Entries skipped (duplicate tag, pyramiding, no next candle), by reason.
  var skipped: [String: Int] = [:]
  public internal(set) var finished = false
}
