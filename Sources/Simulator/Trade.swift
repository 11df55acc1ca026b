/// Long or short.
public enum Side: String, Sendable, CaseIterable {
  case long, short

  /// +1 for long, −1 for short.
  @inlinable public var direction: Double { self == .long ? 1 : -1 }
  @inlinable public var opposite: Side { self == .long ? .short : .long }
}

/// Why a trade (or part of one) closed; the raw value is what trades.csv shows.
public enum ExitReason: String, Sendable, CaseIterable {
  case stop, target, partial
  case breakEven = "break_even"
  case trail
  case maxBars = "max_bars"
  /// An exit signal or `close()` intent.
  case signal
  /// Closed by an entry in the opposite direction.
  case reverse
  /// Still open after the last bar and closed at its close.
  case end
  /// Still open (only in `BacktestResult.openTrades`); valued at the last close.
  case open
}

/// One closed trade or closed part of one (a partial exit is its own row).
///
/// Prices include slippage. `pnl` is net of the commissions of both fills (the entry
/// commission is shared pro rata among the parts of a trade). MAE and MFE are the worst and
/// best prices reached while the trade was open — the full range of the bars it held from
/// their open, plus the entry and exit fills (the part of the exit bar after the exit is
/// unknowable and excluded) — as percent moves from the entry price in the trade's favour
/// (MAE ≤ 0 ≤ MFE).
public struct Trade: Sendable, Equatable {
  public var symbol: String
  public var side: Side
  public var tag: String
  public var entryBar: Int
  public var entryTime: Int64
  public var entryPrice: Double
  public var exitBar: Int
  public var exitTime: Int64
  public var exitPrice: Double
  public var quantity: Double
  public var pnl: Double
  public var commission: Double
  public var exitReason: ExitReason
  public var maePercent: Double
  public var mfePercent: Double

  public init(
    symbol: String, side: Side, tag: String, entryBar: Int, entryTime: Int64, entryPrice: Double,
    exitBar: Int, exitTime: Int64, exitPrice: Double, quantity: Double, pnl: Double,
    commission: Double, exitReason: ExitReason, maePercent: Double, mfePercent: Double
  ) {
    self.symbol = symbol
    self.side = side
    self.tag = tag
    self.entryBar = entryBar
    self.entryTime = entryTime
    self.entryPrice = entryPrice
    self.exitBar = exitBar
    self.exitTime = exitTime
    self.exitPrice = exitPrice
    self.quantity = quantity
    self.pnl = pnl
    self.commission = commission
    self.exitReason = exitReason
    self.maePercent = maePercent
    self.mfePercent = mfePercent
  }

  /// Net P&L over the entry value: pnl / (quantity × entry_price) × 100.
  public var returnPercent: Double { pnl / (quantity * entryPrice) * 100 }

  /// Bars between the entry bar and the exit bar (0 when both are the same bar).
  public var barsHeld: Int { exitBar - entryBar }
}

/// An entry the account refused, with the reason (insufficient funds, a size that rounds to
/// zero, risk sizing without a stop, a stop on the wrong side of the entry).
public struct Rejection: Sendable, Equatable {
  public var symbol: String
  public var side: Side
  public var tag: String
  public var bar: Int
  public var time: Int64
  public var quantity: Double
  public var price: Double
  public var reason: String

  public init(
    symbol: String, side: Side, tag: String, bar: Int, time: Int64, quantity: Double,
    price: Double, reason: String
  ) {
    self.symbol = symbol
    self.side = side
    self.tag = tag
    self.bar = bar
    self.time = time
    self.quantity = quantity
    self.price = price
    self.reason = reason
  }
}

/// Entries that were not attempted, by cause; stable names for reports.
public enum SkipReason: String, Sendable, CaseIterable {
  /// An open trade of the same tag and direction exists.
  case duplicateTag = "duplicate_tag"
  /// The symbol already holds `pyramiding` trades.
  case pyramiding
  /// Long and short entry on the same bar of the same signal set.
  case conflictingSignals = "conflicting_signals"
  /// An entry on the last bar with next-open fills has no bar to fill on.
  case noNextBar = "no_next_bar"
}

/// The ambiguity ledger: exits on bars that reached both the stop and a favourable level
/// (target or partial) after the open, so that the intrabar policy decided the outcome.
///
/// `pnl[policy]` is the net P&L those bars' fills would have made under each policy, with
/// everything else in the run unchanged (later sizing is not re-simulated); the entry for
/// the policy in use equals what the run booked.
///
/// `exits` lists the bars one by one (backtests fill it; the exit scans leave it empty), so
/// intrabar Monte Carlo can resolve each bar either way.
public struct AmbiguityLedger: Sendable, Equatable {
  public var count: Int
  public var pnl: [IntrabarPolicy: Double]
  public var exits: [AmbiguousExit]

  public init(count: Int = 0, pnl: [IntrabarPolicy: Double] = [:], exits: [AmbiguousExit] = []) {
    self.count = count
    self.pnl = pnl
    self.exits = exits
  }
}

/// One ambiguous bar of one trade: the net P&L of that bar's fills (stop, target, partials,
/// each net of its exit commission and its share of the entry commission) with the stop
/// visited first and with the favourable extreme visited first.
public struct AmbiguousExit: Sendable, Equatable {
  /// Index in `BacktestResult.trades` of the first row this bar booked.
  public var tradeIndex: Int
  /// Bar time (UTC ns).
  public var time: Int64
  /// P&L with the stop first (`pessimistic`).
  public var stopFirstPnL: Double
  /// P&L with the target or partial level first (`optimistic`).
  public var favourableFirstPnL: Double
  /// P&L the run booked under its own policy.
  public var bookedPnL: Double

  public init(tradeIndex: Int, time: Int64, stopFirstPnL: Double, favourableFirstPnL: Double, bookedPnL: Double) {
    self.tradeIndex = tradeIndex
    self.time = time
    self.stopFirstPnL = stopFirstPnL
    self.favourableFirstPnL = favourableFirstPnL
    self.bookedPnL = bookedPnL
  }
}
