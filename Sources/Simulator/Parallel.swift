import Dispatch

/// Per-symbol work spread over the machine's cores, with results in input order.
enum Parallel {
  /// `body(k)` for every k in 0..<count, concurrently when `parallel` and count > 1; the
  /// results come back in index order whatever the scheduling, so callers stay
  /// deterministic. `body` must only read shared state.
  static func map<T>(_ count: Int, parallel: Bool = true, _ body: @Sendable (Int) -> T) -> [T] {
    guard parallel && count > 1 else { return (0..<count).map(body) }
    let slots = Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { k in slots.set(k, body(k)) }
    return slots.values()
  }
}

/// Write-once result slots shared by the iterations of one `concurrentPerform`.
private final class Slots<T>: @unchecked Sendable {
  // SAFETY: iteration k writes only slot k, exactly once; the slots are read only after
  // `concurrentPerform` returned (which orders every write before the reads). The buffer is
  // freed in deinit after each written slot was moved out or deinitialized.
  private let buffer: UnsafeMutablePointer<T?>
  private let count: Int

  init(count: Int) {
    self.count = count
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil, count: count)
  }

  deinit {
    buffer.deinitialize(count: count)
    buffer.deallocate()
  }

  func set(_ k: Int, _ value: T) { buffer[k] = value }

  func values() -> [T] {
    (0..<count).compactMap { buffer[$0] }
  }
}
