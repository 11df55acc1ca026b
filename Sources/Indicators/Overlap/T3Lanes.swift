/// T3's six chained EMAs after their warm-up, as four chains in step.
///
/// Each EMA stage is a recurrence e ← k·input + m·e whose latency (a multiply then an add,
/// every bar, six stages deep) bounds the one-chain loop. Four stretches of the bars run
/// side by side instead: lanes 1–3 start from zero ``t3WarmUpBars(_:)`` bars before their
/// stretch, by which point the cascade has forgotten that start far below rounding (the
/// start's weight after j bars is at most C(j+5, 5)·m^j), so each lane takes the very state the
/// one chain would have; lane 0 starts from the true state.
struct T3Chains {
  var e1: Double, e2: Double, e3: Double, e4: Double, e5: Double, e6: Double
  let k: Double, m: Double
  let c1: Double, c2: Double, c3: Double, c4: Double

  /// Runs bars `from ..< end` of `x` into `out` and returns where the caller's one-chain loop
  /// continues (with `self` holding the state there), or `nil` when the input is too short for
  /// the lanes or a NaN reached them (the caller then runs the one chain from `from`, which
  /// gives NaN from the NaN's bar on, as TA-Lib does). `self` is unchanged on `nil`.
  mutating func runInLanes(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, from: Int, to end: Int)
    -> Int?
  {
    let warm = t3WarmUpBars(m)
    guard warm < Int.max / 8, let lanes = Lanes(from: from, to: end, minimum: 2 * warm) else { return nil }
    let kk = SIMD4<Double>(repeating: k), mm = SIMD4<Double>(repeating: m)
    var s1 = SIMD4<Double>(), s2 = s1, s3 = s1, s4 = s1, s5 = s1, s6 = s1
    @inline(__always) func step(_ v: SIMD4<Double>) {
      s1 = kk * v + mm * s1
      s2 = kk * s1 + mm * s2
      s3 = kk * s2 + mm * s3
      s4 = kk * s3 + mm * s4
      s5 = kk * s4 + mm * s5
      s6 = kk * s5 + mm * s6
    }
    let early = LaneInput(x, lanes.warmUp(warm))
    for t in 0..<warm { step(early.gather(t)) }
    (s1[0], s2[0], s3[0], s4[0], s5[0], s6[0]) = (e1, e2, e3, e4, e5, e6)
    let xs = LaneInput(x, lanes)
    let c1v = SIMD4<Double>(repeating: c1), c2v = SIMD4<Double>(repeating: c2)
    let c3v = SIMD4<Double>(repeating: c3), c4v = SIMD4<Double>(repeating: c4)
    inLaneBlocks(lanes, LaneOutput(out, lanes)) { t, count, block in
      for u in 0..<count {
        step(xs.gather(t + u))
        block[u] = c1v * s6 + c2v * s5 + c3v * s4 + c4v * s3
      }
    }
    // A NaN stays in the first stage of the lane it entered (or the lane after, through
    // the warm-up), so one NaN anywhere leaves some lane's first stage NaN.
    guard !(s1[0].isNaN || s1[1].isNaN || s1[2].isNaN || s1[3].isNaN) else { return nil }
    (e1, e2, e3, e4, e5, e6) = (s1[3], s2[3], s3[3], s4[3], s5[3], s6[3])
    return lanes.end
  }
}

/// Bars a lane of T3's cascade runs before its stretch: twice a single stage's
/// ``warmUpBars(decay:)`` plus 64, which bounds C(j+5, 5)·m^j below 2⁻¹⁰⁰ for every m < 1.
func t3WarmUpBars(_ m: Double) -> Int {
  let one = warmUpBars(decay: m)
  return one < Int.max / 8 ? 2 * one + 64 : Int.max
}
