import Foundation

/// Messages the simulated TWS sends, field by field for server version 176.
enum IBEncoders {
  static func contractFields(_ c: SimulatedContract) -> [String] {
    // conId, symbol, secType, lastTradeDate, strike, right, multiplier, exchange, currency,
    // localSymbol, tradingClass (no primaryExchange in openOrder, execDetails, position).
    [String(c.conId), c.symbol, "STK", "", "0", "", "", c.exchange, c.currency, c.symbol, c.symbol]
  }

  static func orderStatus(_ o: SimulatedOrder) -> [String] {
    [
      "3", String(o.orderId), o.status, field(o.filled), field(o.quantity - o.filled), field(o.averagePrice),
      String(o.permId), "0", field(o.executions.last?.price ?? 0), String(o.clientId), "", "",
    ]
  }

  /// openOrder at 176: 128 fields, the order state's status at index 86.
  static func openOrder(_ o: SimulatedOrder) -> [String] {
    var f = ["5", String(o.orderId)] + contractFields(o.contract)
    f += [o.action, field(o.quantity), o.orderType, o.orderType == "LMT" ? field(o.limitPrice) : "", "", "DAY", ""]
    f += [o.account, "", "0", o.orderRef, String(o.clientId), String(o.permId)]
    f += ["0", "0", "0", "", "", "", "", "", ""]  // outsideRth … faProfile
    f += Array(repeating: "", count: 27)  // modelCode … volatilityType
    f += ["", ""]  // deltaNeutralOrderType, deltaNeutralAuxPrice
    f += ["0", "", "", "", "", "", ""]  // continuousUpdate … comboLegsDescrip
    f += ["0", "0", "0"]  // combo legs, order combo legs, smart combo params
    f += ["", "", ""]  // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
    f += [""]  // hedgeType
    f += ["0", "", "", "0", "0"]  // optOutSmartRouting, clearingAccount, clearingIntent, notHeld, dnc
    f += [""]  // algoStrategy
    f += ["0", "0", o.status] + Array(repeating: "", count: 16)  // solicited, whatIf, status … randomizePrice
    f += ["0"]  // conditions
    f += Array(repeating: "", count: 16)  // adjustedOrderType … usePriceMgmtAlgo
    f += ["", "", "0"]  // duration, postToAts, autoCancelParent
    f += ["", "", "", "", ""]  // minTradeQty … midOffsetAtHalf
    return f
  }

  static func execution(_ o: SimulatedOrder, _ e: SimulatedExecution, reqId: Int, cumulative: Double, average: Double)
    -> [String]
  {
    let time = DateFormatter()
    time.locale = Locale(identifier: "en_US_POSIX")
    time.timeZone = TimeZone(identifier: "UTC")
    time.dateFormat = "yyyyMMdd-HH:mm:ss"
    return ["11", String(reqId), String(o.orderId)] + contractFields(o.contract) + [
      e.execId, time.string(from: e.time), o.account, o.contract.primaryExchange, o.action == "BUY" ? "BOT" : "SLD",
      field(e.shares), field(e.price), String(o.permId), String(o.clientId), "0", field(cumulative), field(average),
      o.orderRef, "", "", "", "1",
    ]
  }

  static func commission(_ e: SimulatedExecution, currency: String) -> [String] {
    ["59", "1", e.execId, field(e.commission), currency, "", "", ""]
  }

  static func contractDetails(reqId: Int, _ c: SimulatedContract) -> [String] {
    var f = ["10", String(reqId), c.symbol, "STK", "", "0", "", c.exchange, c.currency, c.symbol, c.symbol, c.symbol]
    f += [String(c.conId), field(c.minTick), "", "ACTIVETIM,LMT,MKT", "SMART,\(c.primaryExchange)", "1", "0"]
    f += ["\(c.symbol) simulated", c.primaryExchange, "", "", "", "", "US/Eastern", "", "", "", ""]
    f += ["0"]  // secIdList
    f += ["1", "", "", "26", "", "ETF", field(c.minSize), field(c.sizeIncrement), field(c.sizeIncrement)]
    return f
  }

  static func error(id: Int64, code: Int, _ message: String) -> [String] { ["4", "2", String(id), String(code), message, ""] }
}
