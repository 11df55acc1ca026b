/// TA-Lib's moving-average types, by their codes in `matype` parameters.
public enum MAType: Int, Sendable, CaseIterable {
  case sma = 0, ema, wma, dema, tema, trima, kama, mama, t3

  /// The lowercase name ("sma", "ema", …, "t3"), for bindings that accept names.
  public var name: String { String(describing: self) }

  /// The type named `name` (any case), nil for an unknown name.
  public init?(name: String) {
    guard let t = MAType.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
    self = t
  }

  /// Leading NaN outputs of this average at `period` (TA-Lib's lookback; period 1 is a copy).
  public func lookback(_ period: Int) -> Int {
    if period <= 1 { return 0 }
    switch self {
    case .sma, .wma, .trima, .ema: return period - 1
    case .dema: return 2 * (period - 1)
    case .tema: return 3 * (period - 1)
    case .kama: return period
    case .mama: return 32
    case .t3: return 6 * (period - 1)
    }
  }
}

extension Kernel {
  /// TA-Lib's MA: the average of type `type` over `period`; period 1 copies the input.
  /// MAMA ignores the period (fast limit 0.5, slow limit 0.05) and returns its MAMA line;
  /// T3 uses volume factor 0.7. `phase` is the absolute index of `x[0]` (MAMA alternates its
  /// even/odd Hilbert state by absolute bar index, as TA-Lib does). Returns whether no input
  /// was NaN, as the kernel of `type` reports it (`false`, unknown, for MAMA and period 1).
  @discardableResult
  static func ma(_ x: Buf, _ out: Out, _ period: Int, _ type: MAType, phase: Int = 0) -> Bool {
    if period <= 1 {
      for i in 0..<x.count { out[i] = x[i] }
      return false
    }
    switch type {
    case .sma: return sma(x, out, period)
    case .ema: return ema(x, out, period)
    case .wma: return wma(x, out, period)
    case .dema: return dema(x, out, period)
    case .tema: return tema(x, out, period)
    case .trima: return trima(x, out, period)
    case .kama: return kama(x, out, period)
    case .mama:
      withScratch(x.count) { fama in mama(x, out, fama, fast: 0.5, slow: 0.05, phase: phase) }
      return false
    case .t3: return t3(x, out, period, vfactor: 0.7)
    }
  }

  /// The MA of `x[start...]` written to `out[start...]`, NaN before `start`: TA-Lib's
  /// behaviour when a function calls TA_MA with a later start index (the average sees only
  /// the data from there on).
  static func ma(_ x: Buf, _ out: Out, _ period: Int, _ type: MAType, from start: Int) {
    out.fillNaN(upTo: start)
    guard start < x.count else { return }
    ma(x.from(start), out.from(start), period, type, phase: start)
  }
}

/// Namespace of the internal kernels. Every kernel takes inputs and outputs of one length and
/// writes every output element (NaN through its lookback). Kernels assume gap-free input.
enum Kernel {}
