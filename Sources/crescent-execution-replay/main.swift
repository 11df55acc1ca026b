// Replays a bar file through a paper dry run with its state in a directory, resuming from the
// directory's checkpoint. The crash-safety tests run it as a child process and kill it.
//
// usage: crescent-execution-replay STATE_DIR BARS_FILE [SPEED]
//   SPEED: N× real time (omit for as fast as possible).
//        crescent-execution-replay --bench TICKS
//   Measures ticks per second through aggregation and position management (one symbol, a
//   seeded random walk, 100 ticks per 1-minute candle, no state directory).
// The strategy: long on a 5/20 close SMA up-cross, closed on the down-cross; ATR(14)×2 stop,
// break-even at 1R, 5% trailing stop, half out at 1.5R; risk sizing 2% in whole units;
// commission 0.01 per unit (minimum 1), slippage 0.1 ATR(10); fills at the signal close.
import Execution
import Foundation
import MarketData
import Simulator

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("crescent-execution-replay: \(message)\n".utf8))
  exit(2)
}

let arguments = CommandLine.arguments
if arguments.count == 3 && arguments[1] == "--bench" {
  guard let count = Int(arguments[2]), count > 0 else {
    fail("TICKS must be a positive integer, got \(arguments[2])")
  }
  runBenchmark(ticks: count)
  exit(0)
}
guard arguments.count == 3 || arguments.count == 4 else {
  fail("usage: crescent-execution-replay STATE_DIR BARS_FILE [SPEED]")
}
var speed: Double?
if arguments.count == 4 {
  guard let value = Double(arguments[3]), value > 0 else {
    fail("SPEED must be a positive number, got \(arguments[3])")
  }
  speed = value
}

let config = SimulationConfig(
  exits: ExitRules(
    stopATR: ATRMultiple(period: 14, multiple: 2), breakEvenR: 1, trailPercent: 0.05,
    partials: [PartialExit(r: 1.5, fraction: 0.5)]),
  sizing: Sizing(mode: .risk(fraction: 0.02), wholeUnits: true),
  costs: Costs(commission: Commission(perUnit: 0.01, minimum: 1), slippage: .atr(fraction: 0.1, period: 10)),
  fill: .close, cash: 100_000)

func mean(_ closes: [Double], end: Int, n: Int) -> Double {
  var sum = 0.0
  for i in (end - n)..<end { sum += closes[i] }
  return sum / Double(n)
}

let strategy = ClosureStrategy { input in
  let closes = input.candles.suffix(200).map(\.close)
  let n = closes.count
  guard n > 20 else { return [] }
  let up0 = mean(closes, end: n - 1, n: 5) <= mean(closes, end: n - 1, n: 20)
  let up1 = mean(closes, end: n, n: 5) > mean(closes, end: n, n: 20)
  let down0 = mean(closes, end: n - 1, n: 5) >= mean(closes, end: n - 1, n: 20)
  let down1 = mean(closes, end: n, n: 5) < mean(closes, end: n, n: 20)
  if up0 && up1 && input.position <= 0 { return [.buy()] }
  if down0 && down1 && input.position > 0 { return [.close()] }
  return []
}

do {
  let bars = try Bars.load(arguments[2])
  let engine = try DryRun.open(
    directory: arguments[1], symbols: [bars.symbol], timeframe: Timeframe(count: 1, unit: .day),
    config: config,
    strategy: strategy, runId: "replay")
  let feed = try ReplayFeed(bars: [bars], policy: config.intrabar)
  try feed.run(engine, speed: speed) { ns in usleep(useconds_t(min(ns / 1_000, 1_000_000))) }
  print("finished \(engine.trades.count) trades")
} catch {
  fail("\(error)")
}
