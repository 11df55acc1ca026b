import BrokerSupport

/// Requests the client sends, with the TWS API's message ids and versions, field by field for
/// server version `IBWire.serverVersion` (176).
enum IBOutbound {
  static func startAPI(clientId: Int) -> [String] { ["71", "2", String(clientId), ""] }
  static func reqIds() -> [String] { ["8", "1", "1"] }
  static func reqAllOpenOrders() -> [String] { ["16", "1"] }
  static func reqPositions() -> [String] { ["61", "1"] }
  static func reqCurrentTime() -> [String] { ["49", "1"] }
  /// reqAccountSummary(reqId, group "All", tags).
  static func reqAccountSummary(reqId: Int, tags: String) -> [String] { ["62", "1", String(reqId), "All", tags] }
  static func cancelAccountSummary(reqId: Int) -> [String] { ["63", "1", String(reqId)] }

  /// reqExecutions with an empty filter except the client id (every execution of the day
  /// this client id placed).
  static func reqExecutions(reqId: Int, clientId: Int) -> [String] {
    ["7", "3", String(reqId), String(clientId), "", "", "", "", "", ""]
  }

  /// reqContractDetails (version 8; issuerId from server 176).
  static func reqContractDetails(reqId: Int, contract: IBContract) -> [String] {
    ["9", "8", String(reqId)] + contract.fields + ["0", "", "", ""]
  }

  /// cancelOrder (version 1; manualOrderCancelTime from server 169).
  static func cancelOrder(orderId: Int64) -> [String] { ["4", "1", String(orderId), ""] }

  /// What an engine order becomes at TWS.
  struct OrderSpec: Equatable {
    var orderId: Int64
    var contract: IBContract
    var action: String  // BUY or SELL
    var quantity: Double
    var orderType: String  // MKT or LMT
    var limitPrice: Double?
    var tif: String = "DAY"
    var account: String
    var orderRef: String
  }

  /// placeOrder at server version 176: no message version (dropped at 145), a stock or ETF
  /// (no combo legs, no delta-neutral, scale, hedge, algo or condition blocks), 115 fields.
  static func placeOrder(_ o: OrderSpec) -> [String] {
    var f: [String] = ["3", String(o.orderId)] + o.contract.fields
    f += ["", ""]  // secIdType, secId
    f += [o.action, decimalText(o.quantity), o.orderType, o.limitPrice.map(decimalText) ?? "", ""]  // lmt, aux
    f += [o.tif, "", o.account, "", "0", o.orderRef, "1", "0", "0", "0", "0", "0", "0", "0"]
    // tif, ocaGroup, account, openClose, origin, orderRef, transmit, parentId, blockOrder,
    // sweepToFill, displaySize, triggerMethod, outsideRth, hidden
    f += ["", "0", "", "", "", "", "", ""]
    // sharesAllocation (deprecated), discretionaryAmt, goodAfterTime, goodTillDate, faGroup,
    // faMethod, faPercentage, faProfile (< 177)
    f += ["", "0", "", "-1", "0", "", "", "0", "", "", "0", "0", "", "0", "", "", "", "", "", "0", "", "", "", ""]
    // modelCode, shortSaleSlot, designatedLocation, exemptCode, ocaType, rule80A,
    // settlingFirm, allOrNone, minQty, percentOffset, eTradeOnly, firmQuoteOnly, nbboPriceCap,
    // auctionStrategy, startingPrice, stockRefPrice, delta, stockRangeLower, stockRangeUpper,
    // overridePercentageConstraints, volatility, volatilityType, deltaNeutralOrderType,
    // deltaNeutralAuxPrice
    f += ["0", "", "", "", "", "", ""]
    // continuousUpdate, referencePriceType, trailStopPrice, trailingPercent,
    // scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
    f += ["", "", "", ""]  // scaleTable, activeStartTime, activeStopTime, hedgeType
    f += ["0", "", "", "0", "0"]  // optOutSmartRouting, clearingAccount, clearingIntent, notHeld, deltaNeutral
    f += ["", "", "0", "", "0", "0", "0", "0"]
    // algoStrategy, algoId, whatIf, orderMiscOptions, solicited, randomizeSize, randomizePrice,
    // conditions count
    f += ["", "", "", "", "", "", "0", "", "", "", "", "", "", "", "", "0", "0", "0", ""]
    // adjustedOrderType, triggerPrice, lmtPriceOffset, adjustedStopPrice,
    // adjustedStopLimitPrice, adjustedTrailingAmount, adjustableTrailingUnit, extOperator,
    // softDollarTier name, value, cashQty, mifid2 ×4, dontUseAutoPriceForHedge, isOmsContainer,
    // discretionaryUpToLimitPrice, usePriceMgmtAlgo
    f += ["", "", "0", "", ""]  // duration (158), postToAts (160), autoCancelParent (162),
    // advancedErrorOverride (166), manualOrderTime (169)
    return f
  }

  /// The number of fields placeOrder has at server 176 (the simulator checks it).
  static let placeOrderFieldCount = 115
}
