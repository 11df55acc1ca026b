import Simulator

/// Orders in flight across a crash: each order is committed as pending before it goes to
/// the broker, and a restart settles what the previous process left in flight.
extension Engine {
  /// Marks the start of an event that may send orders (only while a journal is attached:
  /// without one nothing survives a crash anyway).
  ///
  /// Returns whether an event was recorded (a journal is attached); the caller clears it
  /// after the event only then, which keeps a journal-less engine's per-tick path free of
  /// the stored property's access.
  func begin(_ event: EngineEvent) -> Bool {
    guard journal != nil else { return false }
    inFlight = EventInFlight(event: event, before: state, earlierEntries: pendingEntries.count, staged: false)
    return true
  }

  /// Sends `order` to the broker after committing it as pending (`trade`: the entry order of
  /// the trade it belongs to; `decision`: client id of the decision behind it). The first
  /// order of an event also commits the state before the event as the checkpoint, with the
  /// equity marks of earlier events, so a crash while the order is in flight restarts just
  /// before the event (`recover`). During a recovery an order the previous process sent is
  /// not sent again: the broker's settled answer stands for its fill.
  func send(_ order: Order, trade: String, decision: String?) throws(BrokerError) -> Fill {
    if let outcome = recovered.removeValue(forKey: order.clientId) {
      switch outcome {
      case let .filled(fill): return fill
      case .unknown:
        throw BrokerError(
          clientId: order.clientId,
          message: "reconciled after a restart: the broker never received it, so it is dropped")
      case let .unfilled(status):
        throw BrokerError(
          clientId: order.clientId,
          message: "reconciled after a restart: it ended \(status.rawValue) with nothing executed")
      }
    }
    if var journal, var flight = inFlight {
      let record = PendingOrder(
        order: order, purpose: order.purpose, trade: trade,
        decision: decision.flatMap { id in decisions.last { $0.clientId == id } }, event: flight.event,
        eventIndex: flight.before.events)
      do {
        if flight.staged {
          try journal.stage(record, entries: [], checkpoint: nil)
        } else {
          try journal.stage(
            record, entries: Array(pendingEntries.prefix(flight.earlierEntries)), checkpoint: flight.before)
          pendingEntries.removeFirst(flight.earlierEntries)
          flight.staged = true
          flight.earlierEntries = 0
          inFlight = flight
        }
        self.journal = journal
      } catch {
        throw BrokerError(clientId: order.clientId, message: "not sent: \(error)")
      }
    }
    return try broker.submit(order)
  }

  /// Continues a saved run: its state and rows (`resume`), then the orders it had in flight
  /// (`recover`).
  public func restore(_ saved: SavedRun) throws(ExecutionError) {
    try resume(
      from: saved.state, trades: saved.trades, decisions: saved.decisions, equity: saved.equity,
      rejections: saved.rejections)
    try recover(saved.pending)
  }

  /// Settles the orders a crashed process left in flight (`SavedRun.pending`), right after
  /// `resume`: asks the broker what became of each (`Broker.lookup`, which sends nothing),
  /// then runs the event that sent them again from the checkpoint, the state before it. The
  /// run is deterministic, so it sends the same orders with the same client ids; an order
  /// the broker filled is booked with the broker's fill (entry opened, exit closed, trade
  /// written, exactly as the uninterrupted run would), one it never received is dropped and
  /// one that ended unexecuted is refused, each recorded as a refused order with the reason.
  /// Orders the event sends that were not in flight go to the broker as usual. Everything
  /// lands in the event's one commit, which also removes the records.
  ///
  /// A replay continues after the event (`state.events` moved past it); an exchange feed,
  /// which never delivers it again, continues with what it streams next. Returns each
  /// record with the broker's answer. Throws, booking nothing, when the broker cannot be
  /// asked: the records stay for the next start.
  @discardableResult
  public func recover(_ pending: [PendingOrder]) throws(ExecutionError) -> [(PendingOrder, OrderLookup)] {
    guard let first = pending.first else { return [] }
    for p in pending where p.event != first.event || p.eventIndex != first.eventIndex {
      throw .state(
        "the orders in flight come from two feed events (\(first.eventIndex) and \(p.eventIndex)); the state is inconsistent"
      )
    }
    guard first.eventIndex == state.events, !state.finished else {
      throw .state(
        "the orders in flight belong to feed event \(first.eventIndex), the checkpoint is at event \(state.events)\(state.finished ? " of a finished run" : "")"
      )
    }
    var outcomes: [(PendingOrder, OrderLookup)] = []
    for p in pending {
      do { outcomes.append((p, try broker.lookup(p.order))) } catch {
        throw .state(
          "cannot reconcile order \(p.order.clientId) with the broker (\(error.message)); nothing was booked, start again once the broker answers"
        )
      }
    }
    recovered = Dictionary(outcomes.map { ($0.0.order.clientId, $0.1) }) { a, _ in a }
    defer { recovered = [:] }
    try run(first.event)
    guard !recovered.isEmpty else { return outcomes }
    // The re-run did not send these again (an input changed: a kill switch, a wall clock).
    for (p, outcome) in outcomes where recovered[p.order.clientId] != nil {
      let what: String
      switch outcome {
      case let .filled(f):
        what = "filled \(f.quantity) at \(f.price) at the broker, which is NOT booked: check the account"
      case .unknown: what = "never reached the broker"
      case let .unfilled(status): what = "ended \(status.rawValue) with nothing executed"
      }
      let entry = p.purpose == "entry"
      let side: Side = (p.order.side == .buy) == entry ? .long : .short
      let bar = index(of: p.order.symbol).map { state.symbols[$0].history.count } ?? 0
      let rejection = EntryRejection(
        symbol: p.order.symbol, side: side, tag: "", bar: bar, clientId: p.order.clientId, time: p.order.time,
        quantity: p.order.quantity, price: p.order.price,
        reason: "reconciled after a restart: the order \(what); the re-run of its event did not send it")
      rejections.append(rejection)
      record(.rejection(rejection))
    }
    try commit()
    return outcomes
  }

  /// Runs one event through its public entry point.
  func run(_ event: EngineEvent) throws(ExecutionError) {
    switch event {
    case let .tick(s, tick): try process(tick, symbol: s)
    case let .close(s): try closeCandle(of: s)
    case let .advance(time): try advance(to: time)
    case .finish: try finish()
    }
  }
}
