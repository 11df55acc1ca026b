/// Which extreme a window scan tracks (maximum or minimum).
protocol ExtremeOrder {
  /// Whether `a` is strictly more extreme than `b`.
  static func beats(_ a: Double, _ b: Double) -> Bool
  /// The value every other value beats or equals (−∞ for the maximum).
  static var identity: Double { get }
}

/// The maximum.
enum Greatest: ExtremeOrder {
  @inline(__always) static func beats(_ a: Double, _ b: Double) -> Bool { a > b }
  static var identity: Double { -.infinity }
}

/// The minimum.
enum Least: ExtremeOrder {
  @inline(__always) static func beats(_ a: Double, _ b: Double) -> Bool { a < b }
  static var identity: Double { .infinity }
}

/// Highest high and lowest low over the `p` bars ending at each bar from `p − 1` on, passed to
/// `body(i, highest, lowest)`, in O(n) with three comparisons per value and no branches (van
/// Herk / Gil–Werman): bars are taken in blocks of `p`; a backward pass gives each block's
/// suffix extremes, a forward pass its prefix extremes, and the window ending at bar j of a
/// block is the previous block's suffix from j + 1 combined with this block's prefix to j.
/// Scratch: four blocks of `p` values (L1-resident for usual periods). Returns whether no
/// input was NaN (a running sum of h − l; the comparisons would drop a NaN).
@inline(__always) @discardableResult
func slidingRange(_ high: Buf, _ low: Buf, _ p: Int, _ body: (Int, Double, Double) -> Void) -> Bool {
  let n = high.count
  guard n >= p, p >= 1, let hb = high.baseAddress, let lw = low.baseAddress else { return false }
  return withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * p) { raw -> Bool in
    guard let scratch = raw.baseAddress else { return false }
    var seen = 0.0
    var prevHi = scratch, prevLo = scratch + p, curHi = scratch + 2 * p, curLo = scratch + 3 * p
    var start = 0
    while start < n {
      let len = Swift.min(p, n - start)
      // Suffix extremes of this block.
      var sh = hb[start + len - 1], sl = lw[start + len - 1]
      curHi[len - 1] = sh
      curLo[len - 1] = sl
      seen += sh - sl
      var j = len - 2
      while j >= 0 {
        let h = hb[start + j], l = lw[start + j]
        seen += h - l
        sh = h > sh ? h : sh
        sl = l < sl ? l : sl
        curHi[j] = sh
        curLo[j] = sl
        j -= 1
      }
      // Prefix extremes and outputs.
      var gh = -Double.infinity, gl = Double.infinity
      for j in 0..<len {
        let h = hb[start + j], l = lw[start + j]
        gh = h > gh ? h : gh
        gl = l < gl ? l : gl
        if j == p - 1 {
          body(start + j, gh, gl)
        } else if start > 0 {
          let ph = prevHi[j + 1], pl = prevLo[j + 1]
          body(start + j, ph > gh ? ph : gh, pl < gl ? pl : gl)
        }
      }
      swap(&prevHi, &curHi)
      swap(&prevLo, &curLo)
      start += len
    }
    return !seen.isNaN
  }
}

extension Kernel {
  /// Highest (or lowest) value over the last `p` bars, O(n): the blocks of
  /// ``slidingRange(_:_:_:_:)`` for one side only. Returns whether no input was NaN (a
  /// running sum of the inputs; the comparisons would drop a NaN).
  @discardableResult
  static func windowExtreme(_ x: Buf, _ out: Out, _ p: Int, isMax: Bool) -> Bool {
    out.fillNaN(upTo: p - 1)
    if isMax {
      return slidingExtreme(x, out, p, Greatest.self)
    } else {
      return slidingExtreme(x, out, p, Least.self)
    }
  }

  /// The van Herk / Gil–Werman blocks of ``slidingRange(_:_:_:_:)`` for one series, four
  /// blocks at a time: the four blocks' suffix scans and then their prefix scans run as
  /// independent dependency chains, so the comparisons of one block overlap those of the
  /// next instead of waiting on each other. Every block's suffix array ends in a sentinel
  /// (`Order.identity`), which makes the window that is exactly one block need no special case.
  /// Scratch: five blocks of p + 1 values. Returns whether no input was NaN (a running sum of
  /// the inputs, four lanes wide; the comparisons would drop a NaN).
  private static func slidingExtreme<Order: ExtremeOrder>(_ x: Buf, _ out: Out, _ p: Int, _: Order.Type)
    -> Bool
  {
    let n = x.count
    guard n >= p, let xb = x.baseAddress, let ob = out.baseAddress else { return false }
    let stride = p + 1
    return withScratch(5 * stride) { scratch -> Bool in
      guard let base = scratch.baseAddress else { return false }
      // SAFETY: five slots of p + 1 values; offsets below stay under p + 1 within a slot.
      var slots = (base, base + stride, base + 2 * stride, base + 3 * stride, base + 4 * stride)
      for k in 0..<5 { base[k * stride + p] = Order.identity }
      @inline(__always) func pick(_ a: Double, _ b: Double) -> Double { Order.beats(a, b) ? a : b }
      var seen0 = 0.0
      var seen4 = SIMD4<Double>()
      // Block 0: its suffix extremes, and the one window inside it.
      var s = Order.identity
      var j = p - 1
      while j >= 0 {
        let v = xb[j]
        seen0 += v
        s = pick(v, s)
        slots.0[j] = s
        j -= 1
      }
      ob[p - 1] = s
      var start = p
      // Four whole blocks at a time; slots.0 holds the suffixes of the block before them.
      while start + 4 * p <= n {
        let x0 = xb + start, x1 = x0 + p, x2 = x1 + p, x3 = x2 + p
        var s0 = Order.identity, s1 = s0, s2 = s0, s3 = s0
        j = p - 1
        while j >= 0 {
          let v0 = x0[j], v1 = x1[j], v2 = x2[j], v3 = x3[j]
          s0 = pick(v0, s0)
          s1 = pick(v1, s1)
          s2 = pick(v2, s2)
          s3 = pick(v3, s3)
          slots.1[j] = s0
          slots.2[j] = s1
          slots.3[j] = s2
          slots.4[j] = s3
          j -= 1
        }
        let o0 = ob + start, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p
        var g0 = Order.identity, g1 = g0, g2 = g0, g3 = g0
        for j in 0..<p {
          g0 = pick(x0[j], g0)
          g1 = pick(x1[j], g1)
          g2 = pick(x2[j], g2)
          g3 = pick(x3[j], g3)
          o0[j] = pick(slots.0[j + 1], g0)
          o1[j] = pick(slots.1[j + 1], g1)
          o2[j] = pick(slots.2[j + 1], g2)
          o3[j] = pick(slots.3[j + 1], g3)
        }
        // The NaN check, four values per add over the four blocks just read.
        var u = 0
        while u + 4 <= 4 * p {
          seen4 += load4(x0, u)
          u += 4
        }
        while u < 4 * p {
          seen0 += x0[u]
          u += 1
        }
        swap(&slots.0, &slots.4)
        start += 4 * p
      }
      // The last blocks one at a time (the final one may be partial).
      while start < n {
        let len = Swift.min(p, n - start)
        let xs = xb + start, os = ob + start
        s = Order.identity
        j = len - 1
        while j >= 0 {
          let v = xs[j]
          seen0 += v
          s = pick(v, s)
          slots.1[j] = s
          j -= 1
        }
        var g = Order.identity
        for j in 0..<len {
          g = pick(xs[j], g)
          os[j] = pick(slots.0[j + 1], g)
        }
        swap(&slots.0, &slots.1)
        start += len
      }
      return !(seen0 + seen4.sum()).isNaN
    }
  }

  /// 0-based index of the highest (lowest) value over the last `p` bars, as TA-Lib picks it on
  /// ties: a new value equal to the current extreme takes over, except on a bar where the old
  /// extreme leaves the window (then the earliest of the tied values wins, as in TA-Lib's
  /// rescan). Returns whether no input was NaN (a running sum of the inputs).
  @discardableResult
  static func windowExtremeIndex(_ x: Buf, _ out: Out, _ p: Int, isMax: Bool) -> Bool {
    out.fillNaN(upTo: p - 1)
    if isMax {
      return extremeIndex(x, out, p, Greatest.self)
    } else {
      return extremeIndex(x, out, p, Least.self)
    }
  }

  /// TA-Lib's rule, O(1) per bar: keep the current pick while it is in the window, a new
  /// value at least as extreme takes over, and when the pick leaves the window the earliest
  /// extreme of the window (``slidingArg(_:_:_:latest:_:)``) replaces it.
  private static func extremeIndex<Order: ExtremeOrder>(_ x: Buf, _ out: Out, _ p: Int, _: Order.Type)
    -> Bool
  {
    let lb = p - 1
    guard x.count > lb else { return false }
    var best = -1
    var bestValue = 0.0
    var seen = 0.0
    for i in 0..<lb { seen += x[i] }
    // Selects, not branches: whether a new bar takes over depends on the data.
    slidingArg(x, p, Order.self, latest: false) { i, earliest in
      let v = x[i], e = x[earliest]
      seen += v
      let expired = best < i - lb
      let takes = !Order.beats(bestValue, v)
      let next = takes ? i : best
      let nextValue = takes ? v : bestValue
      best = expired ? earliest : next
      bestValue = expired ? e : nextValue
      out[i] = Double(best)
    }
    return !seen.isNaN
  }

  /// MIDPOINT: (highest + lowest) / 2 of one series over `p` bars.
  @discardableResult
  static func midpoint(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    midprice(x, x, out, p)
  }

  /// MIDPRICE: (highest high + lowest low) / 2 over `p` bars.
  /// Returns whether no input was NaN.
  @discardableResult
  static func midprice(_ high: Buf, _ low: Buf, _ out: Out, _ p: Int) -> Bool {
    out.fillNaN(upTo: p - 1)
    return slidingRange(high, low, p) { i, highest, lowest in out[i] = (highest + lowest) / 2.0 }
  }

  /// SUM over `p` bars, running total in TA-Lib's order. Returns whether no input was NaN
  /// (every value enters the running total, which then stays NaN).
  @discardableResult
  static func sum(_ x: Buf, _ out: Out, _ p: Int) -> Bool {
    let n = x.count
    let lb = p - 1
    out.fillNaN(upTo: lb)
    guard n > lb else { return false }
    var total = 0.0
    for i in 0..<lb { total += x[i] }
    for i in lb..<n {
      total += x[i]
      out[i] = total
      total -= x[i - lb]
    }
    return !total.isNaN
  }
}
