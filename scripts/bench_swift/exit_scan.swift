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

// A prototype of a faster search, for comparison only (long, next-open fills, stop first; no
// ledger): the first 32 bars after the fill are tested at once with no branch (two 16-bar
// halves of SSE2 pairs, the second only when the first has no touch), and each entry's
// first lines of open, low and high are prefetched eight entries ahead. In one process on
// the same bars it measured 1.3 ms against 1.9 ms for `table`; porting it into ExitScan as
// written there did not keep the gain, so the kernel still scans bar by bar.
@_silgen_name("llvm.prefetch.p0")
func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ cache: Int32)

@inline(__always)
func pairTouches(_ lo: UnsafeRawPointer, _ hi: UnsafeRawPointer, _ i: Int, _ s: SIMD2<Double>, _ t: SIMD2<Double>)
  -> SIMDMask<SIMD2<Int64>>
{
  (lo.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self) .<= s)
    .| (hi.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self) .>= t)
}

/// Offset of the first of 16 bars touching, as a Double; +inf when none.
@inline(__always)
func first16(_ h: UnsafePointer<Double>, _ l: UnsafePointer<Double>, _ j: Int, _ s: Double, _ t: Double) -> Double {
  let sv = SIMD2<Double>(repeating: s), tv = SIMD2<Double>(repeating: t)
  let lo = UnsafeRawPointer(l + j), hi = UnsafeRawPointer(h + j)
  var best = SIMD2<Double>(repeating: .infinity)
  best.replace(with: SIMD2(14, 15), where: pairTouches(lo, hi, 14, sv, tv))
  best.replace(with: SIMD2(12, 13), where: pairTouches(lo, hi, 12, sv, tv))
  best.replace(with: SIMD2(10, 11), where: pairTouches(lo, hi, 10, sv, tv))
  best.replace(with: SIMD2(8, 9), where: pairTouches(lo, hi, 8, sv, tv))
  best.replace(with: SIMD2(6, 7), where: pairTouches(lo, hi, 6, sv, tv))
  best.replace(with: SIMD2(4, 5), where: pairTouches(lo, hi, 4, sv, tv))
  best.replace(with: SIMD2(2, 3), where: pairTouches(lo, hi, 2, sv, tv))
  best.replace(with: SIMD2(0, 1), where: pairTouches(lo, hi, 0, sv, tv))
  return best[0] < best[1] ? best[0] : best[1]
}

@inline(never)
func prototype(
  _ o: UnsafePointer<Double>, _ h: UnsafePointer<Double>, _ l: UnsafePointer<Double>, _ c: UnsafePointer<Double>,
  _ e: UnsafeBufferPointer<Int>, _ xb: UnsafeMutablePointer<Double>, _ xp: UnsafeMutablePointer<Double>
) {
  let w = 32
  for k in 0..<e.count {
    if k &+ 8 < e.count {
      let g = min(e[k &+ 8] &+ 1, n &- 32)
      for q in stride(from: 0, to: 32, by: 8) {
        llvmPrefetch(UnsafeRawPointer(l + g + q), 0, 3, 1)
        llvmPrefetch(UnsafeRawPointer(h + g + q), 0, 3, 1)
        if q < 16 { llvmPrefetch(UnsafeRawPointer(o + g + q), 0, 3, 1) }
      }
    }
    let fill = e[k] + 1
    if fill >= n { continue }
    let entry = o[fill]
    let stop = entry * (1 - 0.005), target = entry * (1 + 0.01)
    let last = min(n - 1, fill + 100)
    var j = fill
    var b = last + 1
    if fill + w <= n {
      let a = first16(h, l, fill, stop, target)
      let f = a < 16 ? a : first16(h, l, fill &+ 16, stop, target) + 16
      if f < Double(last - fill + 1) { b = fill + Int(f) } else { j = fill + min(w, last - fill + 1) }
    }
    if b > last {
      while j <= last {
        if l[j] <= stop || h[j] >= target { b = j; break }
        j += 1
      }
    }
    let bb = min(b, last)
    let ob = o[bb]
    let gap = ob <= stop || ob >= target
    let level = l[bb] <= stop ? stop : target
    xb[k] = Double(bb)
    xp[k] = b <= last ? (gap ? ob : level) : c[last]
  }
}

if wanted("prototype") {
  let m = entries.count
  let (t, r) = median(runs) { () -> [Double] in
    var xb = [Double](repeating: .nan, count: m)
    var xp = [Double](repeating: .nan, count: m)
    bars.open.withUnsafeBufferPointer { o in
      bars.high.withUnsafeBufferPointer { h in
        bars.low.withUnsafeBufferPointer { l in
          bars.close.withUnsafeBufferPointer { c in
            entries.withUnsafeBufferPointer { e in
              xb.withUnsafeMutableBufferPointer { xbp in
                xp.withUnsafeMutableBufferPointer { xpp in
                  if let o = o.baseAddress, let h = h.baseAddress, let l = l.baseAddress, let c = c.baseAddress,
                    let xbp = xbp.baseAddress, let xpp = xpp.baseAddress
                  {
                    prototype(o, h, l, c, e, xbp, xpp)
                  }
                }
              }
            }
          }
        }
      }
    }
    return xp
  }
  var sum = 0.0
  for k in 0..<m where entries[k] + 1 < n { sum += r[k] / bars.open[entries[k] + 1] - 1 }
  report("prototype", t, String(format: "mean_return=%.10f", sum / Double(m)))
}
