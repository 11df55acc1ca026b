/// Accumulates bars column by column, for resampling, tick aggregation and Renko.
///
/// Labels stay strictly increasing: a bar whose label is not after the previous one is
/// labelled 1 ns later.
struct BarBuilder {
  let symbol: String
  let timeframe: Timeframe?
  var time: [Int64] = []
  var open: [Double] = []
  var high: [Double] = []
  var low: [Double] = []
  var close: [Double] = []
  var volume: [Double] = []

  init(symbol: String, timeframe: Timeframe?) {
    self.symbol = symbol
    self.timeframe = timeframe
  }

  var isEmpty: Bool { time.isEmpty }

  /// Opens a bar at `label` (moved to 1 ns after the previous label when not after it).
  mutating func start(at label: Int64, price: Double, size: Double) {
    let t = time.last.map { Swift.max($0 + 1, label) } ?? label
    time.append(t)
    open.append(price)
    high.append(price)
    low.append(price)
    close.append(price)
    volume.append(size)
  }

  mutating func add(price: Double, size: Double) {
    merge(high: price, low: price, close: price, volume: size)
  }

  /// Folds a later bar (or tick) into the last bar: max high, min low, its close, volume
  /// summed with NaN skipped.
  mutating func merge(high h: Double, low l: Double, close c: Double, volume v: Double) {
    let last = time.count - 1
    if h > high[last] { high[last] = h }
    if l < low[last] { low[last] = l }
    close[last] = c
    if !v.isNaN { volume[last] = volume[last].isNaN ? v : volume[last] + v }
  }

  /// Appends a finished bar as given.
  mutating func append(
    time t: Int64, open o: Double, high h: Double, low l: Double, close c: Double, volume v: Double
  ) {
    time.append(time.last.map { Swift.max($0 + 1, t) } ?? t)
    open.append(o)
    high.append(h)
    low.append(l)
    close.append(c)
    volume.append(v)
  }

  mutating func dropLast() {
    guard !time.isEmpty else { return }
    time.removeLast()
    open.removeLast()
    high.removeLast()
    low.removeLast()
    close.removeLast()
    volume.removeLast()
  }

  func bars() -> Bars {
    Bars(
      time: time, open: open, high: high, low: low, close: close, volume: volume, symbol: symbol,
      timeframe: timeframe)
  }
}
