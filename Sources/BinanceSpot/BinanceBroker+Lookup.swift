import Execution
import Foundation

extension BinanceBroker {
  /// After a restart: what became of an order the previous process may have placed, found by
  /// its client id (`GET /api/v3/order`); nothing is placed. An order still working (a
  /// resting limit) is followed to its end as `submit` follows it: stream events, REST every
  /// `pollInterval`, the rest cancelled at `fillTimeout`. The fill is what executed at the
  /// volume-weighted price, its commission as `submit` computes it (the stream's executions,
  /// else the account's trades).
  public func lookup(_ order: Order) throws(BrokerError) -> OrderLookup {
    if let done = condition.withLock({ filled[order.clientId] }) { return .filled(done) }
    do {
      guard let found = try rest.order(clientId: order.clientId, symbol: order.symbol) else {
        return .unknown
      }
      let report = try finish(found)
      guard report.executedQuantity > 0 else { return .unfilled(report.status) }
      let fill = try self.fill(report, of: order, commissions: try paidCommissions(report))
      condition.withLock { filled[order.clientId] = fill }
      return .filled(fill)
    } catch {
      throw BrokerError(clientId: order.clientId, error)
    }
  }

  /// The engine's fill for an order that ended with `report`, its commissions (by asset)
  /// converted to the quote currency: the quote asset as it is, the base asset at the fill
  /// price, a third asset (BNB) as `options.commission` computes it.
  func fill(_ report: OrderReport, of order: Order, commissions: [String: Double]) throws(BinanceError)
    -> Fill
  {
    guard let rules = rules[order.symbol] else {
      throw .rejectedLocally("unknown symbol \(order.symbol); the broker trades \(self.rules.keys.sorted())")
    }
    let averagePrice = report.averagePrice
    var commission = 0.0
    for (asset, amount) in commissions {
      if asset == rules.quoteAsset {
        commission += amount
      } else if asset == rules.baseAsset {
        commission += amount * averagePrice
      } else {
        commission += options.commission.amount(quantity: report.executedQuantity, price: averagePrice)
        break
      }
    }
    return Fill(
      clientId: order.clientId, symbol: order.symbol, side: order.side, quantity: report.executedQuantity,
      price: averagePrice, commission: commission,
      time: report.updateTime > 0 ? report.updateTime * 1_000_000 : order.time)
  }

  /// The symbol's lot grid for the engine's sizing: LOT_SIZE's step, or MARKET_LOT_SIZE's
  /// when coarser (entries are market orders, targets limits: a quantity on the coarser of
  /// two power-of-ten steps is on both), the larger minimum quantity, and the minimum
  /// notional.
  public func lotRules(symbol: String) -> LotRules? {
    guard let r = rules[symbol] else { return nil }
    return LotRules(
      step: max(r.stepSize, r.marketStepSize),
      minQuantity: max(r.minQuantity, r.marketStepSize > 0 ? r.marketMinQuantity : 0),
      minNotional: r.minNotional)
  }
}
