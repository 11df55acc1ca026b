/// The running total of the last `size` values pushed, over a ring the caller provides (add
/// the value entering, subtract the one leaving), for kernels that
/// multiply by 1/size themselves instead of dividing: a division per bar and average is the
/// throughput limit of the fused stochastic loops (results differ from the division by at
/// most a unit in the last place).
struct RingTotal {
  private let ring: UnsafeMutablePointer<Double>
  private let size: Int
  private var total = 0.0
  private var count = 0
  private var slot = 0

  /// `ring` must hold `size` values and outlive this value.
  init(ring: UnsafeMutablePointer<Double>, size: Int) {
    self.ring = ring
    self.size = size
  }

  /// Adds `x`; returns the total of the last `size` values, or nil until that many were pushed.
  @inline(__always)
  mutating func push(_ x: Double) -> Double? {
    if count < size {
      total += x
      ring[count] = x
      count += 1
      return count < size ? nil : total
    }
    total += x - ring[slot]
    ring[slot] = x
    slot = slot + 1 == size ? 0 : slot + 1
    return total
  }
}
