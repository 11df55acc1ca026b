import MarketData
import Simulator

/// One trade print: time in nanoseconds since the epoch (UTC), price, and size (units traded,
/// 0 when the feed carries none).
public struct Tick: Sendable, Equatable, Codable {
  public var time: Int64
  public var price: Double
  public var size: Double

  public init(time: Int64, price: Double, size: Double = 0) {
    self.time = time
    self.price = price
    self.size = size
  }
}

/// A closed candle: `time` is the start of its period (the label `Ticks.timeBars` gives),
/// OHLC from its ticks in arrival order, volume the sum of their sizes.
public struct Candle: Sendable, Equatable, Codable {
  public var time: Int64
  public var open: Double
  public var high: Double
  public var low: Double
  public var close: Double
  public var volume: Double

  public init(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double) {
    self.time = time
    self.open = open
    self.high = high
    self.low = low
    self.close = close
    self.volume = volume
  }
}

/// Why the execution layer refused its input.
public enum ExecutionError: Error, Equatable, CustomStringConvertible, Sendable {
  /// An argument or option outside its domain: name, what was expected, what came.
  case invalidArgument(String, expected: String, got: String)
  /// A tick older than the previous one (feeds must be time-ordered).
  case outOfOrder(previous: Int64, got: Int64)
  /// The state directory or database could not be used.
  case state(String)
  /// The simulation settings (exits, sizing, costs) are invalid, in the strategy table's terms.
  case config(SimulationError)

  public var description: String {
    switch self {
    case let .invalidArgument(name, expected, got): return "'\(name)' must be \(expected), got \(got)"
    case let .outOfOrder(previous, got):
      return "ticks must be in time order: got \(UTCTime.iso(got)) after \(UTCTime.iso(previous))"
    case let .state(message): return "state: \(message)"
    case let .config(error): return error.description
    }
  }
}
