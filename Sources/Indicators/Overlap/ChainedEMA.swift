extension Kernel {
  /// EMA(EMA(…)) with `stages` (1…3) levels in one pass and no scratch memory. Stage s starts
  /// at bar s·(p − 1), seeded by the mean of its first `p` inputs (the previous stage's first
  /// `p` values), then e = e·(1 − k) + input·k — the arithmetic of ``emaK(_:_:_:_:)`` per stage.
  /// `emit(i, e1, e2, e3)` is called for every bar from stages·(p − 1) on. Returns whether no
  /// input was NaN (every input enters the first stage, where a NaN stays).
  @inline(__always) @discardableResult
  static func chainedEMA(
    _ x: Buf, _ p: Int, stages: Int, k: Double,
    _ emit: (Int, Double, Double, Double) -> Void
  ) -> Bool {
    let n = x.count
    let lb = p - 1
    let m = 1.0 - k
    let dp = Double(p)
    guard n > stages * lb, let src = x.baseAddress else { return false }
    var e1 = 0.0, e2 = 0.0, e3 = 0.0
    var seed1 = 0.0, seed2 = 0.0, seed3 = 0.0
    let warm = stages * lb
    // Warm-up: each stage sums its seed, then runs.
    for i in 0...warm {
      let v = src[i]
      if i < lb {
        seed1 += v
        continue
      }
      if i == lb {
        seed1 += v
        e1 = seed1 / dp
      } else {
        e1 = e1 * m + v * k
      }
      guard stages >= 2 else { continue }
      if i < 2 * lb {
        seed2 += e1
        continue
      }
      if i == 2 * lb {
        seed2 += e1
        e2 = seed2 / dp
      } else {
        e2 = e2 * m + e1 * k
      }
      guard stages >= 3 else { continue }
      if i < 3 * lb {
        seed3 += e2
        continue
      }
      if i == 3 * lb {
        seed3 += e2
        e3 = seed3 / dp
      } else {
        e3 = e3 * m + e2 * k
      }
    }
    emit(warm, e1, e2, e3)
    var i = warm + 1
    switch stages {
    case 1:
      while i < n {
        e1 = e1 * m + src[i] * k
        emit(i, e1, 0, 0)
        i += 1
      }
    case 2:
      while i < n {
        e1 = e1 * m + src[i] * k
        e2 = e2 * m + e1 * k
        emit(i, e1, e2, 0)
        i += 1
      }
    default:
      while i < n {
        e1 = e1 * m + src[i] * k
        e2 = e2 * m + e1 * k
        e3 = e3 * m + e2 * k
        emit(i, e1, e2, e3)
        i += 1
      }
    }
    return !e1.isNaN
  }

  /// DEMA = 2·EMA − EMA(EMA) in one pass; lookback 2(p − 1).
  @discardableResult
  static func dema(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    out.fillNaN(upTo: 2 * (p - 1))
    let k = 2.0 / (Double(p) + 1.0)
    return chainedEMA(x, p, stages: 2, k: k) { i, e1, e2, _ in out[i] = (2.0 * e1) - e2 }
  }

  /// TEMA = 3·EMA − 3·EMA(EMA) + EMA(EMA(EMA)) in one pass; lookback 3(p − 1).
  @discardableResult
  static func tema(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    out.fillNaN(upTo: 3 * (p - 1))
    let k = 2.0 / (Double(p) + 1.0)
    return chainedEMA(x, p, stages: 3, k: k) { i, e1, e2, e3 in out[i] = e3 + ((3.0 * e1) - (3.0 * e2)) }
  }

  /// TRIX = 1-bar rate of change (percent) of EMA(EMA(EMA(x))), one pass; lookback 3(p − 1) + 1.
  @discardableResult
  static func trix(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    let lb = 3 * (p - 1)
    out.fillNaN(upTo: lb + 1)
    let k = 2.0 / (Double(p) + 1.0)
    var prev = 0.0
    return chainedEMA(x, p, stages: 3, k: k) { i, _, _, e3 in
      if i > lb { out[i] = prev != 0.0 ? ((e3 / prev) - 1.0) * 100.0 : 0.0 }
      prev = e3
    }
  }
}
