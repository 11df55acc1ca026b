import Foundation
import Testing

@testable import Indicators

/// The golden data written by scripts/fixtures/talib_golden.py.
struct GoldenFixtures: Sendable {
  struct Case: Decodable, Sendable {
    let function: String
    let kind: String
    let dataset: String
    let rows: Int
    let parameters: [Double]
    let outputs: [String]
    let offset: Int
    let count: Int
  }

  struct Dataset: Decodable, Sendable {
    let file: String
    let rows: Int
  }

  struct Index: Decodable, Sendable {
    let datasets: [String: Dataset]
    let cases: [Case]
  }

  let root: URL
  let index: Index
  /// dataset → column name → values
  let columns: [String: [String: [Double]]]

  static let shared: GoldenFixtures? = try? GoldenFixtures()

  /// The committed fixtures, or the directory named by `INDICATORS_FIXTURES` (written by
  /// scripts/parity from any CSV).
  init() throws {
    let base: URL
    if let dir = ProcessInfo.processInfo.environment["INDICATORS_FIXTURES"], !dir.isEmpty {
      base = URL(fileURLWithPath: dir)
    } else if let bundled = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") {
      base = bundled
    } else {
      throw CocoaError(.fileNoSuchFile)
    }
    root = base
    index = try JSONDecoder().decode(
      Index.self, from: Data(contentsOf: base.appendingPathComponent("talib/index.json")))
    var cols: [String: [String: [Double]]] = [:]
    for (name, d) in index.datasets {
      let all = try Self.readDoubles(base.appendingPathComponent(d.file))
      var m: [String: [Double]] = [:]
      for (j, c) in ["open", "high", "low", "close", "volume"].enumerated() {
        m[c] = Array(all[(j * d.rows)..<((j + 1) * d.rows)])
      }
      cols[name] = m
    }
    columns = cols
  }

  static func readDoubles(_ url: URL) throws -> [Double] {
    let data = try Data(contentsOf: url)
    return data.withUnsafeBytes { raw in
      (0..<(data.count / 8)).map {
        Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)))
      }
    }
  }

  /// Expected outputs of one case.
  func expected(_ c: Case) throws -> [[Double]] {
    let all = try Self.readDoubles(root.appendingPathComponent("talib/\(c.function).f64"))
    return (0..<c.outputs.count).map { j in
      Array(all[(c.offset + j * c.count)..<(c.offset + (j + 1) * c.count)])
    }
  }

  /// Inputs of a case in the descriptor's order (real → close, real0 → high, real1 → low).
  func inputs(_ c: Case, _ d: IndicatorDescriptor) -> [[Double]] {
    let cols = columns[c.dataset] ?? [:]
    return d.inputs.map { kind in
      let name: String
      switch kind {
      case .real: name = "close"
      case .real0: name = "high"
      case .real1: name = "low"
      default: name = kind.rawValue
      }
      return Array((cols[name] ?? []).prefix(c.rows))
    }
  }
}

/// Relative tolerance 1e-9, absolute near zero, NaN positions equal. "Near zero" is below a
/// thousandth of the series' largest magnitude or below 1e-4 × the inputs' magnitude
/// (`inputScale`): rounding error of any algorithm scales with the inputs, so e.g. a
/// regression slope of 3e-6 on prices of 1.1 is compared at 1e-9 × 1.1e-4 absolute
/// (TA-Lib's own slopes carry errors of that size).
/// Returns a description of the first mismatch, if any.
func firstMismatch(_ got: [Double], _ want: [Double], inputScale: Double = 0, tolerance: Double = 1e-9)
  -> String?
{
  guard got.count == want.count else { return "length \(got.count) vs \(want.count)" }
  let scale = Swift.max(
    want.reduce(0.0) { $1.isFinite ? Swift.max($0, abs($1)) : $0 } * 1e-3, inputScale * 1e-4)
  for i in 0..<want.count {
    let a = got[i], b = want[i]
    if a.isNaN || b.isNaN {
      if a.isNaN != b.isNaN { return "index \(i): got \(a), want \(b)" }
      continue
    }
    if abs(a - b) > tolerance * Swift.max(abs(b), scale) {
      return "index \(i): got \(a), want \(b) (diff \(abs(a - b)))"
    }
  }
  return nil
}
