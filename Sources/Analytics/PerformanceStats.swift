import MarketData
import Simulator

/// The run statistics of stats.json, under exactly these snake_case keys and in this order:
/// `start end bars trades return_pct buy_hold_return_pct cagr_pct sharpe sortino calmar
/// max_drawdown_pct profit_factor expectancy win_rate_pct avg_trade_pct best_trade_pct
/// worst_trade_pct avg_bars_held exposure_pct sqn final_equity commissions ambiguous_exits`.
///
/// Formulas (E = the equity curve, one point per bar time; r = its simple returns; P =
/// periods per year; trades = closed trade rows, a partial exit being its own row):
/// - `start`, `end`: first and last bar time, ISO-8601 UTC. `bars`: points of E.
/// - `return_pct` = (final equity / initial cash − 1) × 100.
/// - `buy_hold_return_pct` = (last close / first close − 1) × 100, averaged over symbols.
/// - `cagr_pct` = ((E_last / E_first)^(P / (n − 1)) − 1) × 100 (quantstats' `cagr`).
/// - `sharpe` = mean(r) / sd(r) × √P (sample sd, risk-free rate 0; quantstats' `sharpe`).
/// - `sortino` = mean(r) / √(Σ_{r<0} r² / n) × √P (quantstats' `sortino`).
/// - `max_drawdown_pct` = min_t (E_t / max_{s≤t} E_s − 1) × 100, ≤ 0.
/// - `calmar` = CAGR / |max drawdown|.
/// - `profit_factor` = gross profit / gross loss of trade P&L (NaN, null in JSON, without losses).
/// - `expectancy` = mean trade P&L in account currency.
/// - `win_rate_pct` = trades with P&L > 0 / trades × 100.
/// - `avg_trade_pct`, `best_trade_pct`, `worst_trade_pct`: mean, max and min of the trades'
///   return_pct (P&L / (quantity × entry price) × 100).
/// - `avg_bars_held`: mean of exit bar − entry bar.
/// - `exposure_pct` = bar times with an open trade at the close / bars × 100.
/// - `sqn` = √N × mean(P&L) / sd(P&L) (Van Tharp's system quality number, sample sd).
/// - `final_equity`, `commissions` (sum over all fills), `ambiguous_exits` (the ledger's count).
/// Undefined values (no trades, fewer than two returns) are NaN.
public struct PerformanceStats: Sendable, Equatable {
  public var start: String
  public var end: String
  public var bars: Int
  public var trades: Int
  public var returnPercent: Double
  public var buyHoldReturnPercent: Double
  public var cagrPercent: Double
  public var sharpe: Double
  public var sortino: Double
  public var calmar: Double
  public var maxDrawdownPercent: Double
  public var profitFactor: Double
  public var expectancy: Double
  public var winRatePercent: Double
  public var avgTradePercent: Double
  public var bestTradePercent: Double
  public var worstTradePercent: Double
  public var avgBarsHeld: Double
  public var exposurePercent: Double
  public var sqn: Double
  public var finalEquity: Double
  public var commissions: Double
  public var ambiguousExits: Int

  /// A value of stats.json.
  public enum Value: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
  }

  /// The stats under their stats.json keys, in the documented order.
  public var keyedValues: [(key: String, value: Value)] {
    [
      ("start", .text(start)), ("end", .text(end)), ("bars", .integer(bars)), ("trades", .integer(trades)),
      ("return_pct", .number(returnPercent)), ("buy_hold_return_pct", .number(buyHoldReturnPercent)),
      ("cagr_pct", .number(cagrPercent)), ("sharpe", .number(sharpe)), ("sortino", .number(sortino)),
      ("calmar", .number(calmar)), ("max_drawdown_pct", .number(maxDrawdownPercent)),
      ("profit_factor", .number(profitFactor)), ("expectancy", .number(expectancy)),
      ("win_rate_pct", .number(winRatePercent)), ("avg_trade_pct", .number(avgTradePercent)),
      ("best_trade_pct", .number(bestTradePercent)), ("worst_trade_pct", .number(worstTradePercent)),
      ("avg_bars_held", .number(avgBarsHeld)), ("exposure_pct", .number(exposurePercent)),
      ("sqn", .number(sqn)), ("final_equity", .number(finalEquity)), ("commissions", .number(commissions)),
      ("ambiguous_exits", .integer(ambiguousExits)),
    ]
  }

  /// The stats of a run; `periodsPerYear` nil infers it from the bar spacing.
  public init(_ result: BacktestResult, periodsPerYear: Double? = nil) {
    let equity = result.equity
    let periods = periodsPerYear ?? PeriodsPerYear.infer(from: result.time)
    let returns = RiskMetrics.returns(equity)
    start = result.time.first.map(UTCTime.iso) ?? ""
    end = result.time.last.map(UTCTime.iso) ?? ""
    bars = equity.count
    trades = result.trades.count
    finalEquity = result.finalEquity
    returnPercent = (finalEquity / result.initialCash - 1) * 100
    let holds = zip(result.firstClose, result.lastClose).map { ($1 / $0 - 1) * 100 }
    buyHoldReturnPercent = holds.isEmpty ? .nan : holds.reduce(0, +) / Double(holds.count)
    cagrPercent = RiskMetrics.cagr(equity, periodsPerYear: periods) * 100
    sharpe = RiskMetrics.sharpe(returns, periodsPerYear: periods)
    sortino = RiskMetrics.sortino(returns, periodsPerYear: periods)
    maxDrawdownPercent = RiskMetrics.maxDrawdown(equity) * 100
    calmar = RiskMetrics.calmar(equity, periodsPerYear: periods)
    let pnl = result.trades.map(\.pnl)
    let gains = pnl.filter { $0 > 0 }.reduce(0, +)
    let losses = -pnl.filter { $0 < 0 }.reduce(0, +)
    profitFactor = losses > 0 ? gains / losses : .nan
    expectancy = Self.mean(pnl)
    winRatePercent = pnl.isEmpty ? .nan : Double(pnl.filter { $0 > 0 }.count) / Double(pnl.count) * 100
    let tradeReturns = result.trades.map(\.returnPercent)
    avgTradePercent = Self.mean(tradeReturns)
    bestTradePercent = tradeReturns.max() ?? .nan
    worstTradePercent = tradeReturns.min() ?? .nan
    avgBarsHeld = Self.mean(result.trades.map { Double($0.barsHeld) })
    exposurePercent = result.exposed.isEmpty ? .nan
      : Double(result.exposed.filter { $0 }.count) / Double(result.exposed.count) * 100
    let deviation = Self.sampleDeviation(pnl)
    sqn = deviation > 0 ? Double(pnl.count).squareRoot() * expectancy / deviation : .nan
    commissions = result.commissions
    ambiguousExits = result.ambiguity.count
  }

  static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
  }

  static func sampleDeviation(_ values: [Double]) -> Double {
    guard values.count > 1 else { return .nan }
    let m = mean(values)
    var squares = 0.0
    for v in values { squares += (v - m) * (v - m) }
    return (squares / Double(values.count - 1)).squareRoot()
  }
}
