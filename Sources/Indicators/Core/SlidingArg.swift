/// Arg-extremes of sliding windows in O(1) per bar with no data-dependent branches (van Herk /
/// Gil–Werman with indices). Bars are taken in blocks of `p`: ``load(_:)`` records a block's
/// suffix arg-extremes (scanning backwards), ``step(_:)`` extends its prefix arg-extreme and
/// answers for the window ending at that bar by combining the previous block's suffix from the
/// next position with this block's prefix (the suffix part is the earlier one).
///
/// `Order` picks maximum or minimum; `latest` picks which of several equal extremes wins.
/// Memory: two blocks of `p` values and indices.
struct BlockArg<Order: ExtremeOrder>: ~Copyable {
  private let x: UnsafePointer<Double>
  private let p: Int
  private let latest: Bool
  private var prevV: UnsafeMutablePointer<Double>, curV: UnsafeMutablePointer<Double>
  private var prevI: UnsafeMutablePointer<Int>, curI: UnsafeMutablePointer<Int>
  private var start = 0
  private var gv = 0.0
  private var gi = 0

  init(_ x: UnsafePointer<Double>, period p: Int, latest: Bool) {
    self.x = x
    self.p = p
    self.latest = latest
    prevV = .allocate(capacity: p)
    curV = .allocate(capacity: p)
    prevI = .allocate(capacity: p)
    curI = .allocate(capacity: p)
  }

  deinit {
    prevV.deallocate()
    curV.deallocate()
    prevI.deallocate()
    curI.deallocate()
  }

  @inline(__always)
  private func wins(_ a: Double, _ b: Double, tie: Bool) -> Bool {
    Order.beats(a, b) || (tie && a == b)
  }

  /// Starts the block of `len` bars at `start` (blocks must come in order, each `p` long but
  /// the last).
  @inline(__always)
  mutating func load(_ start: Int, _ len: Int) {
    swap(&prevV, &curV)
    swap(&prevI, &curI)
    self.start = start
    var sv = x[start + len - 1]
    var si = start + len - 1
    curV[len - 1] = sv
    curI[len - 1] = si
    var j = len - 2
    while j >= 0 {
      let v = x[start + j]
      let w = wins(v, sv, tie: !latest)
      sv = w ? v : sv
      si = w ? start + j : si
      curV[j] = sv
      curI[j] = si
      j -= 1
    }
    gv = x[start]
    gi = start
  }

  /// Adds bar `start + j` of the current block; returns the arg-extreme of the `p` bars ending
  /// there, or −1 before the first full window.
  @inline(__always)
  mutating func step(_ j: Int) -> Int {
    let v = x[start + j]
    let w = wins(v, gv, tie: latest)
    gv = w ? v : gv
    gi = w ? start + j : gi
    if j == p - 1 { return gi }
    if start == 0 { return -1 }
    let pv = prevV[j + 1]
    let useSuffix = latest ? Order.beats(pv, gv) : !Order.beats(gv, pv)
    return useSuffix ? prevI[j + 1] : gi
  }
}

/// Index of the window extreme for every window of `p` bars ending at bar i ≥ p − 1, passed to
/// `body(i, index)` (see ``BlockArg``).
@inline(__always)
func slidingArg<Order: ExtremeOrder>(
  _ x: Buf, _ p: Int, _: Order.Type, latest: Bool, _ body: (Int, Int) -> Void
) {
  let n = x.count
  guard n >= p, p >= 1, let xb = x.baseAddress else { return }
  var arg = BlockArg<Order>(xb, period: p, latest: latest)
  var start = 0
  while start < n {
    let len = Swift.min(p, n - start)
    arg.load(start, len)
    for j in 0..<len {
      let a = arg.step(j)
      if a >= 0 { body(start + j, a) }
    }
    start += len
  }
}

/// Latest arg-max of `high` and arg-min of `low` over every window of `p` bars, in one pass:
/// `body(i, highIndex, lowIndex)`.
@inline(__always)
func slidingArgRange(_ high: Buf, _ low: Buf, _ p: Int, latest: Bool, _ body: (Int, Int, Int) -> Void) {
  let n = high.count
  guard n >= p, p >= 1, let hb = high.baseAddress, let lb = low.baseAddress else { return }
  var hi = BlockArg<Greatest>(hb, period: p, latest: latest)
  var lo = BlockArg<Least>(lb, period: p, latest: latest)
  var start = 0
  while start < n {
    let len = Swift.min(p, n - start)
    hi.load(start, len)
    lo.load(start, len)
    for j in 0..<len {
      let h = hi.step(j)
      let l = lo.step(j)
      if h >= 0 { body(start + j, h, l) }
    }
    start += len
  }
}
