/// Why an entry could not be sized.
struct SizingProblem: Error {
  var reason: String
}

extension Engine {
  /// Units for an entry at `price` under the configured sizing (before the cash check).
  ///
  /// Commission per unit counts in `equity` mode so that the position and its commission fit
  /// in the budget: quantity = (fraction × available − fixed) / (price × (1 + percent) + perUnit).
  /// With `wholeUnits` the quantity is floored like Python's float `//` (backtesting.py parity).
  func size(symbol s: Int, price: Double, risk: Double, signalBar: Int) -> Result<Double, SizingProblem> {
    let whole = config.sizing.wholeUnits
    func units(_ numerator: Double, _ denominator: Double) -> Double {
      whole ? Arithmetic.floorDivide(numerator, denominator) : numerator / denominator
    }
    let commission = config.costs.commission
    switch config.sizing.mode {
    case let .units(n):
      return .success(whole ? n.rounded(.down) : n)
    case let .cash(amount):
      return .success(units(amount, price))
    case let .equity(fraction):
      let budget = available * fraction - commission.fixed
      return .success(units(budget, price * (1 + commission.percent) + commission.perUnit))
    case let .risk(fraction):
      if risk.isNaN { return .failure(SizingProblem(reason: "risk sizing needs a stop on the losing side of the entry")) }
      return .success(units(fraction * equity, risk))
    case let .volatility(target, period):
      let sigma = Volatility.returnDeviation(close: feeds[s].close, index: signalBar, period: period)
      if sigma.isNaN { return .failure(SizingProblem(reason: "volatility sizing needs \(period) returns before the signal bar")) }
      if sigma == 0 { return .failure(SizingProblem(reason: "volatility sizing: returns have zero deviation")) }
      return .success(units(target * equity / sigma, price))
    }
  }
}

/// Float arithmetic with the exact semantics peers use.
public enum Arithmetic {
  /// Python's `a // b` for floats (CPython's `float_floor_div`): the floor of the exact
  /// quotient computed through `fmod`, so that sizing in whole units agrees with
  /// backtesting.py bit for bit. NaN when `b` is 0.
  public static func floorDivide(_ a: Double, _ b: Double) -> Double {
    guard b != 0 else { return .nan }
    var mod = a.truncatingRemainder(dividingBy: b)
    var div = (a - mod) / b
    if mod != 0 {
      if (b < 0) != (mod < 0) {
        mod += b
        div -= 1
      }
    }
    if div != 0 {
      var floordiv = div.rounded(.down)
      if div - floordiv > 0.5 { floordiv += 1 }
      return floordiv
    }
    return (a / b).sign == .minus ? -0.0 : 0.0
  }
}
