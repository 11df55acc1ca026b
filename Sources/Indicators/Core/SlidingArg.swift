/// Index of the window extreme for every window of `p` bars ending at bar i ≥ p − 1, passed to
/// `body(i, index)`, in O(1) per bar with selects instead of branches (van Herk / Gil–Werman
/// with indices). Bars go in blocks of `p`: a backward pass records each block's suffix
/// arg-extremes, a forward pass extends the block's prefix arg-extreme, and the window ending
/// at bar j of a block joins the previous block's suffix from j + 1 (the earlier part) with
/// this block's prefix to j.
///
/// `Order` picks maximum or minimum; `latest` picks which of several equal extremes wins.
/// Scratch: two blocks of `p` values and indices.
@inline(__always)
func slidingArg<Order: ExtremeOrder>(
  _ x: Buf, _ p: Int, _: Order.Type, latest: Bool, _ body: (Int, Int) -> Void
) {
  let n = x.count
  guard n >= p, p >= 1, let xb = x.baseAddress else { return }
  let values = UnsafeMutablePointer<Double>.allocate(capacity: 2 * p)
  let indices = UnsafeMutablePointer<Int>.allocate(capacity: 2 * p)
  defer {
    values.deallocate()
    indices.deallocate()
  }
  // SAFETY: two blocks of p values and indices (the previous and the current block's
  // suffixes); every offset used below is < p.
  var prevV = values, curV = values + p
  var prevI = indices, curI = indices + p
  var start = 0
  while start < n {
    let len = Swift.min(p, n - start)
    // Suffix arg-extremes, scanning backwards: an earlier bar takes over when more extreme,
    // or when equal and the earliest wins.
    var sv = xb[start + len - 1]
    var si = start + len - 1
    curV[len - 1] = sv
    curI[len - 1] = si
    var j = len - 2
    while j >= 0 {
      let v = xb[start + j]
      let w = Order.beats(v, sv) || (!latest && v == sv)
      sv = w ? v : sv
      si = w ? start + j : si
      curV[j] = sv
      curI[j] = si
      j -= 1
    }
    // Prefix arg-extreme, forwards: a later bar takes over when more extreme, or when equal
    // and the latest wins.
    var gv = xb[start]
    var gi = start
    for j in 0..<len {
      let i = start + j
      let v = xb[i]
      let w = Order.beats(v, gv) || (latest && v == gv)
      gv = w ? v : gv
      gi = w ? i : gi
      if j == p - 1 {
        body(i, gi)
      } else if start > 0 {
        let pv = prevV[j + 1]
        let useSuffix = latest ? Order.beats(pv, gv) : !Order.beats(gv, pv)
        body(i, useSuffix ? prevI[j + 1] : gi)
      }
    }
    swap(&prevV, &curV)
    swap(&prevI, &curI)
    start += len
  }
}
