/// An entry the engine is about to open, as a review (the strategy's `risk` function) sees
/// it: sized, priced and with its levels, at the moment of the fill.
///
/// The engine builds one for every entry of either form (vectorized signals and event-form
/// intents alike) and for every addition to a position (pyramiding), after the opposite
/// trades of a reversal were closed and after de-duplication and the pyramiding limit let the
/// entry through, but before the account's cash check. Entries the sizing cannot size (a size
/// of 0 units, risk sizing without a stop) are rejected before any review.
public struct EntryRequest: Sendable, Equatable {
  /// Symbol name and index in the run's inputs.
  public var symbol: String
  public var symbolIndex: Int
  public var side: Side
  /// The entry's tag (a signal set's tag or the intent's), nil for none.
  public var tag: String?
  /// Units the entry will trade: the intent's quantity or the configured sizing's, > 0.
  public var quantity: Double
  /// Fill price, slippage included.
  public var price: Double
  /// Stop and target prices the trade will carry (from the intent or the exit rules); nil
  /// for none.
  public var stop: Double?
  public var target: Double?
  /// 0-based bar of the fill and its time (ns since the epoch, UTC).
  public var bar: Int
  public var time: Int64
  /// Signed open quantity of the symbol before this entry (0 after a reversal's close; the
  /// held quantity when adding to a position).
  public var position: Double
  /// Account equity and realized cash at the fill, and the funds the cash check will use
  /// (equity minus the value of open positions).
  public var equity: Double
  public var cash: Double
  public var available: Double

  public init(
    symbol: String, symbolIndex: Int, side: Side, tag: String?, quantity: Double, price: Double, stop: Double?,
    target: Double?, bar: Int, time: Int64, position: Double, equity: Double, cash: Double, available: Double
  ) {
    self.symbol = symbol
    self.symbolIndex = symbolIndex
    self.side = side
    self.tag = tag
    self.quantity = quantity
    self.price = price
    self.stop = stop
    self.target = target
    self.bar = bar
    self.time = time
    self.position = position
    self.equity = equity
    self.cash = cash
    self.available = available
  }
}

/// A review's answer to one `EntryRequest`.
public enum EntryVerdict: Sendable, Equatable {
  /// Open the entry as requested.
  case approve
  /// Open it with these values instead: `quantity` units (must be finite and > 0, otherwise
  /// the entry is rejected), and these stop and target prices (nil: none). R (for
  /// `target_r`, break-even and partials) is measured to the amended stop; nothing is
  /// re-sized or re-derived.
  case amend(quantity: Double, stop: Double?, target: Double?)
  /// Do not open it; recorded in `BacktestResult.rejections` with this reason, in the order
  /// rejections happen (between the account's own refusals).
  case reject(String)
}

/// Reviews each entry at its fill, on the thread that runs the backtest (a run with a review
/// is never split across threads). A thrown error stops the run and propagates: a review
/// that wants to fail closed returns `.reject` instead of throwing.
public typealias EntryReview = (EntryRequest) throws -> EntryVerdict
