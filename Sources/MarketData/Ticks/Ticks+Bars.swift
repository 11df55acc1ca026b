/// Ticks aggregated into bars. Open is the first price, high the largest, low the smallest,
/// close the last, volume the sum of sizes (NaN sizes skipped; NaN when all are NaN).
///
/// Time bars are labelled with the start of their period; tick-count and volume bars with
/// the time of their first tick. Labels stay strictly increasing: a bar whose first tick
/// shares the previous bar's label is labelled 1 ns later.
extension Ticks {
  /// Bars of `timeframe`, anchored as `Bars.resample` anchors them (UTC midnight of the
  /// first tick's day, or the session's open); periods without ticks are left out.
  public func timeBars(_ timeframe: Timeframe, session: Session? = nil) -> Bars {
    let keyer = PeriodKeyer(target: timeframe, session: session, firstTime: time.first ?? 0)
    var builder = BarBuilder(symbol: symbol, timeframe: timeframe)
    var currentKey = Int64.min
    for i in 0..<count {
      guard let (key, label) = keyer.period(of: time[i]) else { continue }
      if key != currentKey || builder.isEmpty {
        currentKey = key
        builder.start(at: label, price: price[i], size: size[i])
      } else {
        builder.add(price: price[i], size: size[i])
      }
    }
    return builder.bars()
  }

  /// A bar every `ticks` ticks. With `dropPartial` (the default) a last bar with fewer ticks
  /// is left out, so every bar has the same number of ticks.
  public func tickBars(_ ticks: Int, dropPartial: Bool = true) throws(SeriesError) -> Bars {
    guard ticks >= 1 else { throw .invalidArgument("ticks", expected: "an integer >= 1", got: "\(ticks)") }
    var builder = BarBuilder(symbol: symbol, timeframe: nil)
    var inBar = 0
    for i in 0..<count {
      if inBar == 0 {
        builder.start(at: time[i], price: price[i], size: size[i])
      } else {
        builder.add(price: price[i], size: size[i])
      }
      inBar += 1
      if inBar == ticks { inBar = 0 }
    }
    if dropPartial && inBar != 0 { builder.dropLast() }
    return builder.bars()
  }

  /// A bar closes with the tick that brings its summed size to `volume` or more (ticks are
  /// not split, so a bar can exceed `volume`). With `dropPartial` a last bar below `volume`
  /// is left out. Ticks with NaN size count as zero.
  public func volumeBars(_ volume: Double, dropPartial: Bool = true) throws(SeriesError) -> Bars {
    guard volume > 0, volume.isFinite else {
      throw .invalidArgument("volume", expected: "a finite number > 0", got: "\(volume)")
    }
    guard size.contains(where: { $0 > 0 }) || count == 0 else {
      throw .invalidArgument(
        "ticks", expected: "ticks with sizes (the file has no size column)", got: "no sizes")
    }
    var builder = BarBuilder(symbol: symbol, timeframe: nil)
    var filled = 0.0
    var open = false
    for i in 0..<count {
      if !open {
        builder.start(at: time[i], price: price[i], size: size[i])
        open = true
        filled = 0
      } else {
        builder.add(price: price[i], size: size[i])
      }
      if !size[i].isNaN { filled += size[i] }
      if filled >= volume { open = false }
    }
    if dropPartial && open { builder.dropLast() }
    return builder.bars()
  }
}
