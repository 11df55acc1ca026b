import Foundation

/// Tick positions and labels for value axes.
public enum Ticks {
  /// Nice linear ticks covering [lo, hi]: steps of 1, 2, 2.5 or 5 × 10^k, at most `maxCount`
  /// ticks inside the range, every tick a multiple of the step. `decimals` is the number of
  /// fraction digits that shows each tick exactly. A degenerate range (lo == hi) is widened
  /// around its value; non-finite bounds give no ticks.
  public static func linear(
    _ lo: Double, _ hi: Double, maxCount: Int
  ) -> (values: [Double], step: Double, decimals: Int) {
    guard lo.isFinite, hi.isFinite, maxCount >= 1 else { return ([], 0, 0) }
    var a = min(lo, hi)
    var b = max(lo, hi)
    if b - a <= abs(a) * 1e-12 {
      let pad = a == 0 ? 1 : abs(a) * 0.01
      a -= pad
      b += pad
    }
    let raw = (b - a) / Double(max(1, maxCount))
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    var step = magnitude * 10
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] where magnitude * m >= raw {
      step = magnitude * m
      break
    }
    let first = (a / step).rounded(.up)
    let last = (b / step).rounded(.down)
    var values: [Double] = []
    if last >= first {
      var k = first
      while k <= last && values.count <= maxCount + 1 {
        let v = k * step
        values.append(abs(v) < step * 1e-9 ? 0 : v)
        k += 1
      }
    }
    return (values, step, decimals(forStep: step))
  }

  /// Fraction digits needed to show multiples of `step` exactly (0 for steps ≥ 1).
  public static func decimals(forStep step: Double) -> Int {
    guard step.isFinite, step > 0 else { return 0 }
    for d in 0...12 {
      let scaled = step * pow(10, Double(d))
      if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return d }
    }
    return 12
  }

  /// Ticks for a logarithmic axis over [lo, hi] (both > 0): powers of ten, then 1-2-5 or
  /// 1…9 multiples when the range spans few decades, at most about `maxCount` of them.
  public static func logarithmic(_ lo: Double, _ hi: Double, maxCount: Int) -> [Double] {
    guard lo > 0, hi > lo, lo.isFinite, hi.isFinite, maxCount >= 1 else { return [] }
    let d0 = Int(log10(lo).rounded(.down))
    let d1 = Int(log10(hi).rounded(.up))
    let decades = max(1, d1 - d0)
    if decades > maxCount {
      // Every k-th power of ten.
      let k = Int((Double(decades) / Double(maxCount)).rounded(.up))
      return stride(from: d0, through: d1, by: 1).filter { $0 % k == 0 }.map { pow(10, Double($0)) }
        .filter { $0 >= lo && $0 <= hi }
    }
    for multiples in [[1.0], [1.0, 2.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]].reversed() {
      var values: [Double] = []
      for d in d0...d1 {
        for m in multiples {
          let v = m * pow(10, Double(d))
          if v >= lo && v <= hi { values.append(v) }
        }
      }
      if values.count <= maxCount && values.count >= 2 { return values }
    }
    // Too narrow for 1-2-5 ticks: fall back to linear ticks inside the range.
    return linear(lo, hi, maxCount: maxCount).values.filter { $0 > 0 }
  }

  /// `value` with `decimals` fraction digits, a real minus sign (U+2212), and thousands
  /// separated by commas when the integer part has more than four digits.
  public static func format(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
    if abs(value) >= 1e15 { return String(format: "%.3g", value).replacingOccurrences(of: "-", with: "\u{2212}") }
    let d = max(0, min(12, decimals))
    var text = String(format: "%.\(d)f", abs(value))
    if text.allSatisfy({ $0 == "0" || $0 == "." }) {
      return text  // no "−0"
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    if let integer = parts.first, integer.count > 4 {
      var grouped = ""
      for (i, ch) in integer.enumerated() {
        if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
      }
      text = grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
    return value < 0 ? "\u{2212}" + text : text
  }

  /// Short form for large magnitudes (volume): 950, 1.2K, 34M, 5.6B.
  public static func compact(_ value: Double) -> String {
    guard value.isFinite else { return format(value, decimals: 0) }
    let a = abs(value)
    let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
    for (size, suffix) in units where a >= size {
      let scaled = value / size
      let digits = abs(scaled) >= 100 ? 0 : (abs(scaled) >= 10 ? 1 : 2)
      var text = format(scaled, decimals: digits)
      if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
      }
      return text + suffix
    }
    return format(value, decimals: a >= 100 || a == a.rounded() ? 0 : 2)
  }

  /// Decimals to quote a price: about five significant digits (2 for 130.25, 4 for 1.0853,
  /// 0 for 45000), never fewer than the axis tick labels use.
  public static func priceDecimals(_ price: Double, tickDecimals: Int) -> Int {
    guard price.isFinite, price != 0 else { return tickDecimals }
    let digits = 4 - Int(log10(abs(price)).rounded(.down))
    return max(tickDecimals, min(8, max(0, digits)))
  }
}
