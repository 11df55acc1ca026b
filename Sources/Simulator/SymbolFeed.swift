import MarketData

/// One symbol's columns and signals, held by reference so the bar loop reads them without
/// copying or retaining per bar. Immutable, so the engines of a portfolio share it across
/// threads.
final class SymbolFeed: Sendable {
  let symbol: String
  let time: [Int64]
  let open: [Double]
  let high: [Double]
  let low: [Double]
  let close: [Double]
  let signals: [SignalSet]
  /// True at bars where any signal column of any set is set (a fast skip for the others).
  let active: [Bool]

  var count: Int { time.count }

  init(_ input: BacktestInput) {
    let bars = input.bars
    symbol = bars.symbol
    time = bars.time
    open = bars.open
    high = bars.high
    low = bars.low
    close = bars.close
    signals = input.signals
    var active = [Bool](repeating: false, count: bars.count)
    for set in input.signals {
      for column in [set.longEntry, set.longExit, set.shortEntry, set.shortExit] where !column.isEmpty {
        for i in 0..<column.count where column[i] { active[i] = true }
      }
    }
    self.active = active
  }
}
