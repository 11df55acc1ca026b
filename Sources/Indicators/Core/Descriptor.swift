/// What an indicator reads from its caller, in order.
public enum IndicatorInput: String, Sendable, CaseIterable {
  /// Any series (TA-Lib's `real`); the binding passes a Series.
  case real
  /// First and second series of a two-series function (BETA, CORREL).
  case real0, real1
  /// Columns of Bars.
  case open, high, low, close, volume
}

/// The family an indicator belongs to (TA-Lib's groups, plus `extra` for the ones beyond it).
public enum IndicatorGroup: String, Sendable, CaseIterable {
  case overlap = "Overlap Studies"
  case momentum = "Momentum Indicators"
  case volume = "Volume Indicators"
  case volatility = "Volatility Indicators"
  case price = "Price Transform"
  case statistics = "Statistic Functions"
  case math = "Math Operators"
  case cycle = "Cycle Indicators"
  case extra = "Beyond TA-Lib"
}

/// One parameter of an indicator: TA-Lib's name, kind, default and valid range.
public struct IndicatorParameter: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// A whole number (periods).
    case integer
    /// A real number (deviations, factors, accelerations).
    case real
    /// A moving-average type code, 0...8 (see ``MAType``).
    case maType
  }

  public let name: String
  public let kind: Kind
  public let defaultValue: Double
  public let minimum: Double
  public let maximum: Double

  public init(
    _ name: String, _ kind: Kind, default defaultValue: Double,
    min minimum: Double, max maximum: Double
  ) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.minimum = minimum
    self.maximum = maximum
  }

  /// A period: integer, default `d`, at least `min`, at most 100000 (TA-Lib's range).
  static func period(_ name: String, _ d: Int, min: Int) -> IndicatorParameter {
    IndicatorParameter(name, .integer, default: Double(d), min: Double(min), max: 100_000)
  }

  /// TA-Lib's `timeperiod`.
  static func period(_ d: Int, min: Int) -> IndicatorParameter {
    period("timeperiod", d, min: min)
  }

  /// A moving-average type code, default SMA unless given.
  static func maType(_ name: String = "matype", _ d: MAType = .sma) -> IndicatorParameter {
    IndicatorParameter(name, .maType, default: Double(d.rawValue), min: 0, max: 8)
  }

  /// A real number in `min...max`.
  static func real(_ name: String, _ d: Double, min: Double = -3e37, max: Double = 3e37)
    -> IndicatorParameter
  {
    IndicatorParameter(name, .real, default: d, min: min, max: max)
  }

  /// What the parameter accepts, in words: "an integer >= 2", "a number in [0, 1]".
  public var expectation: String {
    switch kind {
    case .maType:
      return "an MA type in 0...8 (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, 6 KAMA, 7 MAMA, 8 T3)"
    case .integer:
      return maximum >= 100_000
        ? "an integer >= \(describe(minimum))" : "an integer in \(describe(minimum))...\(describe(maximum))"
    case .real:
      if minimum <= -3e37 && maximum >= 3e37 { return "a finite number" }
      if maximum >= 3e37 { return "a number >= \(describe(minimum))" }
      return "a number in [\(describe(minimum)), \(describe(maximum))]"
    }
  }

  /// Checks `value` against kind and range.
  public func validate(_ value: Double) throws(IndicatorError) {
    let whole = kind != .real
    guard value.isFinite, !whole || value == value.rounded(), value >= minimum, value <= maximum else {
      throw .invalidParameter(name: name, expected: expectation, got: describe(value))
    }
  }
}

/// A catalogue entry: everything a binding or the documentation needs to call and describe an
/// indicator generically.
public struct IndicatorDescriptor: Sendable {
  /// TA-Lib's name in lowercase (`"sma"`, `"bbands"`); the Lua name is `ta.<name>`.
  public let name: String
  public let group: IndicatorGroup
  /// Human title, e.g. "Simple Moving Average".
  public let title: String
  /// One-line formula and source note.
  public let formula: String
  public let inputs: [IndicatorInput]
  /// Parameters in TA-Lib's order.
  public let parameters: [IndicatorParameter]
  /// Output names in TA-Lib's order.
  public let outputs: [String]
  let lookbackBody: @Sendable ([Double]) -> Int
  let body: @Sendable ([Buf], [Double]) -> [[Double]]

  init(
    _ name: String, _ group: IndicatorGroup, _ title: String, formula: String,
    inputs: [IndicatorInput], parameters: [IndicatorParameter] = [], outputs: [String] = ["real"],
    lookback: @escaping @Sendable ([Double]) -> Int,
    body: @escaping @Sendable ([Buf], [Double]) -> [[Double]]
  ) {
    self.name = name
    self.group = group
    self.title = title
    self.formula = formula
    self.inputs = inputs
    self.parameters = parameters
    self.outputs = outputs
    self.lookbackBody = lookback
    self.body = body
  }

  /// The full parameter list: `given` positionally, defaults for the rest, each validated.
  public func resolve(_ given: [Double]) throws(IndicatorError) -> [Double] {
    try resolve(optional: given.map { Optional($0) })
  }

  /// ``resolve(_:)`` where `nil` also means "TA-Lib's default" (a Lua `nil` argument).
  public func resolve(optional given: [Double?]) throws(IndicatorError) -> [Double] {
    guard given.count <= parameters.count else {
      throw .wrongArity(
        what: "parameters for \(name)", expected: parameters.count, got: given.count)
    }
    var values: [Double] = []
    values.reserveCapacity(parameters.count)
    for (i, p) in parameters.enumerated() {
      let v = (i < given.count ? given[i] : nil) ?? p.defaultValue
      try p.validate(v)
      values.append(v)
    }
    return values
  }

  /// Number of leading NaN outputs on a gap-free input (TA-Lib's lookback).
  public func lookback(_ parameters: [Double] = []) throws(IndicatorError) -> Int {
    lookbackBody(try resolve(parameters))
  }

  /// Computes the outputs (TA-Lib's order, each as long as the inputs) from input buffers.
  ///
  /// `gapFree: true` is a promise that no input holds NaN (e.g. Bars columns, which loading
  /// validates as finite): it skips the scan for gaps, one read of every input. If the promise
  /// is broken nothing unsafe happens, but NaNs then flow through the arithmetic as in TA-Lib
  /// instead of following the NaN policy of ``Indicators``.
  public func compute(
    buffers: [UnsafeBufferPointer<Double>], _ parameters: [Double] = [],
    gapFree: Bool = false
  ) throws(IndicatorError) -> [[Double]] {
    try compute(buffers: buffers, optional: parameters.map { Optional($0) }, gapFree: gapFree)
  }

  /// ``compute(buffers:_:gapFree:)`` where a `nil` parameter takes TA-Lib's default (for
  /// bindings: `ta.bbands(s, 20, nil, 1.5)`).
  public func compute(
    buffers: [UnsafeBufferPointer<Double>], optional parameters: [Double?],
    gapFree: Bool = false
  ) throws(IndicatorError) -> [[Double]] {
    guard buffers.count == inputs.count else {
      throw .wrongArity(what: "inputs for \(name)", expected: inputs.count, got: buffers.count)
    }
    let n = buffers.first?.count ?? 0
    for (i, b) in buffers.enumerated() where b.count != n {
      throw .lengthMismatch(name: inputs[i].rawValue, expected: n, got: b.count)
    }
    let values = try resolve(optional: parameters)
    if gapFree { return GapScan.$skip.withValue(true) { body(buffers, values) } }
    return body(buffers, values)
  }

  /// Computes the outputs from arrays (see ``compute(buffers:_:gapFree:)``).
  public func compute(_ inputs: [[Double]], _ parameters: [Double] = [], gapFree: Bool = false)
    throws(IndicatorError) -> [[Double]]
  {
    try withBuffers(inputs) { (b: [Buf]) throws(IndicatorError) -> [[Double]] in
      try compute(buffers: b, parameters, gapFree: gapFree)
    }
  }
}

extension Indicators {
  /// The descriptor of `name` (TA-Lib's name, any case).
  public static func descriptor(named name: String) throws(IndicatorError) -> IndicatorDescriptor {
    let key = name.lowercased()
    guard let d = catalogByName[key] else { throw .unknownIndicator(name) }
    return d
  }

  static let catalogByName: [String: IndicatorDescriptor] = {
    var map: [String: IndicatorDescriptor] = [:]
    for d in catalog { map[d.name] = d }
    return map
  }()
}

extension Array where Element == Double {
  /// Parameter `i` as an Int (parameters are validated before kernels run).
  @inline(__always)
  func int(_ i: Int) -> Int { Int(self[i]) }
}
