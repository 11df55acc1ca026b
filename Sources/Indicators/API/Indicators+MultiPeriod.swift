extension Indicators {
  /// SMA at several periods from one pass over `x` (eight periods per pass); output `j` is
  /// `sma(x, period: periods[j])` exactly. NaN policy as everywhere (see ``Indicators``).
  public static func sma(_ x: [Double], periods: [Int]) throws(IndicatorError) -> [[Double]] {
    try lanes(x, periods, Kernel.smaLanes)
  }

  /// EMA at several periods from one pass over `x`; output `j` is `ema(x, period: periods[j])`
  /// exactly.
  public static func ema(_ x: [Double], periods: [Int]) throws(IndicatorError) -> [[Double]] {
    try lanes(x, periods, Kernel.emaLanes)
  }

  private static func lanes(_ x: [Double], _ periods: [Int], _ kernel: (Buf, [Out], [Int]) -> Void)
    throws(IndicatorError) -> [[Double]]
  {
    guard !periods.isEmpty else {
      throw .invalidParameter(name: "periods", expected: "a non-empty list of integers >= 1", got: "[]")
    }
    let spec = IndicatorParameter.period(30, min: 1)
    for p in periods { try spec.validate(Double(p)) }
    return x.withUnsafeBufferPointer { buffer in
      runSegmented([buffer], outputs: periods.count) { ins, outs in
        var start = 0
        while start < periods.count {
          let end = Swift.min(start + 8, periods.count)
          kernel(ins[0], Array(outs[start..<end]), Array(periods[start..<end]))
          start = end
        }
      }
    }
  }
}
