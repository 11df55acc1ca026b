/// OHLCV bars of one symbol: parallel columns, time in Int64 nanoseconds since the Unix
/// epoch (UTC), prices and volume in Float64.
public struct Bars: Sendable, Equatable {
  public var time: [Int64]
  public var open: [Double]
  public var high: [Double]
  public var low: [Double]
  public var close: [Double]
  public var volume: [Double]
  public var symbol: String
  public var timeframe: Timeframe?

  public init(
    time: [Int64], open: [Double], high: [Double], low: [Double], close: [Double],
    volume: [Double], symbol: String = "", timeframe: Timeframe? = nil
  ) {
    precondition(
      [open.count, high.count, low.count, close.count, volume.count].allSatisfy { $0 == time.count },
      "Bars columns must have equal lengths")
    self.time = time
    self.open = open
    self.high = high
    self.low = low
    self.close = close
    self.volume = volume
    self.symbol = symbol
    self.timeframe = timeframe
  }

  public var count: Int { time.count }

  /// The named price or volume column as a Series sharing its storage.
  public func column(_ name: PriceColumn) -> Series {
    switch name {
    case .open: return Series(open)
    case .high: return Series(high)
    case .low: return Series(low)
    case .close: return Series(close)
    case .volume: return Series(volume)
    }
  }
}

public enum PriceColumn: String, Sendable, CaseIterable {
  case open, high, low, close, volume
}
