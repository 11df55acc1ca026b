/// Price transforms: one formula per bar, lookback 0, vectorised.
enum PriceKind {
  /// (o + h + l + c) / 4
  case average
  /// (h + l) / 2
  case median
  /// (h + l + c) / 3
  case typical
  /// (h + l + 2c) / 4
  case weightedClose
}

extension Kernel {
  /// One price transform over every bar, four lanes at a time. Returns whether no input was
  /// NaN (a running sum of the outputs, each of which is NaN when one of its inputs is).
  @discardableResult
  static func price(_ o: Buf?, _ h: Buf, _ l: Buf, _ c: Buf?, _ out: Out, _ kind: PriceKind) -> Bool {
    let n = h.count
    guard let hp = h.baseAddress, let lp = l.baseAddress, let dst = out.baseAddress else { return false }
    let op = o?.baseAddress ?? hp
    let cp = c?.baseAddress ?? hp
    var acc = SIMD4<Double>()
    var tail = 0.0
    var i = 0
    @inline(__always) func loop(
      _ v: (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>) -> SIMD4<Double>,
      _ s: (Double, Double, Double, Double) -> Double
    ) {
      // i + 4 ≤ n cannot overflow, so the loops carry no overflow branch.
      if streams(dst, count: n) {
        while i &+ 4 <= n {
          let r = v(load4(op, i), load4(hp, i), load4(lp, i), load4(cp, i))
          acc += r
          stream4(r, dst, i)
          i &+= 4
        }
        streamed()
      }
      while i &+ 4 <= n {
        let r = v(load4(op, i), load4(hp, i), load4(lp, i), load4(cp, i))
        acc += r
        store4(r, dst, i)
        i &+= 4
      }
      while i < n {
        let r = s(op[i], hp[i], lp[i], cp[i])
        tail += r
        dst[i] = r
        i += 1
      }
    }
    switch kind {
    case .average:
      guard o != nil, c != nil else { return false }
      loop({ o, h, l, c in (o + h + l + c) / 4.0 }, { o, h, l, c in (o + h + l + c) / 4.0 })
    case .median:
      loop({ _, h, l, _ in (h + l) / 2.0 }, { _, h, l, _ in (h + l) / 2.0 })
    case .typical:
      guard c != nil else { return false }
      loop({ _, h, l, c in (h + l + c) / 3.0 }, { _, h, l, c in (h + l + c) / 3.0 })
    case .weightedClose:
      guard c != nil else { return false }
      loop({ _, h, l, c in (h + l + (c * 2.0)) / 4.0 }, { _, h, l, c in (h + l + (c * 2.0)) / 4.0 })
    }
    return !(acc.sum() + tail).isNaN
  }
}
