/// Index of the window extreme for every window of `p` bars ending at bar i ≥ p − 1, passed to
/// `body(i, index)`, in O(n) with no data-dependent loops (van Herk / Gil–Werman with indices).
///
/// `Order` picks maximum or minimum; `latest` picks which of several equal extremes wins (the
/// latest bar, or the earliest). Bars are taken in blocks of `p`: a backward pass records each
/// block's suffix arg-extremes, a forward pass its prefix arg-extremes; the window ending at
/// bar j of a block combines the previous block's suffix from j + 1 with this block's prefix
/// to j (the suffix part is the earlier one). Scratch: four blocks of `p` values.
@inline(__always)
func slidingArg<Order: ExtremeOrder>(
  _ x: Buf, _ p: Int, _: Order.Type, latest: Bool, _ body: (Int, Int) -> Void
) {
  let n = x.count
  guard n >= p, p >= 1, let xb = x.baseAddress else { return }
  // An equal value replaces the current pick when scanning towards the preferred end.
  @inline(__always) func wins(_ a: Double, _ b: Double, tie: Bool) -> Bool {
    Order.beats(a, b) || (tie && a == b)
  }
  withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * p) { rawValues in
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * p) { rawIndices in
      guard let vs = rawValues.baseAddress, let ix = rawIndices.baseAddress else { return }
      var prevV = vs, prevI = ix, curV = vs + p, curI = ix + p
      var start = 0
      while start < n {
        let len = Swift.min(p, n - start)
        // Suffix arg-extremes, scanned backwards: ties move the pick earlier unless `latest`.
        var sv = xb[start + len - 1]
        var si = start + len - 1
        curV[len - 1] = sv
        curI[len - 1] = si
        var j = len - 2
        while j >= 0 {
          let v = xb[start + j]
          let w = wins(v, sv, tie: !latest)
          sv = w ? v : sv
          si = w ? start + j : si
          curV[j] = sv
          curI[j] = si
          j -= 1
        }
        // Prefix arg-extremes, scanned forwards: ties move the pick later when `latest`.
        var gv = xb[start]
        var gi = start
        for j in 0..<len {
          let v = xb[start + j]
          let w = wins(v, gv, tie: latest)
          gv = w ? v : gv
          gi = w ? start + j : gi
          if j == p - 1 {
            body(start + j, gi)
          } else if start > 0 {
            let pv = prevV[j + 1]
            // The suffix part is earlier: it wins ties unless `latest`.
            let useSuffix = latest ? Order.beats(pv, gv) : !Order.beats(gv, pv)
            body(start + j, useSuffix ? prevI[j + 1] : gi)
          }
        }
        swap(&prevV, &curV)
        swap(&prevI, &curI)
        start += len
      }
    }
  }
}
