import Foundation

/// Four stretches of bars that four copies of a kernel walk in step, so that a recurrence's
/// loop-carried chain (an add, a multiply-add) is four independent chains the CPU overlaps
/// instead of one it waits on. Lane k covers `starts[k] ..< starts[k] + length`; the bars from
/// `starts[3] + length` to the end (fewer than four from ``init(from:to:minimum:)``) are left
/// to the caller, which finishes them on its one-chain path.
struct Lanes {
  let starts: SIMD4<Int>
  let length: Int

  /// Splits `from ..< to` into four equal stretches, or `nil` when there are fewer than
  /// `minimum` bars per lane (short inputs take the kernel's one-chain path).
  init?(from: Int, to: Int, minimum: Int) {
    let length = (to - from) / 4
    guard length >= Swift.max(minimum, 1) else { return nil }
    self.length = length
    starts = SIMD4(from, from + length, from + 2 * length, from + 3 * length)
  }

  init(starts: SIMD4<Int>, length: Int) {
    self.starts = starts
    self.length = length
  }

  /// The `bars` bars before lanes 1–3 (lane 0 repeats lane 1's): where a decaying
  /// recurrence warms its lanes up (see ``warmUpBars(decay:)``).
  func warmUp(_ bars: Int) -> Lanes {
    Lanes(starts: SIMD4(starts[1], starts[1], starts[2], starts[3]) &- bars, length: bars)
  }

  /// Offset just past lane 3 (the first bar the caller finishes alone).
  var end: Int { starts[3] + length }
}

/// Four base pointers into one input, one per lane: `gather(t)` reads bar `starts[k] + t` of
/// every lane.
struct LaneInput {
  let p0: UnsafePointer<Double>, p1: UnsafePointer<Double>
  let p2: UnsafePointer<Double>, p3: UnsafePointer<Double>

  /// Lanes of `base` shifted by `shift` bars (−1 reads each lane's previous bar).
  init(_ base: UnsafePointer<Double>, _ lanes: Lanes, shift: Int = 0) {
    // SAFETY: callers read offsets t with 0 <= starts[k] + shift + t < count.
    p0 = base + (lanes.starts[0] + shift)
    p1 = base + (lanes.starts[1] + shift)
    p2 = base + (lanes.starts[2] + shift)
    p3 = base + (lanes.starts[3] + shift)
  }

  @inline(__always)
  func gather(_ t: Int) -> SIMD4<Double> { SIMD4(p0[t], p1[t], p2[t], p3[t]) }
}

/// Four base pointers into one output, one per lane.
struct LaneOutput {
  let p0: UnsafeMutablePointer<Double>, p1: UnsafeMutablePointer<Double>
  let p2: UnsafeMutablePointer<Double>, p3: UnsafeMutablePointer<Double>

  init(_ base: UnsafeMutablePointer<Double>, _ lanes: Lanes) {
    // SAFETY: callers write offsets t < lanes.length, inside the output.
    p0 = base + lanes.starts[0]
    p1 = base + lanes.starts[1]
    p2 = base + lanes.starts[2]
    p3 = base + lanes.starts[3]
  }

  @inline(__always)
  func scatter(_ v: SIMD4<Double>, _ t: Int) {
    p0[t] = v[0]
    p1[t] = v[1]
    p2[t] = v[2]
    p3[t] = v[3]
  }

  /// Writes `count` lane vectors from `block` to offsets `t ..< t + count` of every lane.
  @inline(__always)
  func scatter(_ block: UnsafePointer<SIMD4<Double>>, at t: Int, count: Int) {
    for u in 0..<count {
      let v = block[u]
      p0[t + u] = v[0]
      p1[t + u] = v[1]
      p2[t + u] = v[2]
      p3[t + u] = v[3]
    }
  }
}

/// Calls `body(t, count, block)` over `0 ..< length` in steps of at most ``laneBlock`` bars;
/// `body` fills `block[0 ..< count]` with the lane vectors of bars `t ..< t + count`, which are
/// then written out. Computing into the block with whole-vector stores and scattering in a
/// second loop keeps the arithmetic in vector instructions: when every result lane goes
/// straight to its own store, the compiler splits divisions and square roots into scalar ones.
@inline(__always)
func inLaneBlocks(
  _ lanes: Lanes, _ out: LaneOutput, _ body: (Int, Int, UnsafeMutablePointer<SIMD4<Double>>) -> Void
) {
  withUnsafeTemporaryAllocation(of: SIMD4<Double>.self, capacity: laneBlock) { raw in
    guard let block = raw.baseAddress else { return }
    var t = 0
    while t < lanes.length {
      let count = Swift.min(laneBlock, lanes.length - t)
      body(t, count, block)
      out.scatter(block, at: t, count: count)
      t += count
    }
  }
}

/// Bars per block of ``inLaneBlocks(_:_:_:)`` (8 KB of lane vectors: stays in L1).
let laneBlock = 256

/// Bars a decaying recurrence s ← a·s + (new term) must run from an arbitrary start before its
/// start no longer shows: the smallest k with a^k < 2⁻¹⁰⁰ (≈ 8·10⁻³¹), so a lane started k
/// bars early from 0 equals the one long chain to far below rounding. `Int.max` when `a` is
/// 1 or more (no decay).
func warmUpBars(decay a: Double) -> Int {
  guard a > 0 else { return 1 }
  guard a < 1 else { return Int.max }
  let k = (-100.0 * M_LN2 / log(a)).rounded(.up)
  return k < 1e12 ? Int(k) + 1 : Int.max
}

/// TA-Lib's "is zero" (|v| < 1e-8), lane-wise.
@inline(__always)
func isZero4(_ v: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>> {
  abs4(v) .< SIMD4(repeating: 0.00000001)
}

/// |v| lane-wise (the sign bit cleared: one AND).
@inline(__always)
func abs4(_ v: SIMD4<Double>) -> SIMD4<Double> {
  // SAFETY: reinterprets four Doubles as their four 64-bit patterns and back.
  let bits = unsafeBitCast(v, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7FFF_FFFF_FFFF_FFFF)
  return unsafeBitCast(bits, to: SIMD4<Double>.self)
}

/// Lane-wise `a > b ? a : b` (one max instruction per pair of lanes; `pointwiseMax` handles
/// NaN in a way that compiles to branches).
@inline(__always)
func greater4(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
  SIMD4(a[0] > b[0] ? a[0] : b[0], a[1] > b[1] ? a[1] : b[1], a[2] > b[2] ? a[2] : b[2], a[3] > b[3] ? a[3] : b[3])
}

/// Lane-wise `a < b ? a : b`.
@inline(__always)
func lesser4(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
  SIMD4(a[0] < b[0] ? a[0] : b[0], a[1] < b[1] ? a[1] : b[1], a[2] < b[2] ? a[2] : b[2], a[3] < b[3] ? a[3] : b[3])
}

/// Lane-wise `mask ? yes : no` with bitwise operations. (`SIMD.replacing(with:where:)` can
/// compile to a branch per lane, which also splits a following division into scalar ones.)
@inline(__always)
func choose(_ mask: SIMDMask<SIMD4<Int64>>, _ yes: SIMD4<Double>, _ no: SIMD4<Double>) -> SIMD4<Double> {
  // SAFETY: a mask lane is all ones or all zeros in 64 bits, the width of a Double lane, and
  // the three types are four 64-bit lanes with the same layout.
  let m = unsafeBitCast(mask, to: SIMD4<UInt64>.self)
  let y = unsafeBitCast(yes, to: SIMD4<UInt64>.self)
  let n = unsafeBitCast(no, to: SIMD4<UInt64>.self)
  return unsafeBitCast((y & m) | (n & ~m), to: SIMD4<Double>.self)
}
