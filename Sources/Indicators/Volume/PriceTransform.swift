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
  static func price(_ o: Buf?, _ h: Buf, _ l: Buf, _ c: Buf?, _ out: Out, _ kind: PriceKind) {
    let n = h.count
    switch kind {
    case .average:
      guard let o, let c else { return }
      for i in 0..<n { out[i] = (o[i] + h[i] + l[i] + c[i]) / 4.0 }
    case .median:
      for i in 0..<n { out[i] = (h[i] + l[i]) / 2.0 }
    case .typical:
      guard let c else { return }
      for i in 0..<n { out[i] = (h[i] + l[i] + c[i]) / 3.0 }
    case .weightedClose:
      guard let c else { return }
      for i in 0..<n { out[i] = (h[i] + l[i] + (c[i] * 2.0)) / 4.0 }
    }
  }
}
