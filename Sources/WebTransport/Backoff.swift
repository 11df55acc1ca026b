/// Reconnect delays: exponential from `base`, capped at `cap`, with "equal jitter" — the
/// delay of attempt n (from 0) is d/2 + U·d/2 with d = min(cap, base·2ⁿ) and U from `random`
/// in [0, 1), so reconnecting clients spread out but never wait less than half the step.
public struct Backoff: Sendable {
  /// Milliseconds of the first step.
  public var base: Int64
  /// Milliseconds no delay exceeds.
  public var cap: Int64
  /// Uniform numbers in [0, 1); injected so tests are reproducible.
  public var random: @Sendable () -> Double

  public init(
    base: Int64 = 500, cap: Int64 = 30_000,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  )
    throws(TransportError)
  {
    guard base > 0, cap >= base else {
      throw .configuration("backoff needs 0 < base <= cap (ms), got base \(base), cap \(cap)")
    }
    self.base = base
    self.cap = cap
    self.random = random
  }

  /// Bounds the caller has already checked (0 < base <= cap), with uniform jitter.
  public init(unchecked base: Int64, _ cap: Int64) {
    self.base = base
    self.cap = cap
    self.random = { Double.random(in: 0..<1) }
  }

  /// The delay before reconnect attempt `attempt` (0 for the first), in milliseconds.
  public func delay(attempt: Int) -> Int64 {
    let exponent = min(max(attempt, 0), 40)
    let step = min(Double(cap), Double(base) * Double(1 << UInt64(exponent)))
    let u = min(max(random(), 0), 1)
    return Int64((step / 2 + u * step / 2).rounded(.down))
  }
}
