/// Renko bricks built from closing prices, as Bars.
///
/// Bricks have a fixed size. An up brick follows an up brick when the close rises one
/// brick above the last brick's close; a down brick after an up brick needs the close to
/// fall one brick below the last brick's open (two bricks from its close), and mirrored for
/// down bricks. The first brick is one brick away from the anchor, the first close used.
/// A brick's open and close are its edges, high and low the larger and smaller edge; its
/// time is the time of the bar that completed it (1 ns later for each further brick of the
/// same bar, so times stay strictly increasing); its volume is the volume traded since the
/// previous brick, on the first brick a bar completes (0 on the others).
public enum RenkoSize: Sendable, Equatable {
  /// Bricks of this price size.
  case fixed(Double)
  /// Bricks of the ATR (Wilder, `period` bars, as TA-Lib's ATR) known at bar `period`;
  /// bricks start from that bar, so no brick uses later information.
  case atr(period: Int)
}

extension Bars {
  public func renko(_ size: RenkoSize) throws(SeriesError) -> Bars {
    let brick: Double
    var first = 0
    switch size {
    case let .fixed(value):
      guard value > 0, value.isFinite else {
        throw .invalidArgument("size", expected: "a finite number > 0", got: "\(value)")
      }
      brick = value
    case let .atr(period):
      guard period >= 1 else {
        throw .invalidArgument("period", expected: "an integer >= 1", got: "\(period)")
      }
      guard count > period else {
        throw .invalidArgument(
          "bars", expected: "more than \(period) bars for an ATR(\(period)) brick", got: "\(count)")
      }
      brick = initialATR(period)
      first = period
      guard brick > 0 else {
        throw .invalidArgument("bars", expected: "a positive ATR for the brick size", got: "\(brick)")
      }
    }
    var builder = BarBuilder(symbol: symbol, timeframe: nil)
    guard first < count else { return builder.bars() }
    var lastOpen = close[first]
    var lastClose = close[first]
    var direction = 0  // 1 up, -1 down, 0 none yet
    var pendingVolume = 0.0
    for i in (first + 1)..<count {
      if !volume[i].isNaN { pendingVolume += volume[i] }
      let price = close[i]
      var emitted = false
      while true {
        var next: (open: Double, close: Double)?
        if direction >= 0 && price >= lastClose + brick {
          next = (lastClose, lastClose + brick)
        } else if direction <= 0 && price <= lastClose - brick {
          next = (lastClose, lastClose - brick)
        } else if direction == 1 && price <= lastOpen - brick {
          next = (lastOpen, lastOpen - brick)
        } else if direction == -1 && price >= lastOpen + brick {
          next = (lastOpen, lastOpen + brick)
        }
        guard let brickEdges = next else { break }
        builder.append(
          time: time[i], open: brickEdges.open, high: Swift.max(brickEdges.open, brickEdges.close),
          low: Swift.min(brickEdges.open, brickEdges.close), close: brickEdges.close,
          volume: emitted ? 0 : pendingVolume)
        emitted = true
        direction = brickEdges.close > brickEdges.open ? 1 : -1
        lastOpen = brickEdges.open
        lastClose = brickEdges.close
      }
      if emitted { pendingVolume = 0 }
    }
    return builder.bars()
  }

  /// TA-Lib's first ATR value: the mean true range of bars 1…period.
  private func initialATR(_ period: Int) -> Double {
    var sum = 0.0
    for i in 1...period {
      let range = Swift.max(high[i], close[i - 1]) - Swift.min(low[i], close[i - 1])
      sum += range
    }
    return sum / Double(period)
  }
}
