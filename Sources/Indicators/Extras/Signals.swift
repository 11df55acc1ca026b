extension Indicators {
  /// `a` crosses above `b` on this bar: a[i] > b[i] and a[i−1] ≤ b[i−1]. False where any of
  /// the four values is NaN, and at bar 0.
  public static func crossover(_ a: [Double], _ b: [Double]) throws(IndicatorError) -> [Bool] {
    try cross(a, b, above: true)
  }

  /// `a` crosses below `b` on this bar: a[i] < b[i] and a[i−1] ≥ b[i−1]. False where any of
  /// the four values is NaN, and at bar 0.
  public static func crossunder(_ a: [Double], _ b: [Double]) throws(IndicatorError) -> [Bool] {
    try cross(a, b, above: false)
  }

  /// `a` crosses above the constant `level`.
  public static func crossover(_ a: [Double], level: Double) -> [Bool] {
    (try? cross(a, [Double](repeating: level, count: a.count), above: true)) ?? []
  }

  /// `a` crosses below the constant `level`.
  public static func crossunder(_ a: [Double], level: Double) -> [Bool] {
    (try? cross(a, [Double](repeating: level, count: a.count), above: false)) ?? []
  }

  private static func cross(_ a: [Double], _ b: [Double], above: Bool) throws(IndicatorError) -> [Bool] {
    guard a.count == b.count else { throw .lengthMismatch(name: "b", expected: a.count, got: b.count) }
    let n = a.count
    return [Bool](unsafeUninitializedCapacity: n) { out, initialized in
      if n > 0 { out[0] = false }
      var i = 1
      while i < n {
        let a0 = a[i - 1], b0 = b[i - 1], a1 = a[i], b1 = b[i]
        // NaN makes every comparison false, so gaps never cross.
        out[i] = above ? (a1 > b1 && a0 <= b0) : (a1 < b1 && a0 >= b0)
        i += 1
      }
      initialized = n
    }
  }

  /// Session-anchored VWAP: Σ(tp·volume)/Σvolume since the start of the bar's session,
  /// tp = (high + low + close)/3. Sessions are `session` nanoseconds long (default one UTC
  /// day) and start at `offset` nanoseconds past each multiple of `session` since the epoch
  /// (e.g. 13 h 30 min for a US cash session in UTC). NaN while the session's volume is 0
  /// and at bars with a NaN input (which do not break the session's sums).
  public static func vwap(
    time: [Int64], high: [Double], low: [Double], close: [Double],
    volume: [Double], session: Int64 = 86_400_000_000_000, offset: Int64 = 0
  )
    throws(IndicatorError) -> [Double]
  {
    let n = time.count
    for (name, c) in [
      ("high", high.count), ("low", low.count), ("close", close.count), ("volume", volume.count),
    ]
    where c != n {
      throw .lengthMismatch(name: name, expected: n, got: c)
    }
    guard session > 0 else {
      throw .invalidParameter(
        name: "session", expected: "a positive duration in nanoseconds", got: String(session))
    }
    return [Double](unsafeUninitializedCapacity: n) { out, initialized in
      var current = Int64.min
      var pv = 0.0, v = 0.0
      for i in 0..<n {
        let s = floorDiv(time[i] &- offset, session)
        if s != current {
          current = s
          pv = 0
          v = 0
        }
        let tp = (high[i] + low[i] + close[i]) / 3.0
        let vol = volume[i]
        if tp.isNaN || vol.isNaN {
          out[i] = .nan
        } else {
          pv += tp * vol
          v += vol
          out[i] = v != 0 ? pv / v : .nan
        }
      }
      initialized = n
    }
  }
}

@inline(__always)
private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
