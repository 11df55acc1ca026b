/// The rate-of-change family: one formula of the value and the value `p` bars ago.
enum ChangeKind {
  /// MOM: x − prev.
  case momentum
  /// ROC: (x / prev − 1) · 100.
  case roc
  /// ROCP: (x − prev) / prev.
  case rocp
  /// ROCR: x / prev.
  case rocr
  /// ROCR100: x / prev · 100.
  case rocr100
}

extension Kernel {
  /// MOM/ROC/ROCP/ROCR/ROCR100 over `p` bars; the ratio forms give 0 when prev is 0 (TA-Lib).
  /// Lookback p. One pass with no loop-carried state, four lanes at a time. Returns whether
  /// no input value was NaN (a running sum of the inputs, for ``runOptimistic``).
  @discardableResult
  static func change(_ x: Buf, _ out: Out, _ p: Int, _ kind: ChangeKind) -> Bool {
    let n = x.count
    out.fillNaN(upTo: p)
    guard n > p, let src = x.baseAddress, let dst = out.baseAddress else { return false }
    var head = 0.0
    for i in 0..<p { head += src[i] }
    let cur = src + p
    let dest = dst + p
    let m = n - p
    var acc = SIMD4<Double>()
    var i = 0
    @inline(__always) func one(_ c: Double, _ prev: Double) -> Double {
      switch kind {
      case .momentum: return c - prev
      case .roc: return prev != 0.0 ? ((c / prev) - 1.0) * 100.0 : 0.0
      case .rocp: return prev != 0.0 ? (c - prev) / prev : 0.0
      case .rocr: return prev != 0.0 ? c / prev : 0.0
      case .rocr100: return prev != 0.0 ? (c / prev) * 100.0 : 0.0
      }
    }
    @inline(__always) func loop(_ f: (SIMD4<Double>, SIMD4<Double>) -> SIMD4<Double>) {
      while i + 4 <= m {
        let c = load4(cur, i), prev = load4(src, i)
        acc += c
        store4(f(c, prev), dest, i)
        i += 4
      }
    }
    let zero = SIMD4<Double>(repeating: 0)
    switch kind {
    case .momentum: loop { c, prev in c - prev }
    case .roc: loop { c, prev in (((c / prev) - 1.0) * 100.0).replacing(with: 0, where: prev .== zero) }
    case .rocp: loop { c, prev in ((c - prev) / prev).replacing(with: 0, where: prev .== zero) }
    case .rocr: loop { c, prev in (c / prev).replacing(with: 0, where: prev .== zero) }
    case .rocr100: loop { c, prev in ((c / prev) * 100.0).replacing(with: 0, where: prev .== zero) }
    }
    var tail = 0.0
    while i < m {
      tail += cur[i]
      dest[i] = one(cur[i], src[i])
      i += 1
    }
    return !(acc.sum() + head + tail).isNaN
  }
}
