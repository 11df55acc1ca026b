import MarketData

/// A tick on a time axis: the calendar boundary it marks, the first bar at or after it, its
/// label, and whether it marks a larger unit than the axis step (drawn bold).
public struct TimeTick: Sendable, Equatable {
  public var time: Int64
  public var index: Int
  public var label: String
  public var major: Bool
}

/// Calendar-aware ticks for UTC times in nanoseconds.
///
/// The step is the smallest of 1/5/10/15/30 s, 1/2/5/10/15/30 min, 1/2/3/4/6/12 h, 1/2 days,
/// weeks (Mondays), half months, 1/2/3/6 months and 1/2/5/10/25/50/100 years that yields at
/// most `maxCount` distinct ticks. With `collapsed` (a bar-index axis where weekends and
/// other gaps take no room) boundaries falling in a gap land on the next bar and merge.
/// Labels show the largest unit that changed since the previous tick, as trading platforms
/// do: `2024`, `Mar`, `12`, `09:30`.
public enum TimeTicks {
  enum Unit: Int, Comparable {
    case second, minute, hour, day, week, halfMonth, month, year
    static func < (a: Unit, b: Unit) -> Bool { a.rawValue < b.rawValue }
  }

  struct Step {
    var unit: Unit
    var count: Int
    var nominal: Int64  // approximate length in ns
  }

  static let second: Int64 = 1_000_000_000
  static let steps: [Step] = {
    var s: [Step] = []
    for k in [1, 5, 10, 15, 30] { s.append(Step(unit: .second, count: k, nominal: Int64(k) * second)) }
    for k in [1, 2, 5, 10, 15, 30] {
      s.append(Step(unit: .minute, count: k, nominal: Int64(k) * 60 * second))
    }
    for k in [1, 2, 3, 4, 6, 12] {
      s.append(Step(unit: .hour, count: k, nominal: Int64(k) * 3600 * second))
    }
    let day = 86_400 * second
    s.append(Step(unit: .day, count: 1, nominal: day))
    s.append(Step(unit: .day, count: 2, nominal: 2 * day))
    s.append(Step(unit: .week, count: 1, nominal: 7 * day))
    s.append(Step(unit: .halfMonth, count: 1, nominal: 15 * day))
    for k in [1, 2, 3, 6] { s.append(Step(unit: .month, count: k, nominal: Int64(k) * 30 * day)) }
    for k in [1, 2, 5, 10, 25, 50, 100] {
      s.append(Step(unit: .year, count: k, nominal: Int64(k) * 365 * day))
    }
    return s
  }()

  /// Ticks for strictly increasing `times`, at most `maxCount` of them (at least one step is
  /// always returned when times span more than one boundary).
  public static func ticks(times: [Int64], maxCount: Int, collapsed: Bool) -> [TimeTick] {
    guard let t0 = times.first, let t1 = times.last, t1 > t0, maxCount >= 1 else { return [] }
    let span = t1 - t0
    for step in steps {
      if span / step.nominal > Int64(maxCount) * (collapsed ? 40 : 1) + 1 { continue }
      let boundaries = self.boundaries(from: t0, to: t1, step: step, limit: maxCount * 60 + 64)
      guard let boundaries else { continue }
      var ticks: [TimeTick] = []
      for b in boundaries {
        let index = firstIndex(atOrAfter: b, in: times)
        guard index < times.count else { break }
        if collapsed, let last = ticks.last, last.index == index { continue }
        ticks.append(TimeTick(time: b, index: index, label: "", major: false))
      }
      if ticks.count <= maxCount || step.unit == .year && step.count == 100 {
        label(&ticks, step: step)
        return ticks
      }
    }
    return []
  }

  /// Index of the first time ≥ t (binary search), `times.count` if none.
  static func firstIndex(atOrAfter t: Int64, in times: [Int64]) -> Int {
    var lo = 0
    var hi = times.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if times[mid] < t { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Boundaries of `step` in [t0, t1]; nil when there would be more than `limit`.
  static func boundaries(from t0: Int64, to t1: Int64, step: Step, limit: Int) -> [Int64]? {
    var out: [Int64] = []
    let day = 86_400 * second
    switch step.unit {
    case .second, .minute, .hour:
      let d = step.nominal
      var t = floorDiv(t0, d) * d
      if t < t0 { t += d }
      while t <= t1 {
        out.append(t)
        if out.count > limit { return nil }
        t += d
      }
    case .day, .week, .halfMonth:
      var d = Int(floorDiv(t0, day))
      if Int64(d) * day < t0 { d += 1 }
      let last = Int(floorDiv(t1, day))
      while d <= last {
        let civil = UTCTime.civil(days: d)
        let keep: Bool
        switch step.unit {
        case .day: keep = (civil.day - 1) % step.count == 0 && !(step.count > 1 && civil.day == 31)
        case .week: keep = ((d + 3) % 7 + 7) % 7 == 0
        default: keep = civil.day == 1 || civil.day == 15
        }
        if keep {
          out.append(Int64(d) * day)
          if out.count > limit { return nil }
        }
        d += 1
      }
    case .month, .year:
      let start = UTCTime.civil(days: Int(floorDiv(t0, day)))
      var y = start.year
      var m = start.month
      while true {
        let t = Int64(UTCTime.days(year: y, month: m, day: 1)) * day
        if t > t1 { break }
        let keep =
          step.unit == .month
          ? (m - 1) % step.count == 0 : (m == 1 && (y % step.count + step.count) % step.count == 0)
        if t >= t0 && keep {
          out.append(t)
          if out.count > limit { return nil }
        }
        if step.unit == .year {
          if m != 1 { m = 1; y += 1 } else { y += 1 }
        } else {
          m += 1
          if m > 12 { m = 1; y += 1 }
        }
      }
    }
    return out
  }

  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// Fields of a time: year, month, day, hour, minute, second.
  static func fields(_ t: Int64) -> (Int, Int, Int, Int, Int, Int) {
    let day = 86_400 * second
    let d = floorDiv(t, day)
    let c = UTCTime.civil(days: Int(d))
    let s = Int((t - d * day) / second)
    return (c.year, c.month, c.day, s / 3600, (s / 60) % 60, s % 60)
  }

  static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

  static func label(_ ticks: inout [TimeTick], step: Step) {
    var previous: (Int, Int, Int, Int, Int, Int)?
    for i in ticks.indices {
      let f = fields(ticks[i].time)
      // The unit that changed since the previous tick (the first tick: the step's unit).
      var changed = step.unit
      if previous == nil {
        // The first tick names the largest unit it starts: a year, a month or a day.
        if f.3 == 0 && f.4 == 0 && f.5 == 0 {
          changed = f.2 == 1 ? (f.1 == 1 ? .year : .month) : .day
        }
      } else if let p = previous {
        if f.0 != p.0 {
          changed = .year
        } else if f.1 != p.1 {
          changed = .month
        } else if f.2 != p.2 {
          changed = .day
        }
      }
      if changed < step.unit { changed = step.unit }
      if changed == .week || changed == .halfMonth { changed = .day }
      let stepUnit: Unit = (step.unit == .week || step.unit == .halfMonth) ? .day : step.unit
      ticks[i].major = changed > stepUnit
      switch changed {
      case .year: ticks[i].label = "\(f.0)"
      case .month: ticks[i].label = monthNames[f.1 - 1]
      case .day, .week, .halfMonth:
        ticks[i].label = stepUnit < .day ? "\(monthNames[f.1 - 1]) \(f.2)" : "\(f.2)"
      case .hour, .minute: ticks[i].label = "\(two(f.3)):\(two(f.4))"
      case .second: ticks[i].label = "\(two(f.3)):\(two(f.4)):\(two(f.5))"
      }
      previous = f
    }
  }
}
