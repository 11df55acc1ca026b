/// The exit scan's search for an entry's first touching bar: a branch-free test of a fixed
/// window of bars, and cache prefetches for the entries scanned next.
///
/// Half of the exits come within ten bars and nine in ten within 32 (stops and targets a few
/// bar ranges away), so a branching bar-by-bar loop mispredicts its exit once per entry and
/// stalls on each entry's first cache lines. Testing 32 bars at once with no branch and
/// requesting the next entries' lines early keeps the memory system busy instead.
extension ExitScan {
  /// Bars tested at once by `firstTouch(inWindowOf:at:low:high:)`.
  static let window = 32

  /// How many entries ahead the scan prefetches an entry's first bars.
  static let prefetchDistance = 8

  /// The offset in `0..<window` of the first bar from `start` whose low is at or below `low`
  /// or whose high is at or above `high`; `window` when none is. NaN values compare false, so
  /// a bar with a NaN low or high touches only through the other side, as in the bar loop.
  /// Requires `start + window <= count`.
  @_transparent
  static func firstTouch(inWindowOf bars: Columns, at start: Int, low a: Double, high b: Double) -> Int {
    // SAFETY: the caller guarantees start + window <= count for both columns; the halves
    // read 16 Doubles each from start and start + 16.
    guard let lows = bars.low.baseAddress, let highs = bars.high.baseAddress else { return window }
    let a2 = SIMD2<Double>(repeating: a)
    let b2 = SIMD2<Double>(repeating: b)
    let first = firstTouch(inHalf: UnsafeRawPointer(lows + start), UnsafeRawPointer(highs + start), a2, b2)
    if first < 16 { return Int(first) }
    let second = firstTouch(inHalf: UnsafeRawPointer(lows + start + 16), UnsafeRawPointer(highs + start + 16), a2, b2)
    return 16 + Int(second)
  }

  /// The offset in 0..<16 of the first touching bar of 16, 16 when none: pairs of bars from
  /// the last to the first, each touching pair overwriting the candidate offset, so the first
  /// touching bar's offset remains. Offsets are Doubles to stay in SSE lanes; no branches.
  @_transparent
  static func firstTouch(
    inHalf low: UnsafeRawPointer, _ high: UnsafeRawPointer, _ a: SIMD2<Double>, _ b: SIMD2<Double>
  ) -> Double {
    var first = SIMD2<Double>(repeating: 16)
    @inline(__always) func pair(_ i: Int) {
      let touches =
        (low.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self) .<= a)
        .| (high.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self) .>= b)
      first.replace(with: SIMD2(Double(i), Double(i &+ 1)), where: touches)
    }
    pair(14)
    pair(12)
    pair(10)
    pair(8)
    pair(6)
    pair(4)
    pair(2)
    pair(0)
    return first[0] < first[1] ? first[0] : first[1]
  }

  /// Asks the cache for the bars entry `e` will read first: its fill price and the opens,
  /// lows and highs of its first window (an exit reads its bar's open). A hint only: no
  /// value is read and nothing can fault.
  @inline(__always)
  static func prefetch(_ bars: Columns, entry e: Int, _ levels: Levels) {
    guard let open = bars.open.baseAddress, let close = bars.close.baseAddress,
      let low = bars.low.baseAddress, let high = bars.high.baseAddress
    else { return }
    let n = bars.close.count
    let fill = min(levels.atClose ? e : e &+ 1, n &- 1)
    if levels.atClose { prefetchLine(close + fill) }
    // Lines of 64 bytes, eight bars apart, cover a 32-bar window of Float64.
    var offset = 0
    while offset < window {
      let bar = min(fill &+ offset, n &- 1)
      prefetchLine(open + bar)
      prefetchLine(low + bar)
      prefetchLine(high + bar)
      offset &+= 8
    }
  }

  @inline(__always)
  static func prefetchLine(_ address: UnsafePointer<Double>) {
    llvmPrefetch(UnsafeRawPointer(address), 0, 3, 1)
  }
}

/// LLVM's prefetch intrinsic (address, 0 = read, locality 0–3 with 3 = keep in all levels,
/// 1 = data cache): compiles to one prefetch instruction (prefetcht0 on x86-64, prfm on
/// arm64), which never faults and changes no value.
@_silgen_name("llvm.prefetch.p0")
private func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ cache: Int32)
