/// A growable column on manually managed memory, for the parse loop: appending is a store
/// and a compare, with no uniqueness check. The owner copies the values out and calls
/// `release()` once.
struct RawColumn<Element: BitwiseCopyable> {
  private(set) var base: UnsafeMutablePointer<Element>
  private var released = false
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int) {
    self.capacity = Swift.max(16, capacity)
    base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
  }

  @inline(__always)
  mutating func append(_ value: Element) {
    if count == capacity { grow() }
    // SAFETY: count < capacity here, so the slot lies inside the allocation.
    (base + count).initialize(to: value)
    count += 1
  }

  private mutating func grow() {
    let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
    larger.update(from: base, count: count)
    base.deallocate()
    base = larger
    capacity *= 2
  }

  /// Frees the storage; the column is unusable afterwards. Safe to call twice.
  mutating func release() {
    guard !released else { return }
    // SAFETY: `base` was allocated by this column and is freed exactly once (guarded above).
    base.deallocate()
    released = true
    count = 0
  }
}
