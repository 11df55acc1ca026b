/// When a market order (an entry or a signal exit) fills.
///
/// Signals are read at a bar's close. `nextOpen` fills at the next bar's open of the same
/// symbol (backtesting.py's default); `close` fills at the close of the signal bar.
public enum FillTiming: String, Sendable, CaseIterable {
  case nextOpen = "next_open"
  case close
}

/// How a bar that reaches both the stop and a favourable level (target or partial) resolves.
///
/// Each bar is walked as open → first extreme → second extreme → close. `pessimistic` visits
/// the adverse extreme first (the stop wins), `optimistic` the favourable one first, `nearest`
/// the extreme nearer the open first (a tie counts as pessimistic).
public enum IntrabarPolicy: String, Sendable, CaseIterable {
  case pessimistic, optimistic, nearest
}

/// A level `multiple` × ATR(`period`) away from a price (Wilder's ATR, TA-Lib's seeding).
public struct ATRMultiple: Sendable, Equatable {
  public var period: Int
  public var multiple: Double

  public init(period: Int, multiple: Double) {
    self.period = period
    self.multiple = multiple
  }
}

/// Closes `fraction` of a trade's initial quantity once price reaches entry + `r` × R
/// (R = the distance from the entry to the initial stop). A limit fill: no slippage.
public struct PartialExit: Sendable, Equatable {
  public var r: Double
  public var fraction: Double

  public init(r: Double, fraction: Double) {
    self.r = r
    self.fraction = fraction
  }
}

/// Position management rules applied to every trade (the strategy table's `exits`).
///
/// Levels derived from the entry use the fill price. A stop or target given with the entry
/// (a signal's `stop`/`target` series or an order intent) takes precedence over the stop or
/// target derived here. Rules that need R (`targetR`, `breakEvenR`, `partials`) stay
/// inactive for a trade that has no stop.
public struct ExitRules: Sendable, Equatable {
  /// Stop at entry × (1 ∓ stopPercent) (a fraction: 0.02 is 2%).
  public var stopPercent: Double?
  /// Stop at entry ∓ multiple × ATR of the signal bar.
  public var stopATR: ATRMultiple?
  /// Target at entry × (1 ± targetPercent).
  public var targetPercent: Double?
  /// Target at entry ± targetR × R.
  public var targetR: Double?
  /// Once a bar's favourable extreme reaches entry ± breakEvenR × R, the stop moves to the
  /// entry price at that bar's close, effective from the next bar.
  public var breakEvenR: Double?
  /// Trailing stop at close ∓ multiple × ATR, recomputed at each close, effective next bar,
  /// never loosened.
  public var trailATR: ATRMultiple?
  /// Trailing stop at close × (1 ∓ trailPercent), recomputed at each close, effective next
  /// bar, never loosened.
  public var trailPercent: Double?
  /// Partial exits, in any order; each closes its fraction of the initial quantity.
  public var partials: [PartialExit]
  /// A trade still open at the close of bar entry_bar + maxBars exits at that close.
  public var maxBars: Int?

  public init(
    stopPercent: Double? = nil, stopATR: ATRMultiple? = nil, targetPercent: Double? = nil,
    targetR: Double? = nil, breakEvenR: Double? = nil, trailATR: ATRMultiple? = nil,
    trailPercent: Double? = nil, partials: [PartialExit] = [], maxBars: Int? = nil
  ) {
    self.stopPercent = stopPercent
    self.stopATR = stopATR
    self.targetPercent = targetPercent
    self.targetR = targetR
    self.breakEvenR = breakEvenR
    self.trailATR = trailATR
    self.trailPercent = trailPercent
    self.partials = partials
    self.maxBars = maxBars
  }
}

/// How many units an entry buys or sells (the strategy table's `sizing.mode`).
public enum SizingMode: Sendable, Equatable {
  /// A fixed quantity.
  case units(Double)
  /// Quantity worth `amount` of cash at the fill price.
  case cash(Double)
  /// `fraction` of the funds available (equity minus margin in use) spent on the position,
  /// commission included: quantity = fraction × available / (price + commission per unit).
  case equity(fraction: Double)
  /// Fixed-fractional risk: quantity = fraction × equity / |entry − stop|.
  case risk(fraction: Double)
  /// Volatility target: position value = target × equity / σ, where σ is the sample standard
  /// deviation of the last `period` close-to-close returns (per bar) at the signal bar.
  case volatility(target: Double, period: Int)
}

/// The strategy table's `sizing`.
public struct Sizing: Sendable, Equatable {
  public var mode: SizingMode
  /// Round quantities down to whole units (Python's float floor division, for parity).
  public var wholeUnits: Bool

  public init(mode: SizingMode = .equity(fraction: 1), wholeUnits: Bool = false) {
    self.mode = mode
    self.wholeUnits = wholeUnits
  }
}

/// Commission charged on every fill, in the account currency:
/// `min(max(fixed + percent × value + perUnit × quantity, minimum), maximum, maximumPercent × value)`
/// where value = quantity × fill price: at least the minimum, never above a maximum. A broker's tiered schedule (e.g. 0.005 per share,
/// at least 1.00, at most 1% of the value) is `perUnit`, `minimum`, `maximumPercent`.
public struct Commission: Sendable, Equatable {
  public var percent: Double
  public var perUnit: Double
  public var fixed: Double
  public var minimum: Double
  public var maximum: Double?
  public var maximumPercent: Double?

  public init(
    percent: Double = 0, perUnit: Double = 0, fixed: Double = 0, minimum: Double = 0,
    maximum: Double? = nil, maximumPercent: Double? = nil
  ) {
    self.percent = percent
    self.perUnit = perUnit
    self.fixed = fixed
    self.minimum = minimum
    self.maximum = maximum
    self.maximumPercent = maximumPercent
  }

  /// The commission of one fill of `quantity` (sign ignored) at `price`.
  @inlinable
  public func amount(quantity: Double, price: Double) -> Double {
    let units = abs(quantity)
    let value = units * price
    var c = Swift.max(fixed + percent * value + perUnit * units, minimum)
    if let maximum { c = Swift.min(c, maximum) }
    if let maximumPercent { c = Swift.min(c, maximumPercent * value) }
    return c
  }
}

/// Slippage moves every market fill against the trader (buys higher, sells lower). Target
/// and partial exits are limit fills and take none.
public enum Slippage: Sendable, Equatable {
  case none
  /// Basis points of the price.
  case bps(Double)
  /// `count` ticks of `size`.
  case ticks(count: Double, size: Double)
  /// A fraction of ATR(`period`) of the last completed bar; none while ATR is undefined.
  case atr(fraction: Double, period: Int)
}

/// The strategy table's `costs`.
public struct Costs: Sendable, Equatable {
  public var commission: Commission
  public var slippage: Slippage

  public init(commission: Commission = Commission(), slippage: Slippage = .none) {
    self.commission = commission
    self.slippage = slippage
  }
}

/// Everything a backtest needs besides bars and signals; mirrors the strategy table.
///
/// Strategy-table keys (the names `SimulationError` uses):
/// - `exits`: `stop_pct`, `stop_atr = {period, multiple}`, `target_pct`, `target_r`,
///   `break_even_r`, `trail_atr = {period, multiple}`, `trail_pct`,
///   `partials = {{r =, fraction =}, ...}`, `max_bars` → `ExitRules`.
/// - `sizing`: `mode = "units" | "cash" | "equity" | "risk" | "volatility"` with `units`,
///   `cash`, `fraction`, `risk`, `vol_target` + `vol_period`; `whole_units` → `Sizing`.
/// - `costs`: `commission` (percent as a fraction), `commission_per_unit`,
///   `commission_fixed`, `commission_min`, `commission_max`, `commission_max_pct`,
///   `slippage_bps` | `slippage_ticks` + `tick_size` | `slippage_atr` (+ `slippage_atr_period`,
///   default 14) → `Costs`.
/// - `fill = "next_open" | "close"`, `intrabar = "pessimistic" | "optimistic" | "nearest"`,
///   `pyramiding`, and the run's `cash`.
public struct SimulationConfig: Sendable, Equatable {
  public var exits: ExitRules
  public var sizing: Sizing
  public var costs: Costs
  public var fill: FillTiming
  public var intrabar: IntrabarPolicy
  /// Open trades allowed per symbol (same direction); 1 means one position per symbol.
  public var pyramiding: Int
  /// Starting cash of the account (shared by all symbols).
  public var cash: Double
  /// Close trades still open after the last bar at its close (reason `end`). When false they
  /// stay open, are valued at the last close and are listed in `BacktestResult.openTrades`.
  public var closeAtEnd: Bool

  public init(
    exits: ExitRules = ExitRules(), sizing: Sizing = Sizing(), costs: Costs = Costs(),
    fill: FillTiming = .nextOpen, intrabar: IntrabarPolicy = .pessimistic, pyramiding: Int = 1,
    cash: Double = 10_000, closeAtEnd: Bool = true
  ) {
    self.exits = exits
    self.sizing = sizing
    self.costs = costs
    self.fill = fill
    self.intrabar = intrabar
    self.pyramiding = pyramiding
    self.cash = cash
    self.closeAtEnd = closeAtEnd
  }
}

extension SimulationConfig {
  /// The ATR periods the exit rules and slippage read (each once), in a fixed order.
  var atrPeriods: [Int] {
    var periods: [Int] = []
    for period in [exits.stopATR?.period, exits.trailATR?.period, slippage.atrPeriod] {
      if let period, !periods.contains(period) { periods.append(period) }
    }
    return periods
  }

  private var slippage: Slippage { costs.slippage }
}

extension Slippage {
  /// The ATR period of ATR slippage, nil otherwise.
  var atrPeriod: Int? {
    if case let .atr(_, period) = self { return period }
    return nil
  }
}
