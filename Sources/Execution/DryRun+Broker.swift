import Foundation
import MarketData
import Simulator

/// A journal that commits through another and then hands the committed entries to an
/// observer (console log lines, webhook notifications): observers see only what is durable.
public struct ObservedJournal: EngineJournal {
  var base: any EngineJournal
  let observer: ([JournalEntry]) -> Void

  public init(_ base: any EngineJournal, observer: @escaping ([JournalEntry]) -> Void) {
    self.base = base
    self.observer = observer
  }

  public mutating func commit(_ entries: [JournalEntry], state: EngineState) throws(ExecutionError) {
    try base.commit(entries, state: state)
    if !entries.isEmpty { observer(entries) }
  }

  public mutating func stage(
    _ pending: PendingOrder, entries: [JournalEntry], checkpoint: EngineState?
  ) throws(ExecutionError) {
    try base.stage(pending, entries: entries, checkpoint: checkpoint)
    if !entries.isEmpty { observer(entries) }
  }
}

extension DryRun {
  /// As `open`, with the broker built by `makeBroker` from the fills committed in the
  /// directory (a new run gets none), and an optional observer of each commit.
  ///
  /// The engine resumes from the directory's checkpoint when there is one, then settles the
  /// orders the previous process left in flight (`Engine.recover`); a finished run stays
  /// finished.
  public static func open<B: Broker>(
    directory: String, symbols: [String], timeframe: Timeframe, config: SimulationConfig,
    strategy: any Strategy, limits: RiskLimits = RiskLimits(), review: RiskReview? = nil, window: Int = 500,
    runId: String = "run", clock: (() -> Int64)? = nil, observer: (([JournalEntry]) -> Void)? = nil,
    broker makeBroker: ([Fill]) throws(ExecutionError) -> B
  ) throws(ExecutionError) -> Engine<B> {
    let store = try StateStore(directory: directory)
    let saved = try store.load()
    let journal: any EngineJournal = observer.map { ObservedJournal(store, observer: $0) } ?? store
    let engine = try Engine(
      symbols: symbols, timeframe: timeframe, config: config, strategy: strategy,
      broker: try makeBroker(saved?.fills ?? []), limits: limits, review: review, window: window, runId: runId,
      clock: clock, journal: journal)
    if let saved { try engine.restore(saved) }
    return engine
  }
}
