/// Compact number text for previews: six significant digits, no trailing zeros, `nan` and
/// `inf` spelled as Lua prints them.
enum NumberFormatting {
  static func compact(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == 0 { return "0" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    let magnitude = abs(value)
    guard magnitude >= 1e-4 && magnitude < 1e15 else { return "\(value)" }
    var exponent = 0
    var scaled = magnitude
    while scaled >= 10 { scaled /= 10; exponent += 1 }
    while scaled < 1 { scaled *= 10; exponent -= 1 }
    let decimals = max(0, 5 - exponent)
    var power = 1.0
    for _ in 0..<decimals { power *= 10 }
    let rounded = (value * power).rounded() / power
    return "\(rounded)"
  }
}
