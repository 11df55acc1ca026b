import MarketData

/// Turns a time-ordered stream of ticks into closed candles of one timeframe.
///
/// Periods are aligned exactly like `Ticks.timeBars` without a session: seconds to days count
/// from UTC midnight of the first tick's day, weeks start on Monday 00:00 UTC, months on the
/// 1st. A candle closes when the first tick of a later period arrives (`add` returns it), or
/// when the clock passes the end of its period (`advance(to:)`), or on `flush()`. Periods
/// without ticks produce no candle. Ticks with a non-finite price are refused.
public struct CandleAggregator: Sendable, Codable, Equatable {
  public let timeframe: Timeframe
  /// UTC midnight of the first tick's day, nil before the first tick.
  var origin: Int64?
  /// The open candle, nil between periods.
  public private(set) var current: Candle?
  /// End (exclusive) of the open candle's period.
  var periodEnd: Int64 = .min
  var lastTime: Int64 = .min

  enum CodingKeys: String, CodingKey { case timeframe, origin, current, periodEnd, lastTime }

  public init(timeframe: Timeframe) throws(ExecutionError) {
    guard timeframe.count >= 1 else {
      throw .invalidArgument("timeframe", expected: "a count >= 1", got: timeframe.description)
    }
    self.timeframe = timeframe
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let text = try c.decode(String.self, forKey: .timeframe)
    guard let tf = Timeframe(text) else {
      throw DecodingError.dataCorruptedError(
        forKey: .timeframe, in: c, debugDescription: "bad timeframe \(text)")
    }
    timeframe = tf
    origin = try c.decodeIfPresent(Int64.self, forKey: .origin)
    current = try c.decodeIfPresent(Candle.self, forKey: .current)
    periodEnd = try c.decode(Int64.self, forKey: .periodEnd)
    lastTime = try c.decode(Int64.self, forKey: .lastTime)
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(timeframe.description, forKey: .timeframe)
    try c.encodeIfPresent(origin, forKey: .origin)
    try c.encodeIfPresent(current, forKey: .current)
    try c.encode(periodEnd, forKey: .periodEnd)
    try c.encode(lastTime, forKey: .lastTime)
  }

  /// Adds a tick; returns the candle it closed, if any. Also reports whether the tick opened
  /// a new candle (the first tick of a period, where gaps past levels are filled).
  public mutating func add(_ tick: Tick) throws(ExecutionError) -> (closed: Candle?, opened: Bool) {
    guard tick.time >= lastTime else { throw .outOfOrder(previous: lastTime, got: tick.time) }
    guard tick.price.isFinite else {
      throw .invalidArgument("tick.price", expected: "a finite number", got: "\(tick.price)")
    }
    lastTime = tick.time
    if tick.time < periodEnd, var candle = current {
      candle.high = Swift.max(candle.high, tick.price)
      candle.low = Swift.min(candle.low, tick.price)
      candle.close = tick.price
      candle.volume += tick.size
      current = candle
      return (nil, false)
    }
    return (open(tick), true)
  }

  mutating func open(_ tick: Tick) -> Candle? {
    let closed = current
    let (start, end) = period(of: tick.time)
    periodEnd = end
    current = Candle(
      time: start, open: tick.price, high: tick.price, low: tick.price, close: tick.price, volume: tick.size)
    return closed
  }

  /// Closes the open candle if `time` is at or past the end of its period (a clock tick
  /// without trades); returns it.
  public mutating func advance(to time: Int64) -> Candle? {
    guard current != nil, time >= periodEnd else { return nil }
    return flush()
  }

  /// Closes the open candle now, whatever the time (end of a replay); returns it.
  public mutating func flush() -> Candle? {
    let closed = current
    current = nil
    periodEnd = .min
    return closed
  }

  /// Start and end (exclusive) of the period holding `t`.
  mutating func period(of t: Int64) -> (Int64, Int64) {
    let day = UTCTime.nanosecondsPerDay
    if origin == nil { origin = UTCTime.floorDivide(t, day).0 * day }
    let origin = self.origin ?? 0
    switch timeframe.unit {
    case .second, .minute, .hour, .day:
      let length = timeframe.nanoseconds ?? day
      let index = UTCTime.floorDivide(t - origin, length).0
      return (origin + index * length, origin + (index + 1) * length)
    case .week:
      let monday = 4 * day  // 1970-01-05 was a Monday.
      let length = 7 * day * Int64(timeframe.count)
      let index = UTCTime.floorDivide(t - monday, length).0
      return (monday + index * length, monday + (index + 1) * length)
    case .month:
      let date = UTCTime.civil(days: Int(UTCTime.floorDivide(t, day).0))
      let months = Int64(date.year * 12 + date.month - 1)
      let index = UTCTime.floorDivide(months, Int64(timeframe.count)).0
      return (monthStart(index), monthStart(index + 1))
    }
  }

  private func monthStart(_ index: Int64) -> Int64 {
    let months = index * Int64(timeframe.count)
    let year = Int(UTCTime.floorDivide(months, 12).0)
    let month = Int(UTCTime.floorDivide(months, 12).1) + 1
    return Int64(UTCTime.days(year: year, month: month, day: 1)) * UTCTime.nanosecondsPerDay
  }
}
