import Foundation

/// Return-based metrics of an equity curve, with quantstats' definitions.
///
/// Returns are simple period returns of the curve: r_t = E_t / E_{t−1} − 1 for t = 1…n−1
/// (the first point has none). `periodsPerYear` annualises (252 for daily bars; see
/// `PeriodsPerYear`). Results are NaN when undefined (fewer than two returns, zero
/// deviation, a non-positive equity).
public enum RiskMetrics {
  /// The n − 1 simple returns of `equity`.
  public static func returns(_ equity: [Double]) -> [Double] {
    guard equity.count > 1 else { return [] }
    return (1..<equity.count).map { equity[$0] / equity[$0 - 1] - 1 }
  }

  /// mean(r) / std(r) × √periodsPerYear, with the sample deviation (n − 1).
  public static func sharpe(_ returns: [Double], periodsPerYear: Double) -> Double {
    let n = Double(returns.count)
    guard returns.count > 1 else { return .nan }
    let mean = returns.reduce(0, +) / n
    var squares = 0.0
    for r in returns { squares += (r - mean) * (r - mean) }
    let deviation = (squares / (n - 1)).squareRoot()
    return deviation > 0 ? mean / deviation * periodsPerYear.squareRoot() : .nan
  }

  /// mean(r) / √(Σ_{r<0} r² / n) × √periodsPerYear: downside deviation over all n returns
  /// (Red Rock Capital's definition, as quantstats).
  public static func sortino(_ returns: [Double], periodsPerYear: Double) -> Double {
    guard !returns.isEmpty else { return .nan }
    let n = Double(returns.count)
    let mean = returns.reduce(0, +) / n
    var downside = 0.0
    for r in returns where r < 0 { downside += r * r }
    let deviation = (downside / n).squareRoot()
    return deviation > 0 ? mean / deviation * periodsPerYear.squareRoot() : .nan
  }

  /// Drawdown at each point as a fraction ≤ 0: E_t / max_{s≤t} E_s − 1.
  public static func drawdowns(_ equity: [Double]) -> [Double] {
    var peak = -Double.infinity
    return equity.map { value in
      peak = max(peak, value)
      return peak > 0 ? value / peak - 1 : 0
    }
  }

  /// The deepest drawdown as a fraction ≤ 0 (0 for a curve that never falls).
  public static func maxDrawdown(_ equity: [Double]) -> Double {
    drawdowns(equity).min() ?? 0
  }

  /// Compound annual growth: (E_last / E_first)^(periodsPerYear / (n − 1)) − 1, the years
  /// being the number of returns over periodsPerYear (quantstats' convention).
  public static func cagr(_ equity: [Double], periodsPerYear: Double) -> Double {
    guard equity.count > 1, let first = equity.first, let last = equity.last, first > 0 else { return .nan }
    let growth = last / first
    guard growth >= 0 else { return .nan }
    return pow(growth, periodsPerYear / Double(equity.count - 1)) - 1
  }

  /// CAGR over the magnitude of the maximum drawdown (both fractions); NaN without drawdown.
  public static func calmar(_ equity: [Double], periodsPerYear: Double) -> Double {
    let drawdown = maxDrawdown(equity)
    return drawdown < 0 ? cagr(equity, periodsPerYear: periodsPerYear) / -drawdown : .nan
  }
}
