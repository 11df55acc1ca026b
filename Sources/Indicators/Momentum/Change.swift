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
  /// Lookback p. One pass with no loop-carried state, so it vectorises.
  static func change(_ x: Buf, _ out: Out, _ p: Int, _ kind: ChangeKind) {
    let n = x.count
    out.fillNaN(upTo: p)
    guard n > p, let src = x.baseAddress, let dst = out.baseAddress else { return }
    let cur = src + p
    let dest = dst + p
    let m = n - p
    switch kind {
    case .momentum:
      for i in 0..<m { dest[i] = cur[i] - src[i] }
    case .roc:
      for i in 0..<m {
        let prev = src[i]
        dest[i] = prev != 0.0 ? ((cur[i] / prev) - 1.0) * 100.0 : 0.0
      }
    case .rocp:
      for i in 0..<m {
        let prev = src[i]
        dest[i] = prev != 0.0 ? (cur[i] - prev) / prev : 0.0
      }
    case .rocr:
      for i in 0..<m {
        let prev = src[i]
        dest[i] = prev != 0.0 ? cur[i] / prev : 0.0
      }
    case .rocr100:
      for i in 0..<m {
        let prev = src[i]
        dest[i] = prev != 0.0 ? (cur[i] / prev) * 100.0 : 0.0
      }
    }
  }
}
