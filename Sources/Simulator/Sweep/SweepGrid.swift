/// A bad sweep specification (grid text, random search, shard): the message names what was
/// expected and what came.
public struct SweepSpecError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// One swept parameter and the values it takes, in order.
public struct SweepAxis: Sendable, Equatable {
  public var name: String
  public var values: [SweepValue]

  public init(name: String, values: [SweepValue]) {
    self.name = name
    self.values = values
  }

  /// Parses `--grid` text: `name=a:b:step` (inclusive range; `a:b` steps by 1) or
  /// `name=v1,v2,...` (a list of integers, numbers, booleans or strings).
  ///
  /// Ranges whose three numbers are integers give integers. Otherwise the values are
  /// a + i·step for i = 0, 1, … while they do not pass b (with a tolerance of 1e-9 steps, so
  /// `0.1:0.3:0.1` ends at 0.3), each rounded to the most decimals written in a, b or step
  /// (so 0.1 + 2·0.1 is 0.3, not 0.30000000000000004). A descending range needs a negative
  /// step.
  public static func parse(_ text: String) throws(SweepSpecError) -> SweepAxis {
    guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
      throw SweepSpecError("--grid expects name=a:b:step or name=v1,v2,..., got \"\(text)\"")
    }
    let name = String(text[..<eq]).trimmingSpaces
    let body = String(text[text.index(after: eq)...]).trimmingSpaces
    guard !body.isEmpty else { throw SweepSpecError("--grid \(name): no values after '=' in \"\(text)\"") }
    if body.contains(":") && !body.contains(",") {
      return SweepAxis(name: name, values: try range(body, name: name))
    }
    let items = body.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    if let empty = items.firstIndex(where: \.isEmpty) {
      throw SweepSpecError("--grid \(name): value \(empty + 1) of \"\(body)\" is empty")
    }
    return SweepAxis(name: name, values: items.map(SweepValue.parse))
  }

  /// The values of `a:b:step` (see `parse`).
  public static func range(_ body: String, name: String) throws(SweepSpecError) -> [SweepValue] {
    let parts = body.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
    guard parts.count == 2 || parts.count == 3 else {
      throw SweepSpecError("--grid \(name): a range is a:b or a:b:step, got \"\(body)\"")
    }
    let texts = parts.count == 2 ? parts + ["1"] : parts
    var numbers: [Double] = []
    for (text, role) in zip(texts, ["start", "end", "step"]) {
      guard let x = Double(text), x.isFinite else {
        throw SweepSpecError("--grid \(name): the range's \(role) must be a number, got \"\(text)\" in \"\(body)\"")
      }
      numbers.append(x)
    }
    let (a, b, step) = (numbers[0], numbers[1], numbers[2])
    guard step != 0 else { throw SweepSpecError("--grid \(name): the step of \"\(body)\" is 0") }
    guard (b - a) * step >= 0 else {
      throw SweepSpecError(
        "--grid \(name): the step \(texts[2]) never reaches \(texts[1]) from \(texts[0]) (use a \(step > 0 ? "negative" : "positive") step)")
    }
    let steps = ((b - a) / step + 1e-9).rounded(.down)
    guard steps < 10_000_000 else { throw SweepSpecError("--grid \(name): \"\(body)\" has more than 10 million values") }
    let count = Int(steps) + 1
    if texts.allSatisfy({ Int($0) != nil }), let ia = Int(texts[0]), let istep = Int(texts[2]) {
      return (0..<count).map { .integer(ia + $0 * istep) }
    }
    let decimals = texts.map(Self.decimals).max() ?? 0
    let scale = pow10(decimals)
    return (0..<count).map { i in
      let raw = a + Double(i) * step
      return .number(decimals > 15 ? raw : (raw * scale).rounded() / scale)
    }
  }

  /// Digits after the decimal point as written (`2.50` → 2, `1e-3` → 3).
  static func decimals(_ text: String) -> Int {
    let lower = text.lowercased()
    var mantissa = Substring(lower)
    var exponent = 0
    if let e = lower.firstIndex(of: "e") {
      mantissa = lower[..<e]
      exponent = Int(lower[lower.index(after: e)...]) ?? 0
    }
    let fraction = mantissa.firstIndex(of: ".").map { mantissa.distance(from: $0, to: mantissa.endIndex) - 1 } ?? 0
    return max(0, fraction - exponent)
  }

  static func pow10(_ n: Int) -> Double {
    var x = 1.0
    for _ in 0..<n { x *= 10 }
    return x
  }
}

/// A parameter grid: the cartesian product of its axes, enumerated like nested loops in the
/// order the axes were given (the first axis slowest, the last fastest). Combination j
/// (0-based) has axis k's value at index (j / (product of the later axes' sizes)) mod size_k.
public struct SweepGrid: Sendable, Equatable {
  public var axes: [SweepAxis]

  public init(axes: [SweepAxis]) throws(SweepSpecError) {
    var seen: Set<String> = []
    for axis in axes {
      guard !axis.name.isEmpty else { throw SweepSpecError("--grid: a parameter name is empty") }
      guard seen.insert(axis.name).inserted else { throw SweepSpecError("--grid \(axis.name) is given twice") }
      guard !axis.values.isEmpty else { throw SweepSpecError("--grid \(axis.name) has no values") }
    }
    self.axes = axes
    guard count <= 100_000_000 else {
      throw SweepSpecError("the grid has more than 100 million combinations; narrow it or use --random N")
    }
  }

  /// Parses each `--grid` text.
  public init(parsing texts: [String]) throws(SweepSpecError) {
    guard !texts.isEmpty else { throw SweepSpecError("a sweep needs at least one --grid name=values") }
    var axes: [SweepAxis] = []
    for text in texts { axes.append(try SweepAxis.parse(text)) }
    try self.init(axes: axes)
  }

  public var names: [String] { axes.map(\.name) }

  /// The number of combinations (saturating, so huge grids are caught by the initialiser).
  public var count: Int {
    axes.reduce(1) { product, axis in
      let (value, overflow) = product.multipliedReportingOverflow(by: axis.values.count)
      return overflow ? Int.max : value
    }
  }

  /// Combination `j` (0 ≤ j < count): one value per axis, in axis order.
  public func combination(_ j: Int) -> [SweepValue] {
    var values = [SweepValue](repeating: .integer(0), count: axes.count)
    var rest = j
    for k in axes.indices.reversed() {
      let size = axes[k].values.count
      values[k] = axes[k].values[rest % size]
      rest /= size
    }
    return values
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first?.isWhitespace == true { s = s.dropFirst() }
    while s.last?.isWhitespace == true { s = s.dropLast() }
    return String(s)
  }
}
