extension Indicators {
  /// SMA at several periods from one pass over `x` (eight periods per pass); output `j` is
  /// `sma(x, period: periods[j])` exactly. NaN policy as everywhere (see ``Indicators``).
  public static func sma(_ x: [Double], periods: [Int]) throws(IndicatorError) -> [[Double]] {
    try lanes(x, periods) { x, outs, periods in Kernel.smaLanes(x, outs, periods) }
  }

  /// EMA at several periods from one pass over `x`; output `j` is `ema(x, period: periods[j])`
  /// exactly.
  public static func ema(_ x: [Double], periods: [Int]) throws(IndicatorError) -> [[Double]] {
    try lanes(x, periods) { x, outs, periods in Kernel.emaLanes(x, outs, periods) }
  }

  /// Runs `kernel` over groups of eight periods. A kernel that returns true saw no NaN, so
  /// the input is not scanned for gaps (see ``runOptimistic(_:outputs:_:)``).
  private static func lanes(_ x: [Double], _ periods: [Int], _ kernel: (Buf, [Out], [Int]) -> Bool)
    throws(IndicatorError) -> [[Double]]
  {
    guard !periods.isEmpty else {
      throw .invalidParameter(name: "periods", expected: "a non-empty list of integers >= 1", got: "[]")
    }
    let spec = IndicatorParameter.period(30, min: 1)
    for p in periods { try spec.validate(Double(p)) }
    return x.withUnsafeBufferPointer { buffer in
      runOptimistic([buffer], outputs: periods.count) { ins, outs in
        var start = 0
        var clean = true
        while start < periods.count {
          let end = Swift.min(start + 8, periods.count)
          if !kernel(ins[0], Array(outs[start..<end]), Array(periods[start..<end])) { clean = false }
          start = end
        }
        return clean
      }
    }
  }
}
