import Execution
import Foundation

extension BinanceBroker {
  /// Records an `executionReport` (a repeated trade id is ignored) and wakes `submit`.
  func receive(_ report: ExecutionReport) {
    var fill: Fill?
    let fresh: Bool = withState { latest, executions in
      if report.executionType == "TRADE" {
        if executions[report.clientId, default: []].contains(where: { $0.tradeId == report.tradeId }) {
          return false
        }
        executions[report.clientId, default: []].append(report)
      }
      let state = report.report
      if let known = latest[report.clientId], !Self.isNewer(state, than: known) { return true }
      latest[report.clientId] = state
      return true
    }
    guard fresh, report.executionType == "TRADE", let rules = rules[report.symbol] else { return }
    var commission = report.commission
    if report.commissionAsset == rules.baseAsset {
      commission *= report.lastPrice
    } else if let asset = report.commissionAsset, asset != rules.quoteAsset {
      commission = options.commission.amount(quantity: report.lastQuantity, price: report.lastPrice)
    }
    fill = Fill(
      clientId: report.clientId, symbol: report.symbol, side: report.side, quantity: report.lastQuantity,
      price: report.lastPrice, commission: commission, time: report.time * 1_000_000)
    if let fill { onFill?(fill) }
  }
}
