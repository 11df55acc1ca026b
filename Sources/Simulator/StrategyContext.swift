/// An entry a strategy asks for; the simulator sizes, costs and fills it with the same rules
/// as vectorized signals.
///
/// `quantity` nil means "use the configured sizing". `stop`/`target` are absolute levels and
/// override those derived from `ExitRules`. `tag` nil means no de-duplication (each intent
/// may open a trade, up to `pyramiding`); with a tag, one open trade per tag and direction.
public struct OrderIntent: Sendable, Equatable {
  public var quantity: Double?
  public var stop: Double?
  public var target: Double?
  public var tag: String?

  public init(quantity: Double? = nil, stop: Double? = nil, target: Double? = nil, tag: String? = nil) {
    self.quantity = quantity
    self.stop = stop
    self.target = target
    self.tag = tag
  }
}

/// What a strategy asked for at one bar close, in order.
enum PendingOrder: Sendable {
  /// Close open trades of the symbol: of one side (or both), of one tag (or all).
  case close(side: Side?, tag: String?, reason: ExitReason)
  case enter(side: Side, intent: OrderIntent, dedupe: Bool)
}

/// The per-bar view an event-form strategy receives (`on_bar(ctx, bar)` in Lua).
///
/// Called once per symbol per bar, at the bar's close, after stops, targets and trailing
/// updates of that bar. Intents are filled exactly like vectorized signals: at the next
/// bar's open (`next_open`) or at this close (`close`). `buy` while short and `sell` while
/// long first close the opposite trades (a reversal). The context is valid only during the
/// call. It belongs to one run on one thread (stored properties skip dynamic exclusivity
/// checks, which would cost more per bar than the bookkeeping itself).
public final class StrategyContext {
  /// Index of the symbol in the run's inputs.
  @exclusivity(unchecked) public internal(set) var symbolIndex = 0
  /// The symbol's name.
  @exclusivity(unchecked) public internal(set) var symbol = ""
  /// 0-based index of the bar in the symbol's bars.
  @exclusivity(unchecked) public internal(set) var bar = 0
  /// Nanoseconds since the epoch (UTC) of the bar.
  @exclusivity(unchecked) public internal(set) var time: Int64 = 0
  /// Signed open quantity of this symbol (positive long, negative short, 0 flat).
  @exclusivity(unchecked) public internal(set) var position = 0.0
  /// Account equity at this close: cash plus open trades valued at their last prices.
  @exclusivity(unchecked) public internal(set) var equity = 0.0
  /// Realized cash of the account (P&L and commissions booked so far).
  @exclusivity(unchecked) public internal(set) var cash = 0.0

  @exclusivity(unchecked) var orders: [PendingOrder] = []

  init() {}

  /// Opens (or adds to) a long position.
  public func buy(_ intent: OrderIntent = OrderIntent()) {
    orders.append(.enter(side: .long, intent: intent, dedupe: intent.tag != nil))
  }

  /// Opens (or adds to) a short position.
  public func sell(_ intent: OrderIntent = OrderIntent()) {
    orders.append(.enter(side: .short, intent: intent, dedupe: intent.tag != nil))
  }

  /// Closes this symbol's open trades: all of them, or those opened with `tag`.
  public func close(tag: String? = nil) {
    orders.append(.close(side: nil, tag: tag, reason: .signal))
  }
}

/// An event-form strategy: called at every bar close of every symbol.
public typealias BarHandler = (StrategyContext) throws -> Void
