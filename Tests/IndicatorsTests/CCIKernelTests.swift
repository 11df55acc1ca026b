import Testing

@testable import Indicators

/// CCI by its definition, one window at a time (TA-Lib's formula): mean and mean absolute
/// deviation of the window's typical prices; 0 when the numerator or the deviation is 0.
private func referenceCCI(_ h: [Double], _ l: [Double], _ c: [Double], _ p: Int) -> [Double] {
  let n = c.count
  var out = [Double](repeating: .nan, count: n)
  guard n >= p else { return out }
  let tp = (0..<n).map { (h[$0] + l[$0] + c[$0]) / 3.0 }
  for i in (p - 1)..<n {
    let window = tp[(i - p + 1)...i]
    let avg = window.reduce(0, +) / Double(p)
    let dev = window.reduce(0) { $0 + abs($1 - avg) } / Double(p)
    let num = tp[i] - avg
    out[i] = (num != 0 && dev != 0) ? num / (0.015 * dev) : 0
  }
  return out
}

/// Deterministic bars: a random walk near 100 with high ≥ close ≥ low.
private func bars(_ n: Int, seed: UInt64) -> (h: [Double], l: [Double], c: [Double]) {
  var state = seed
  func next() -> Double {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Double(state >> 11) / Double(1 << 53)
  }
  var price = 100.0
  var h = [Double](), l = [Double](), c = [Double]()
  for _ in 0..<n {
    price += next() - 0.5
    let spread = next()
    c.append(price)
    h.append(price + spread * next())
    l.append(price - spread * next())
  }
  return (h, l, c)
}

/// Runs the kernel into a fresh buffer; returns the output and the kernel's "no NaN seen".
private func kernelCCI(_ h: [Double], _ l: [Double], _ c: [Double], _ p: Int) -> ([Double], Bool) {
  var clean = false
  let out = [Double](unsafeUninitializedCapacity: c.count) { buffer, initialized in
    h.withUnsafeBufferPointer { hb in
      l.withUnsafeBufferPointer { lb in
        c.withUnsafeBufferPointer { cb in clean = Kernel.cci(hb, lb, cb, buffer, p) }
      }
    }
    initialized = c.count
  }
  return (out, clean)
}

private func agrees(_ a: [Double], _ b: [Double]) -> Bool {
  guard a.count == b.count else { return false }
  for (x, y) in zip(a, b) {
    if x.isNaN || y.isNaN {
      if !(x.isNaN && y.isNaN) { return false }
    } else if abs(x - y) > 1e-9 * Swift.max(abs(x), abs(y), 1e-3) {
      return false
    }
  }
  return true
}

@Suite struct CCIKernelTests {
  /// Odd and even periods (pair sums with and without a last single value), period 1, and
  /// lengths around the lookback and around the block edges of the typical-price buffer.
  @Test(arguments: [1, 2, 3, 5, 8, 13, 14, 20, 31])
  func matchesDefinition(period p: Int) {
    let block = Kernel.cciBlock
    let lengths = [0, 1, p - 1, p, p + 1, p + 2, p + 3, p + 4, p + 5,
                   block + p - 2, block + p - 1, block + p, block + p + 1, 2 * block + p + 3]
    let (h, l, c) = bars(2 * block + p + 3, seed: UInt64(p))
    for n in Set(lengths) where n >= 0 {
      let (got, clean) = kernelCCI(Array(h[..<n]), Array(l[..<n]), Array(c[..<n]), p)
      let want = referenceCCI(Array(h[..<n]), Array(l[..<n]), Array(c[..<n]), p)
      #expect(agrees(got, want), "period \(p), length \(n)")
      #expect(clean == (n >= p), "period \(p), length \(n)")
    }
  }

  /// A NaN at the start, in the middle (inside a later block) and at the end: the windows that
  /// hold it are NaN, the others are exact, and the kernel reports it.
  @Test(arguments: [0, 5000, 9199])
  func nanGap(at position: Int) {
    let p = 14
    var (h, l, c) = bars(9200, seed: 99)
    c[position] = .nan
    let (got, clean) = kernelCCI(h, l, c, p)
    #expect(agrees(got, referenceCCI(h, l, c, p)))
    #expect(!clean)
    let hit = (position..<Swift.min(position + p, c.count)).filter { $0 >= p - 1 }
    let holed = hit.allSatisfy { got[$0].isNaN }
    #expect(holed)
    if position + p < c.count { #expect(!got[position + p].isNaN) }
  }

  /// A constant series has zero deviation everywhere: CCI is 0 after the lookback.
  @Test func constantIsZero() {
    let x = [Double](repeating: 42, count: 100)
    let (got, _) = kernelCCI(x, x, x, 14)
    let head = got[..<13].allSatisfy(\.isNaN)
    let zeros = got[13...].allSatisfy { $0 == 0 }
    #expect(head)
    #expect(zeros)
  }
}
