/// A bar duration written as count and unit: `1s`, `30s`, `1m`, `5m`, `1h`, `4h`, `1d`, `1w`,
/// `1M` (calendar month). Minutes are `m`, months `M`.
public struct Timeframe: Sendable, Hashable, CustomStringConvertible {
  public enum Unit: Character, Sendable, CaseIterable {
    case second = "s", minute = "m", hour = "h", day = "d", week = "w", month = "M"
  }

  public let count: Int
  public let unit: Unit

  public init(count: Int, unit: Unit) {
    precondition(count > 0, "Timeframe count must be positive")
    self.count = count
    self.unit = unit
  }

  /// Parses `"15m"`; nil when the text is not a positive count followed by a known unit.
  public init?(_ text: String) {
    guard let unitCharacter = text.last, let unit = Unit(rawValue: unitCharacter),
      let count = Int(text.dropLast()), count > 0, count <= 1_000_000
    else { return nil }
    self.init(count: count, unit: unit)
  }

  public var description: String { "\(count)\(unit.rawValue)" }

  /// Length in nanoseconds; nil for months, whose length depends on the calendar.
  public var nanoseconds: Int64? {
    let second: Int64 = 1_000_000_000
    switch unit {
    case .second: return Int64(count) * second
    case .minute: return Int64(count) * 60 * second
    case .hour: return Int64(count) * 3_600 * second
    case .day: return Int64(count) * 86_400 * second
    case .week: return Int64(count) * 604_800 * second
    case .month: return nil
    }
  }
}
