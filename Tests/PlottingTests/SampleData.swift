import Foundation
import Plotting

/// Deterministic sample data for tests and the documentation images (no real market data).
enum SampleData {
  /// A reproducible uniform generator (SplitMix64).
  struct Random {
    var state: UInt64
    mutating func next() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      return Double(z >> 11) / Double(1 << 53)
    }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
      let u = max(next(), 1e-300)
      let v = next()
      return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
  }

  static let jan2024: Int64 = 1_704_067_200 * 1_000_000_000  // 2024-01-01T00:00:00Z (Monday)

  /// `count` bars of a random walk starting at `start`, every `step` seconds; with
  /// `weekdaysOnly`, Saturday and Sunday bars are skipped (like stock or FX data).
  static func candles(
    count: Int, seed: UInt64 = 7, start: Int64 = jan2024, step: Int64 = 86_400,
    weekdaysOnly: Bool = true, price: Double = 100, vol: Double = 0.015, drift: Double? = nil
  ) throws -> CandleData {
    let mu = drift ?? vol * 0.03
    var rng = Random(state: seed)
    var time: [Int64] = []
    var open: [Double] = []
    var high: [Double] = []
    var low: [Double] = []
    var close: [Double] = []
    var volume: [Double] = []
    time.reserveCapacity(count)
    var t = start
    var last = price
    while time.count < count {
      let day = (t / 1_000_000_000 / 86_400 + 3) % 7  // 0 = Monday
      if !weekdaysOnly || day < 5 {
        let o = last * (1 + rng.normal() * vol * 0.2)
        let c = o * (1 + rng.normal() * vol + mu)
        let h = max(o, c) * (1 + abs(rng.normal()) * vol * 0.5)
        let l = min(o, c) * (1 - abs(rng.normal()) * vol * 0.5)
        time.append(t)
        open.append(o)
        high.append(h)
        low.append(l)
        close.append(c)
        volume.append((1e6 * (0.5 + rng.next()) * (1 + abs(c / o - 1) * 40)).rounded())
        last = c
      }
      t += step * 1_000_000_000
    }
    return try CandleData(time: time, open: open, high: high, low: low, close: close, volume: volume)
  }

  static func sma(_ x: [Double], _ n: Int) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    var sum = 0.0
    for i in 0..<x.count {
      sum += x[i]
      if i >= n { sum -= x[i - n] }
      if i >= n - 1 { out[i] = sum / Double(n) }
    }
    return out
  }

  static func ema(_ x: [Double], _ n: Int) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    guard x.count >= n else { return out }
    let k = 2 / Double(n + 1)
    var e = x[0..<n].reduce(0, +) / Double(n)
    out[n - 1] = e
    for i in n..<x.count {
      e += k * (x[i] - e)
      out[i] = e
    }
    return out
  }

  /// Wilder's RSI.
  static func rsi(_ x: [Double], _ n: Int = 14) -> [Double] {
    var out = [Double](repeating: .nan, count: x.count)
    guard x.count > n else { return out }
    var gain = 0.0
    var loss = 0.0
    for i in 1...n {
      let d = x[i] - x[i - 1]
      gain += max(d, 0)
      loss += max(-d, 0)
    }
    gain /= Double(n)
    loss /= Double(n)
    out[n] = loss == 0 ? 100 : 100 - 100 / (1 + gain / loss)
    for i in (n + 1)..<x.count {
      let d = x[i] - x[i - 1]
      gain = (gain * Double(n - 1) + max(d, 0)) / Double(n)
      loss = (loss * Double(n - 1) + max(-d, 0)) / Double(n)
      out[i] = loss == 0 ? 100 : 100 - 100 / (1 + gain / loss)
    }
    return out
  }

  /// Trades of a moving-average cross (long only), with 2× ATR-like stops and 3R targets.
  static func crossTrades(_ data: CandleData, fast: [Double], slow: [Double]) -> [TradeMark] {
    var trades: [TradeMark] = []
    var entry: Int?
    for i in 1..<data.count {
      guard fast[i].isFinite, slow[i].isFinite, fast[i - 1].isFinite, slow[i - 1].isFinite else { continue }
      if entry == nil && fast[i - 1] <= slow[i - 1] && fast[i] > slow[i] && i + 1 < data.count {
        entry = i + 1
      } else if let e = entry, fast[i - 1] >= slow[i - 1] && fast[i] < slow[i], i + 1 < data.count {
        let p0 = data.open[e]
        let p1 = data.open[i + 1]
        let risk = p0 * 0.03
        trades.append(TradeMark(entryIndex: e, entryPrice: p0, exitIndex: i + 1, exitPrice: p1,
                                isLong: true, pnl: p1 - p0, stop: p0 - risk, target: p0 + 3 * risk))
        entry = nil
      }
    }
    return trades
  }
}
