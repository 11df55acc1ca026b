import Simulator

/// A backtest result holding closed trades with these P&Ls (one unit each, entered at 100),
/// in closing order, and the given ambiguous bars.
func tradeResult(cash: Double, pnl: [Double], exits: [AmbiguousExit] = []) -> BacktestResult {
  let trades = pnl.enumerated().map { k, p in
    Trade(
      symbol: "T", side: .long, tag: "", entryBar: k, entryTime: Int64(k), entryPrice: 100, exitBar: k + 1,
      exitTime: Int64(k + 1), exitPrice: 100 + p, quantity: 1, pnl: p, commission: 0, exitReason: .signal,
      maePercent: 0, mfePercent: 0)
  }
  var equity = [cash]
  for p in pnl { equity.append((equity.last ?? cash) + p) }
  return BacktestResult(
    symbols: ["T"], trades: trades, openTrades: [], time: (0...pnl.count).map { Int64($0) }, equity: equity,
    exposed: equity.map { _ in true }, rejections: [], skipped: [:],
    ambiguity: AmbiguityLedger(count: exits.count, exits: exits), commissions: 0, initialCash: cash,
    firstClose: [100], lastClose: [100])
}
