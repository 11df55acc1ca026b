import Execution
import Foundation
import MarketData
import Simulator
import Testing

/// Fixtures and the tick derivation shared by the tests.
enum Support {
  static func goog() throws -> Bars {
    let url = try #require(
      Bundle.module.url(forResource: "GOOG.csv", withExtension: nil, subdirectory: "Fixtures"))
    return try Bars.load(url.path)
  }

  /// Four ticks per bar in the order the simulator's intrabar policy visits them.
  static func ticks(_ bars: Bars, side: Side, policy: IntrabarPolicy) -> [Tick] {
    ReplayFeed.ticks(bars, policy: policy, side: side)
  }

  /// Simple moving average of the last `n` values ending at `end` (exclusive).
  static func mean(_ values: ArraySlice<Double>, end: Int, n: Int) -> Double {
    var sum = 0.0
    for i in (end - n)..<end { sum += values[values.startIndex + i] }
    return sum / Double(n)
  }

  /// +1 when the fast SMA crossed above the slow one at the last value, −1 below, else 0.
  static func cross(_ closes: ArraySlice<Double>, fast: Int, slow: Int) -> Int {
    let n = closes.count
    guard n > slow else { return 0 }
    let f1 = mean(closes, end: n, n: fast), s1 = mean(closes, end: n, n: slow)
    let f0 = mean(closes, end: n - 1, n: fast), s0 = mean(closes, end: n - 1, n: slow)
    if f0 <= s0 && f1 > s1 { return 1 }
    if f0 >= s0 && f1 < s1 { return -1 }
    return 0
  }
}

/// A strategy defined once and run both through `Backtest.run` (event form) and the engine.
struct CrossStrategy {
  var fast = 10
  var slow = 30
  /// Go long on an up-cross, short on a down-cross (false: close the long instead).
  var shorts = false
  var longs = true

  func intents(closes: ArraySlice<Double>, position: Double) -> [Intent] {
    switch Support.cross(closes, fast: fast, slow: slow) {
    case 1:
      if longs { return position <= 0 ? [.buy()] : [] }
      return position < 0 ? [.close()] : []
    case -1:
      if shorts { return position >= 0 ? [.sell()] : [] }
      return position > 0 ? [.close()] : []
    default: return []
    }
  }

  func backtest(_ bars: Bars, config: SimulationConfig) throws -> BacktestResult {
    let closes = bars.close
    return try Backtest.run([BacktestInput(bars: bars)], config: config) { ctx in
      let window = closes[max(0, ctx.bar + 1 - 200)...ctx.bar]
      for intent in intents(closes: window, position: ctx.position) {
        switch intent.action {
        case .buy:
          ctx.buy(
            OrderIntent(quantity: intent.quantity, stop: intent.stop, target: intent.target, tag: intent.tag))
        case .sell:
          ctx.sell(
            OrderIntent(quantity: intent.quantity, stop: intent.stop, target: intent.target, tag: intent.tag))
        case .close: ctx.close(tag: intent.tag)
        }
      }
    }
  }

  var engineStrategy: ClosureStrategy {
    ClosureStrategy { input in
      intents(closes: ArraySlice(input.candles.suffix(200).map(\.close)), position: input.position)
    }
  }
}
