import Execution
import Foundation
import MarketData
import Simulator

/// Feeds `ticks` random-walk ticks through an in-memory engine and prints the throughput.
func runBenchmark(ticks count: Int) {
  var state: UInt64 = 42
  func uniform() -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) / Double(1 << 53)
  }
  var ticks: [Tick] = []
  ticks.reserveCapacity(count)
  var price = 100.0
  let start = UTCTime.nanosecondsPerDay * 19_723
  for i in 0..<count {
    price *= 1 + (uniform() - 0.5) * 0.002
    ticks.append(Tick(time: start + Int64(i) * 600_000_000, price: price, size: 1))
  }
  let config = SimulationConfig(
    exits: ExitRules(
      stopPercent: 0.01, targetPercent: 0.02, breakEvenR: 1, trailPercent: 0.008,
      partials: [PartialExit(r: 1, fraction: 0.5)]),
    sizing: Sizing(mode: .equity(fraction: 0.5)),
    costs: Costs(commission: Commission(percent: 0.001), slippage: .bps(2)))
  let strategy = ClosureStrategy { input in
    guard let last = input.candles.last, input.candles.count > 2 else { return [] }
    let previous = input.candles[input.candles.endIndex - 2]
    if input.position == 0 && last.close > previous.high { return [.buy()] }
    return []
  }
  do {
    let engine = try Engine(
      symbols: ["BENCH"], timeframe: Timeframe(count: 1, unit: .minute), config: config, strategy: strategy,
      broker: PaperBroker(costs: config.costs), window: 50)
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
      for tick in ticks { try engine.process(tick, symbol: 0) }
      try engine.finish()
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("ticks: \(count)  candles: \(engine.equity.count)  trades: \(engine.trades.count)")
    print(
      String(format: "elapsed: %.3f s  throughput: %.2f M ticks/s", seconds, Double(count) / seconds / 1e6))
  } catch {
    fail("\(error)")
  }
}
