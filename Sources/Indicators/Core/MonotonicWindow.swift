/// Sliding-window extreme in O(1) amortised per bar: a monotonic deque of indices in a ring.
///
/// `push` keeps earlier indices on ties unless told otherwise, so `front` is the earliest
/// index holding the window's extreme. Memory: one ring of `period + 1` Ints.
struct MonotonicWindow: ~Copyable {
  private let ring: UnsafeMutablePointer<Int>
  private let mask: Int
  private var head = 0
  private var tail = 0
  /// true: tracks the maximum; false: the minimum.
  let isMax: Bool

  init(period: Int, isMax: Bool) {
    var capacity = 1
    while capacity < period + 1 { capacity <<= 1 }
    ring = .allocate(capacity: capacity)
    mask = capacity - 1
    self.isMax = isMax
  }

  deinit { ring.deallocate() }

  @inline(__always)
  private func beats(_ a: Double, _ b: Double) -> Bool { isMax ? a > b : a < b }

  /// Adds bar `i`. With `replaceTies`, a value equal to the current extreme becomes the new
  /// front (TA-Lib's incremental rule); otherwise equal values queue behind older ones.
  /// With `latestOnTies`, equal values evict older ones, so `front` is the latest index of
  /// the extreme (AROON's rule).
  @inline(__always)
  mutating func push(_ i: Int, _ x: Buf, replaceTies: Bool = false, latestOnTies: Bool = false) {
    let v = x[i]
    if latestOnTies {
      while tail > head, !beats(x[ring[(tail - 1) & mask]], v) { tail -= 1 }
    } else if replaceTies, tail > head, !beats(x[ring[head & mask]], v) {
      head = tail
    } else {
      while tail > head, beats(v, x[ring[(tail - 1) & mask]]) { tail -= 1 }
    }
    ring[tail & mask] = i
    tail += 1
  }

  /// Drops indices before `start` (the window's first bar).
  @inline(__always)
  mutating func expire(before start: Int) {
    while tail > head, ring[head & mask] < start { head += 1 }
  }

  /// Whether the front index falls out when the window starts at `start`.
  @inline(__always)
  func frontExpires(before start: Int) -> Bool { tail > head && ring[head & mask] < start }

  /// Index of the extreme of the current window.
  @inline(__always)
  var front: Int { ring[head & mask] }
}

/// Windows up to this length are scanned directly (branch-free, independent per bar, so the
/// CPU overlaps bars); longer ones use the O(n) monotonic deque.
let directScanLimit = 24

/// Maximum of `count` contiguous values, four independent accumulators.
@inline(__always)
func scanMax(_ w: UnsafePointer<Double>, _ count: Int) -> Double {
  var m0 = w[0], m1 = w[0], m2 = w[0], m3 = w[0]
  var j = 1
  while j + 4 <= count {
    let a = w[j], b = w[j + 1], c = w[j + 2], d = w[j + 3]
    m0 = a > m0 ? a : m0
    m1 = b > m1 ? b : m1
    m2 = c > m2 ? c : m2
    m3 = d > m3 ? d : m3
    j += 4
  }
  while j < count {
    let a = w[j]
    m0 = a > m0 ? a : m0
    j += 1
  }
  m0 = m1 > m0 ? m1 : m0
  m2 = m3 > m2 ? m3 : m2
  return m2 > m0 ? m2 : m0
}

/// Minimum of `count` contiguous values, four independent accumulators.
@inline(__always)
func scanMin(_ w: UnsafePointer<Double>, _ count: Int) -> Double {
  var m0 = w[0], m1 = w[0], m2 = w[0], m3 = w[0]
  var j = 1
  while j + 4 <= count {
    let a = w[j], b = w[j + 1], c = w[j + 2], d = w[j + 3]
    m0 = a < m0 ? a : m0
    m1 = b < m1 ? b : m1
    m2 = c < m2 ? c : m2
    m3 = d < m3 ? d : m3
    j += 4
  }
  while j < count {
    let a = w[j]
    m0 = a < m0 ? a : m0
    j += 1
  }
  m0 = m1 < m0 ? m1 : m0
  m2 = m3 < m2 ? m3 : m2
  return m2 < m0 ? m2 : m0
}

/// Highest high and lowest low over the `p` bars ending at each bar from `p − 1` on, passed to
/// `body(i, highest, lowest)`: a direct scan for short windows, monotonic deques otherwise.
@inline(__always)
func slidingRange(_ high: Buf, _ low: Buf, _ p: Int, _ body: (Int, Double, Double) -> Void) {
  let n = high.count
  let lb = p - 1
  guard n > lb, let hb = high.baseAddress, let lbase = low.baseAddress else { return }
  if p <= directScanLimit {
    for i in lb..<n { body(i, scanMax(hb + (i - lb), p), scanMin(lbase + (i - lb), p)) }
    return
  }
  var hi = MonotonicWindow(period: p, isMax: true)
  var lo = MonotonicWindow(period: p, isMax: false)
  for i in 0..<n {
    hi.expire(before: i - lb)
    lo.expire(before: i - lb)
    hi.push(i, high)
    lo.push(i, low)
    if i >= lb { body(i, high[hi.front], low[lo.front]) }
  }
}

extension Kernel {
  /// Highest (or lowest) value over the last `p` bars, O(n) (direct scan for short windows).
  static func windowExtreme(_ x: Buf, _ out: Out, _ p: Int, isMax: Bool) {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return }
    if p <= directScanLimit, let base = x.baseAddress {
      for i in lb..<n { out[i] = isMax ? scanMax(base + (i - lb), p) : scanMin(base + (i - lb), p) }
      return
    }
    var w = MonotonicWindow(period: p, isMax: isMax)
    for i in 0..<n {
      w.expire(before: i - lb)
      w.push(i, x)
      if i >= lb { out[i] = x[w.front] }
    }
  }

  /// 0-based index of the highest (lowest) value over the last `p` bars, as TA-Lib picks it on
  /// ties: a new value equal to the current extreme takes over, except on a bar where the old
  /// extreme leaves the window (then the earliest of the tied values wins, as in TA-Lib's
  /// rescan).
  static func windowExtremeIndex(_ x: Buf, _ out: Out, _ p: Int, isMax: Bool) {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return }
    var w = MonotonicWindow(period: p, isMax: isMax)
    for i in 0..<n {
      let start = i - lb
      let rescan = i <= lb || w.frontExpires(before: start)
      w.expire(before: start)
      w.push(i, x, replaceTies: !rescan)
      if i >= lb { out[i] = Double(w.front) }
    }
  }

  /// MIDPOINT: (highest + lowest) / 2 of one series over `p` bars.
  static func midpoint(_ x: Buf, _ out: Out, _ p: Int) {
    midprice(x, x, out, p)
  }

  /// MIDPRICE: (highest high + lowest low) / 2 over `p` bars.
  static func midprice(_ high: Buf, _ low: Buf, _ out: Out, _ p: Int) {
    out.fillNaN(upTo: p - 1)
    slidingRange(high, low, p) { i, highest, lowest in out[i] = (highest + lowest) / 2.0 }
  }

  /// SUM over `p` bars, running total in TA-Lib's order.
  static func sum(_ x: Buf, _ out: Out, _ p: Int) {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return }
    var total = 0.0
    for i in 0..<lb { total += x[i] }
    for i in lb..<n {
      total += x[i]
      out[i] = total
      total -= x[i - lb]
    }
  }
}
