/// The one error type of the simulator: bad configuration or inputs, named by the strategy
/// table's field path (`sizing.fraction`, `exits.partials[2].r`, `signals.long_entry`).
public enum SimulationError: Error, Equatable, CustomStringConvertible, Sendable {
  /// `field` must be `expected`, but `got` came.
  case invalid(field: String, expected: String, got: String)

  public var description: String {
    switch self {
    case let .invalid(field, expected, got): return "'\(field)' must be \(expected), got \(got)"
    }
  }

  /// The field the error names.
  public var field: String {
    switch self {
    case let .invalid(field, _, _): return field
    }
  }
}

/// Shared checks that name the field, the expectation and what came.
enum Check {
  static func text(_ value: Double) -> String {
    value.isNaN ? "nan" : "\(value)"
  }

  static func positive(_ value: Double, _ field: String) throws(SimulationError) {
    if !(value > 0 && value.isFinite) {
      throw .invalid(field: field, expected: "a finite number > 0", got: text(value))
    }
  }

  static func nonNegative(_ value: Double, _ field: String) throws(SimulationError) {
    if !(value >= 0 && value.isFinite) {
      throw .invalid(field: field, expected: "a finite number >= 0", got: text(value))
    }
  }

  static func fraction(_ value: Double, _ field: String) throws(SimulationError) {
    if !(value > 0 && value <= 1) {
      throw .invalid(field: field, expected: "a number in (0, 1]", got: text(value))
    }
  }

  static func period(_ value: Int, _ field: String, minimum: Int = 1) throws(SimulationError) {
    if value < minimum || value > 100_000 {
      throw .invalid(field: field, expected: "an integer in [\(minimum), 100000]", got: "\(value)")
    }
  }
}

extension SimulationConfig {
  /// Checks every field, throwing for the first bad one with the strategy table's name.
  public func validate() throws(SimulationError) {
    try exits.validate()
    try sizing.validate()
    try costs.validate()
    if pyramiding < 1 {
      throw .invalid(field: "pyramiding", expected: "an integer >= 1", got: "\(pyramiding)")
    }
    try Check.positive(cash, "cash")
  }
}

extension ExitRules {
  public func validate() throws(SimulationError) {
    if stopPercent != nil && stopATR != nil {
      throw .invalid(field: "exits.stop_pct", expected: "absent when exits.stop_atr is set", got: "both")
    }
    if targetPercent != nil && targetR != nil {
      throw .invalid(field: "exits.target_pct", expected: "absent when exits.target_r is set", got: "both")
    }
    if let stopPercent { try Check.fraction(stopPercent, "exits.stop_pct") }
    if let stopATR { try stopATR.validate("exits.stop_atr") }
    if let targetPercent { try Check.positive(targetPercent, "exits.target_pct") }
    if let targetR { try Check.positive(targetR, "exits.target_r") }
    if let breakEvenR { try Check.positive(breakEvenR, "exits.break_even_r") }
    if let trailATR { try trailATR.validate("exits.trail_atr") }
    if let trailPercent { try Check.fraction(trailPercent, "exits.trail_pct") }
    var total = 0.0
    for (i, partial) in partials.enumerated() {
      try Check.positive(partial.r, "exits.partials[\(i + 1)].r")
      try Check.fraction(partial.fraction, "exits.partials[\(i + 1)].fraction")
      total += partial.fraction
    }
    if total > 1 + 1e-12 {
      throw .invalid(field: "exits.partials", expected: "fractions summing to at most 1", got: "\(total)")
    }
    if let maxBars, maxBars < 1 {
      throw .invalid(field: "exits.max_bars", expected: "an integer >= 1", got: "\(maxBars)")
    }
  }
}

extension ATRMultiple {
  func validate(_ field: String) throws(SimulationError) {
    try Check.period(period, field + "[1]")
    try Check.positive(multiple, field + "[2]")
  }
}

extension Sizing {
  public func validate() throws(SimulationError) {
    switch mode {
    case let .units(n): try Check.positive(n, "sizing.units")
    case let .cash(amount): try Check.positive(amount, "sizing.cash")
    case let .equity(fraction): try Check.fraction(fraction, "sizing.fraction")
    case let .risk(fraction): try Check.fraction(fraction, "sizing.risk")
    case let .volatility(target, period):
      try Check.positive(target, "sizing.vol_target")
      try Check.period(period, "sizing.vol_period", minimum: 2)
    }
  }
}

extension Costs {
  public func validate() throws(SimulationError) {
    try Check.nonNegative(commission.percent, "costs.commission")
    if commission.percent >= 1 {
      throw .invalid(field: "costs.commission", expected: "a fraction < 1 (0.001 is 0.1%)", got: "\(commission.percent)")
    }
    try Check.nonNegative(commission.perUnit, "costs.commission_per_unit")
    try Check.nonNegative(commission.fixed, "costs.commission_fixed")
    try Check.nonNegative(commission.minimum, "costs.commission_min")
    if let maximum = commission.maximum {
      try Check.nonNegative(maximum, "costs.commission_max")
      if maximum < commission.minimum {
        throw .invalid(field: "costs.commission_max", expected: ">= costs.commission_min (\(commission.minimum))", got: "\(maximum)")
      }
    }
    if let maximumPercent = commission.maximumPercent {
      try Check.nonNegative(maximumPercent, "costs.commission_max_pct")
    }
    switch slippage {
    case .none: break
    case let .bps(bps): try Check.nonNegative(bps, "costs.slippage_bps")
    case let .ticks(count, size):
      try Check.nonNegative(count, "costs.slippage_ticks")
      try Check.positive(size, "costs.tick_size")
    case let .atr(fraction, period):
      try Check.nonNegative(fraction, "costs.slippage_atr")
      try Check.period(period, "costs.slippage_atr_period")
    }
  }
}

extension FillTiming {
  /// The timing named `text` (`next_open`, `close`), or an error naming `field`.
  public static func parse(_ text: String, field: String = "fill") throws(SimulationError) -> FillTiming {
    guard let value = FillTiming(rawValue: text) else {
      throw .invalid(field: field, expected: "\"next_open\" or \"close\"", got: "\"\(text)\"")
    }
    return value
  }
}

extension IntrabarPolicy {
  /// The policy named `text` (`pessimistic`, `optimistic`, `nearest`), or an error naming `field`.
  public static func parse(_ text: String, field: String = "intrabar") throws(SimulationError) -> IntrabarPolicy {
    guard let value = IntrabarPolicy(rawValue: text) else {
      throw .invalid(field: field, expected: "\"pessimistic\", \"optimistic\" or \"nearest\"", got: "\"\(text)\"")
    }
    return value
  }
}
