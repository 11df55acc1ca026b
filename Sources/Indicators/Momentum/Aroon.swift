extension Kernel {
  /// AROON over `p + 1` bars: down = 100/p · (p − bars since the lowest low), up likewise
  /// with the highest high (the most recent extreme on ties, as TA-Lib). AROONOSC = up − down
  /// computed as 100/p · (index of high − index of low). Lookback p.
  /// Returns whether no input was NaN (a running sum of h − l).
  @discardableResult
  static func aroon(_ high: Buf, _ low: Buf, _ down: Out?, _ up: Out?, _ osc: Out?, _ p: Int) -> Bool {
    for o in [down, up, osc] { o?.fillNaN(upTo: p) }
    let factor = 100.0 / Double(p)
    if let down, let up, let dn = down.baseAddress, let upp = up.baseAddress {
      return latestArgRange(high, low, p + 1) { i, hIdx, lIdx in
        dn[i] = factor * Double(p - (i - lIdx))
        upp[i] = factor * Double(p - (i - hIdx))
      }
    }
    if let osc, let o = osc.baseAddress {
      return latestArgRange(high, low, p + 1) { i, hIdx, lIdx in o[i] = factor * Double(hIdx - lIdx) }
    }
    return false
  }
}

/// Index of the latest highest high and of the latest lowest low over every window of `w`
/// bars, passed to `body(i, highIndex, lowIndex)` for i ≥ w − 1, in O(1) per bar with
/// selects instead of branches (van Herk / Gil–Werman with indices): bars go in blocks of
/// `w`; a backward pass records each block's suffix arg-extremes (an earlier bar takes over
/// only when strictly more extreme), a forward pass its prefix arg-extremes (a later bar
/// takes over when at least as extreme), and the window ending at bar j of a block joins the
/// previous block's suffix from j + 1 with this block's prefix to j, the prefix winning ties.
/// Returns whether no input was NaN (a running sum of h − l; comparisons skip NaN).
@inline(__always)
func latestArgRange(_ high: Buf, _ low: Buf, _ w: Int, _ body: (Int, Int, Int) -> Void) -> Bool {
  let n = high.count
  guard n >= w, w >= 1, let hb = high.baseAddress, let lb = low.baseAddress else { return false }
  let values = UnsafeMutablePointer<Double>.allocate(capacity: 4 * w)
  let indices = UnsafeMutablePointer<Int>.allocate(capacity: 4 * w)
  defer {
    values.deallocate()
    indices.deallocate()
  }
  // SAFETY: four blocks of w values and indices: the previous and the current block's
  // suffixes of highs and of lows; every index used below is < w.
  var prevHV = values, prevLV = values + w, curHV = values + 2 * w, curLV = values + 3 * w
  var prevHI = indices, prevLI = indices + w, curHI = indices + 2 * w, curLI = indices + 3 * w
  var seen = 0.0
  var start = 0
  while start < n {
    let len = Swift.min(w, n - start)
    var sh = hb[start + len - 1], sl = lb[start + len - 1]
    var shi = start + len - 1, sli = shi
    seen += sh - sl
    curHV[len - 1] = sh
    curHI[len - 1] = shi
    curLV[len - 1] = sl
    curLI[len - 1] = sli
    var j = len - 2
    while j >= 0 {
      let h = hb[start + j], l = lb[start + j]
      seen += h - l
      let th = h > sh, tl = l < sl
      sh = th ? h : sh
      shi = th ? start + j : shi
      sl = tl ? l : sl
      sli = tl ? start + j : sli
      curHV[j] = sh
      curHI[j] = shi
      curLV[j] = sl
      curLI[j] = sli
      j -= 1
    }
    var gh = -Double.infinity, gl = Double.infinity
    var ghi = start, gli = start
    if start == 0 {
      for j in 0..<len {
        let h = hb[j], l = lb[j]
        let th = h >= gh, tl = l <= gl
        gh = th ? h : gh
        ghi = th ? j : ghi
        gl = tl ? l : gl
        gli = tl ? j : gli
      }
      if len == w { body(w - 1, ghi, gli) }
    } else {
      for j in 0..<(len < w ? len : w - 1) {
        let i = start + j
        let h = hb[i], l = lb[i]
        let th = h >= gh, tl = l <= gl
        gh = th ? h : gh
        ghi = th ? i : ghi
        gl = tl ? l : gl
        gli = tl ? i : gli
        let hi = gh >= prevHV[j + 1] ? ghi : prevHI[j + 1]
        let li = gl <= prevLV[j + 1] ? gli : prevLI[j + 1]
        body(i, hi, li)
      }
      if len == w {
        let i = start + w - 1
        let h = hb[i], l = lb[i]
        body(i, h >= gh ? i : ghi, l <= gl ? i : gli)
      }
    }
    swap(&prevHV, &curHV)
    swap(&prevHI, &curHI)
    swap(&prevLV, &curLV)
    swap(&prevLI, &curLI)
    start += len
  }
  return !seen.isNaN
}
