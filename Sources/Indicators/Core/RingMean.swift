/// The mean of the last `size` values pushed, kept as a running sum over a ring the caller
/// provides: add the value entering, subtract the one leaving — the arithmetic of
/// ``Kernel/sma(_:_:_:)``, so fused kernels give the same bits as separate SMA passes.
struct RingMean {
  private let ring: UnsafeMutablePointer<Double>
  private let size: Int
  private let divisor: Double
  private var total = 0.0
  private var count = 0
  private var slot = 0

  /// `ring` must hold `size` values and outlive this value.
  init(ring: UnsafeMutablePointer<Double>, size: Int) {
    self.ring = ring
    self.size = size
    self.divisor = Double(size)
  }

  /// Adds `x`; returns the mean of the last `size` values, or nil until that many were pushed.
  @inline(__always)
  mutating func push(_ x: Double) -> Double? {
    if count < size {
      total += x
      ring[count] = x
      count += 1
      return count < size ? nil : total / divisor
    }
    total += x - ring[slot]
    ring[slot] = x
    slot = slot + 1 == size ? 0 : slot + 1
    return total / divisor
  }
}
