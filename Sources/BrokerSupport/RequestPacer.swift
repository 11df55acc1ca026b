import Foundation

/// Keeps requests under a broker's rate limit: at most `limit` in any sliding window of
/// `period` seconds. `wait()` blocks (real time) until one more request fits, then counts it.
/// `hold(until:)` pauses every request until a time the broker named (a 429's reset).
public final class RequestPacer: @unchecked Sendable {
  public let limit: Int
  public let period: Double
  private let lock = NSLock()
  private var sent: [Date] = []
  private var pausedUntil = Date.distantPast
  private let now: @Sendable () -> Date

  public init(limit: Int, period: Double, now: @escaping @Sendable () -> Date = { Date() }) {
    self.limit = max(1, limit)
    self.period = max(0, period)
    self.now = now
  }

  /// Blocks until a request fits in the window (and past any hold), then counts it. Returns
  /// the seconds it waited.
  @discardableResult
  public func wait() -> Double {
    var waited = 0.0
    while true {
      let delay: Double = lock.withLock {
        let t = now()
        if pausedUntil > t { return pausedUntil.timeIntervalSince(t) }
        sent.removeAll { t.timeIntervalSince($0) >= period }
        if sent.count < limit {
          sent.append(t)
          return 0
        }
        return max(0.001, period - t.timeIntervalSince(sent[0]))
      }
      if delay <= 0 { return waited }
      waited += delay
      Thread.sleep(forTimeInterval: delay)
    }
  }

  /// Lets no request through before `date`.
  public func hold(until date: Date) {
    lock.withLock { if date > pausedUntil { pausedUntil = date } }
  }
}
