/// One call into the engine that can send orders: a tick, the close of a symbol's candle, a
/// clock advance, or the end of a replay. An order in flight remembers the event that sent
/// it, so a restart can run that event again from the state before it.
public enum EngineEvent: Sendable, Equatable, Codable {
  case tick(symbol: Int, Tick)
  case close(symbol: Int)
  case advance(time: Int64)
  case finish
}

/// An order committed to the state before it goes to the broker, removed in the same
/// transaction that books its outcome. A record still present at start-up is an order the
/// previous process may have sent without committing what became of it (see
/// `Engine.recover(_:)`).
public struct PendingOrder: Sendable, Equatable, Codable {
  /// The order as it was to be sent (client id, symbol, side, kind, quantity, price).
  public var order: Order
  /// `entry`, or the exit reason (`stop`, `target`, `partial`, `signal`, …) as in `Order.purpose`.
  public var purpose: String
  /// Client id of the entry order of the trade the order opens or reduces.
  public var trade: String
  /// The decision that led to it (nil for exits at levels: stops, targets, partials, max bars).
  public var decision: Decision?
  /// The event that sent it, and the index of that event in the feed (`EngineState.events`
  /// before it).
  public var event: EngineEvent
  public var eventIndex: Int

  public init(
    order: Order, purpose: String, trade: String, decision: Decision?, event: EngineEvent, eventIndex: Int
  ) {
    self.order = order
    self.purpose = purpose
    self.trade = trade
    self.decision = decision
    self.event = event
    self.eventIndex = eventIndex
  }
}

/// The event being processed, with the state before it (kept only while a journal is
/// attached): the first order the event sends commits that state as the checkpoint, so a
/// crash while the order is in flight restarts just before the event.
struct EventInFlight {
  var event: EngineEvent
  var before: EngineState
  /// How many of `pendingEntries` (equity marks of earlier events) precede the event.
  var earlierEntries: Int
  /// Whether the state before the event is already the committed checkpoint.
  var staged: Bool
}
