// Times the exit scan's kernel alone, outside Lua, on the bars of `scripts/bench backtest`
// (1M synthetic one-minute bars, seed 1, vol 0.002; 50,000 long entries every 20th bar; stop
// -0.5%, target +1%, at most 100 bars). Built and run by scripts/bench_swift/exit_scan.sh.
// Prints "<case> <median ms> <detail>" per case.
import MarketData
import Simulator

#if canImport(Glibc)
  import Glibc
#endif

/// CPU seconds of this thread: on a shared machine, time spent descheduled is not counted.
func seconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Median milliseconds of `runs` calls after two warm-up calls.
func median<T>(_ runs: Int, _ body: () throws -> T) rethrows -> (Double, T) {
  var last = try body()
  last = try body()
  var times = [Double]()
  for _ in 0..<runs {
    let t0 = seconds()
    last = try body()
    times.append(seconds() - t0)
  }
  times.sort()
  return (times[(times.count - 1) / 2] * 1000, last)
}

let arguments = CommandLine.arguments
let runs = arguments.count > 1 ? Int(arguments[1]) ?? 51 : 51
let only = arguments.count > 2 ? Set(arguments[2].split(separator: ",").map(String.init)) : nil
func wanted(_ name: String) -> Bool { only?.contains(name) ?? true }

let bars = try SyntheticBars(count: 1_000_000, seed: 1, volatility: 0.002).generate()
let n = bars.count
let mask = Mask((0..<n).map { $0 % 20 == 0 })
let entries = ExitScan.entryBars(of: mask)

func report(_ name: String, _ ms: Double, _ detail: String) {
  print(name, String(format: "%.3f", ms), detail)
}

if wanted("entries") {
  let (t, e) = median(runs) { ExitScan.entryBars(of: mask) }
  report("entries", t, "count=\(e.count)")
}

if wanted("table") {
  let (t, table) = try median(runs) {
    try ExitScan.table(
      open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: .long,
      stopPercent: 0.005, targetPercent: 0.01, maxBars: 100, indexBase: 1)
  }
  let mean = table.returns.reduce(0, +) / Double(table.returns.count)
  report(
    "table", t,
    "stop=\(table.stops) target=\(table.targets) max_bars=\(table.maxBarsExits) end=\(table.ends) "
      + String(format: "mean_return=%.10f", mean))
}

if wanted("mask_table") {
  let (t, table) = try median(runs) {
    try ExitScan.table(
      open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: ExitScan.entryBars(of: mask),
      side: .long, stopPercent: 0.005, targetPercent: 0.01, maxBars: 100, indexBase: 1)
  }
  report("mask_table", t, "stop=\(table.stops) target=\(table.targets)")
}

if wanted("run") {
  let (t, r) = try median(runs) {
    try ExitScan.run(
      open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: .long,
      stopPercent: 0.005, targetPercent: 0.01, maxBars: 100)
  }
  report("run", t, "ambiguous=\(r.ambiguity.count)")
}

/// The peer's loop (scripts/bench_py/backtest_peers.py) written plainly in Swift: exit bar,
/// exit price and return, no ledger. A floor for what the kernel could cost.
func plain(_ o: [Double], _ h: [Double], _ l: [Double], _ c: [Double], _ entries: [Int]) -> ([Int], [Double], [Double]) {
  let m = entries.count
  var exitBar = [Int](repeating: -1, count: m)
  var exitPrice = [Double](repeating: .nan, count: m)
  var ret = [Double](repeating: .nan, count: m)
  o.withUnsafeBufferPointer { o in
    h.withUnsafeBufferPointer { h in
      l.withUnsafeBufferPointer { l in
        c.withUnsafeBufferPointer { c in
          for k in 0..<m {
            let fill = entries[k] + 1
            if fill >= n { continue }
            let entry = o[fill]
            let stop = entry * (1 - 0.005), target = entry * (1 + 0.01)
            let last = min(n - 1, fill + 100)
            var j = fill
            var xb = last, xp = c[last]
            while j <= last {
              if l[j] <= stop || h[j] >= target {
                xp = o[j] <= stop || o[j] >= target ? o[j] : (l[j] <= stop ? stop : target)
                xb = j
                break
              }
              j += 1
            }
            exitBar[k] = xb
            exitPrice[k] = xp
            ret[k] = xp / entry - 1
          }
        }
      }
    }
  }
  return (exitBar, exitPrice, ret)
}

if wanted("plain") {
  let (t, r) = median(runs) { plain(bars.open, bars.high, bars.low, bars.close, entries) }
  report("plain", t, String(format: "mean_return=%.10f", r.2.reduce(0, +) / Double(r.2.count)))
}

// Every exit of `table` against the plain loop above, printing the first differences.
if wanted("check") {
  let t = try ExitScan.table(
    open: bars.open, high: bars.high, low: bars.low, close: bars.close, entries: entries, side: .long,
    stopPercent: 0.005, targetPercent: 0.01, maxBars: 100, indexBase: 0)
  let (xb, xp, _) = plain(bars.open, bars.high, bars.low, bars.close, entries)
  let differing = (0..<entries.count).filter { Int(t.exitIndex[$0]) != xb[$0] || t.exitPrice[$0] != xp[$0] }
  for k in differing.prefix(5) {
    print("entry \(k) (bar \(entries[k])): exit bar \(t.exitIndex[k]) vs \(xb[k]), price \(t.exitPrice[k]) vs \(xp[k])")
  }
  report("check", 0, "differing=\(differing.count)")
}
