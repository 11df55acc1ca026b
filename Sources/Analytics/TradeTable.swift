import Simulator

/// Trade statistics of one group (a symbol or a tag).
public struct TradeSummary: Sendable, Equatable {
  public var key: String
  public var trades: Int
  public var winRatePercent: Double
  public var pnl: Double
  public var avgReturnPercent: Double
  /// Gross profit / gross loss; NaN without losing trades.
  public var profitFactor: Double
  public var avgBarsHeld: Double
  public var commissions: Double

  public init(key: String, trades: [Trade]) {
    self.key = key
    self.trades = trades.count
    let n = Double(trades.count)
    winRatePercent = trades.isEmpty ? .nan : Double(trades.filter { $0.pnl > 0 }.count) / n * 100
    pnl = trades.reduce(0) { $0 + $1.pnl }
    avgReturnPercent = trades.isEmpty ? .nan : trades.reduce(0) { $0 + $1.returnPercent } / n
    let gains = trades.filter { $0.pnl > 0 }.reduce(0) { $0 + $1.pnl }
    let losses = -trades.filter { $0.pnl < 0 }.reduce(0) { $0 + $1.pnl }
    profitFactor = losses > 0 ? gains / losses : .nan
    avgBarsHeld = trades.isEmpty ? .nan : Double(trades.reduce(0) { $0 + $1.barsHeld }) / n
    commissions = trades.reduce(0) { $0 + $1.commission }
  }
}

/// Per-symbol and per-tag tables, in first-appearance order.
public enum TradeTable {
  public static func bySymbol(_ trades: [Trade]) -> [TradeSummary] {
    group(trades) { $0.symbol }
  }

  public static func byTag(_ trades: [Trade]) -> [TradeSummary] {
    group(trades) { $0.tag }
  }

  static func group(_ trades: [Trade], by key: (Trade) -> String) -> [TradeSummary] {
    var order: [String] = []
    var groups: [String: [Trade]] = [:]
    for trade in trades {
      let k = key(trade)
      if groups[k] == nil { order.append(k) }
      groups[k, default: []].append(trade)
    }
    return order.map { TradeSummary(key: $0, trades: groups[$0] ?? []) }
  }
}
