import Foundation

/// Maps values to vertical pixel positions in a pane, linearly or logarithmically.
/// Values ≤ 0 on a log scale map to NaN (not drawn).
struct ValueScale {
  var lo: Double
  var hi: Double
  var log: Bool
  var top: Double
  var bottom: Double

  init(lo: Double, hi: Double, log: Bool, top: Double, bottom: Double) {
    var a = lo
    var b = hi
    if log {
      a = a > 0 ? a : 1e-12
      b = max(b, a * 1.000001)
    } else if !(b > a) {
      let pad = a == 0 ? 1 : abs(a) * 0.01
      a -= pad
      b += pad
    }
    self.lo = a
    self.hi = b
    self.log = log
    self.top = top
    self.bottom = bottom
  }

  @inline(__always) func y(_ v: Double) -> Double {
    if log {
      guard v > 0 else { return .nan }
      let t = (log10(v) - log10(lo)) / (log10(hi) - log10(lo))
      return bottom - t * (bottom - top)
    }
    return bottom - (v - lo) / (hi - lo) * (bottom - top)
  }

  /// Padded range of finite values in `arrays` (fraction `pad` of the span each side).
  static func range(_ arrays: [[Double]], pad: Double, log: Bool) -> (Double, Double)? {
    var lo = Double.infinity
    var hi = -Double.infinity
    for a in arrays {
      a.withUnsafeBufferPointer { p in
        // NaN fails both comparisons, so it never becomes an extreme; infinities are
        // filtered after the scan.
        var l = Double.infinity
        var h = -Double.infinity
        for v in p where v.isFinite && (!log || v > 0) {
          l = Swift.min(l, v)
          h = Swift.max(h, v)
        }
        lo = Swift.min(lo, l)
        hi = Swift.max(hi, h)
      }
    }
    guard lo.isFinite, hi.isFinite else { return nil }
    if log {
      let f = pow(hi / lo, pad)
      return (lo / f, hi * f)
    }
    let span = hi - lo
    let p = span > 0 ? span * pad : max(abs(hi) * 0.01, 1e-9)
    return (lo - p, hi + p)
  }
}

/// Horizontal mapping shared by the panes of one chart: bar index → pixel x.
/// `.index` spaces bars evenly (gaps such as weekends take no room); `.time` places each bar
/// at its timestamp.
struct XMap {
  enum Mode { case index, time }
  var mode: Mode
  var left: Double
  var width: Double
  var count: Int
  var times: [Int64]
  var t0: Int64 = 0
  var span: Double = 1
  /// Pixels per bar (the median spacing in time mode).
  var step: Double

  init(mode: Mode, left: Double, width: Double, times: [Int64]) {
    self.mode = mode
    self.left = left
    self.width = width
    self.count = times.count
    self.times = times
    let n = max(1, times.count)
    if mode == .time, let first = times.first, let last = times.last, last > first {
      // Leave half a median bar at each end so edge candles are not cut.
      var gaps: [Int64] = []
      let strideBy = max(1, times.count / 2000)
      var i = strideBy
      while i < times.count {
        gaps.append((times[i] - times[i - strideBy]) / Int64(strideBy))
        i += strideBy
      }
      gaps.sort()
      let median = Double(gaps.isEmpty ? (last - first) : gaps[gaps.count / 2])
      let total = Double(last - first) + median
      t0 = first
      step = width * median / total
      self.left += step / 2
      self.width = width - step
      span = Double(last - first)
    } else {
      self.mode = .index
      step = width / Double(n)
    }
  }

  @inline(__always) func x(_ i: Int) -> Double {
    switch mode {
    case .index: return left + (Double(i) + 0.5) * step
    case .time: return left + Double(times[i] - t0) / span * width
    }
  }

  /// x of a time tick: its bar in index mode, its exact time in time mode.
  func x(tick: TimeTick) -> Double {
    switch mode {
    case .index: return x(tick.index)
    case .time: return left + Double(tick.time - t0) / span * width
    }
  }

  /// x of a fractional bar position (index mode) or interpolated time (time mode).
  func x(fractional f: Double) -> Double {
    switch mode {
    case .index: return left + (f + 0.5) * step
    case .time:
      let i = max(0, min(count - 1, Int(f)))
      return x(i)
    }
  }
}
