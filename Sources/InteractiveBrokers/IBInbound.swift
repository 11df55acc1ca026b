import Foundation

/// Messages from TWS this client reads, decoded from their fields at server version 176.
/// Unknown message ids are skipped; a message shorter than its layout is an error naming the
/// message and the field count.
enum IBInbound: Sendable, Equatable {
  case nextValidId(Int64)
  case managedAccounts([String])
  case error(id: Int64, code: Int, message: String)
  case orderStatus(IBOrderStatus)
  case openOrder(IBOpenOrder)
  case openOrderEnd
  case execution(reqId: Int, IBExecution)
  case executionEnd(reqId: Int)
  case commission(execId: String, amount: Double, currency: String)
  case position(account: String, contract: IBContract, quantity: Double, averageCost: Double)
  case positionEnd
  case accountSummary(reqId: Int, account: String, tag: String, value: String, currency: String)
  case accountSummaryEnd(reqId: Int)
  case contractDetails(reqId: Int, IBContractDetails)
  case contractDetailsEnd(reqId: Int)
  case currentTime(Int64)
  case other(id: Int)

  /// Message ids (TWS API `IN` codes).
  enum ID {
    static let orderStatus = 3, error = 4, openOrder = 5, nextValidId = 9, contractDetails = 10
    static let execution = 11, managedAccounts = 15, currentTime = 49, contractDetailsEnd = 52
    static let openOrderEnd = 53, executionEnd = 55, commission = 59, position = 61, positionEnd = 62
    static let accountSummary = 63, accountSummaryEnd = 64
  }

  static func decode(_ fields: [String]) throws(IBError) -> IBInbound {
    guard let first = fields.first, let id = Int(first) else {
      throw .connection("a message without a numeric id: \(fields.prefix(3))")
    }
    var c = Cursor(fields: fields, name: "message \(id)")
    c.skip(1)
    switch id {
    case ID.nextValidId:
      c.skip(1)
      return .nextValidId(try c.int64())
    case ID.managedAccounts:
      c.skip(1)
      return .managedAccounts(try c.string().split(separator: ",").map(String.init).filter { !$0.isEmpty })
    case ID.error:
      c.skip(1)
      return .error(id: try c.int64(), code: Int(try c.int64()), message: try c.string())
    case ID.orderStatus:
      return .orderStatus(
        IBOrderStatus(
          orderId: try c.int64(), status: try c.string(), filled: try c.double(), remaining: try c.double(),
          averagePrice: try c.double(), permId: try c.int64(), parentId: try c.int64(),
          lastFillPrice: try c.double(), clientId: Int(try c.int64()), whyHeld: try c.string()))
    case ID.openOrder: return .openOrder(try IBOpenOrder(&c))
    case ID.openOrderEnd: return .openOrderEnd
    case ID.execution:
      let reqId = Int(try c.int64())
      return .execution(reqId: reqId, try IBExecution(&c))
    case ID.executionEnd:
      c.skip(1)
      return .executionEnd(reqId: Int(try c.int64()))
    case ID.commission:
      c.skip(1)
      return .commission(execId: try c.string(), amount: try c.double(), currency: try c.string())
    case ID.position:
      c.skip(1)
      let account = try c.string()
      let contract = try c.contract(primaryExchange: false)
      return .position(account: account, contract: contract, quantity: try c.double(), averageCost: try c.double())
    case ID.positionEnd: return .positionEnd
    case ID.accountSummary:
      c.skip(1)
      return .accountSummary(
        reqId: Int(try c.int64()), account: try c.string(), tag: try c.string(), value: try c.string(),
        currency: try c.string())
    case ID.accountSummaryEnd:
      c.skip(1)
      return .accountSummaryEnd(reqId: Int(try c.int64()))
    case ID.contractDetails: return try IBContractDetails.decode(&c)
    case ID.contractDetailsEnd:
      c.skip(1)
      return .contractDetailsEnd(reqId: Int(try c.int64()))
    case ID.currentTime:
      c.skip(1)
      return .currentTime(try c.int64())
    default: return .other(id: id)
    }
  }
}

/// Reads fields in order; empty numeric fields read as 0 (TWS sends "" for unset values).
struct Cursor {
  let fields: [String]
  let name: String
  var index = 0

  mutating func skip(_ n: Int) { index += n }

  mutating func string() throws(IBError) -> String {
    guard index < fields.count else {
      throw .connection("\(name) ended after \(fields.count) fields, expected at least \(index + 1)")
    }
    defer { index += 1 }
    return fields[index]
  }

  mutating func int64() throws(IBError) -> Int64 {
    let text = try string()
    if text.isEmpty { return 0 }
    guard let value = Int64(text) else { throw .connection("\(name) field \(index): expected an integer, got '\(text)'") }
    return value
  }

  mutating func double() throws(IBError) -> Double {
    let text = try string()
    if text.isEmpty { return 0 }
    if text == "Infinity" || text == "Infinite" { return .infinity }
    guard let value = Double(text) else { throw .connection("\(name) field \(index): expected a number, got '\(text)'") }
    return value
  }

  /// conId, symbol, secType, lastTradeDate, strike, right, multiplier, exchange,
  /// [primaryExchange,] currency, localSymbol, tradingClass.
  mutating func contract(primaryExchange: Bool) throws(IBError) -> IBContract {
    let conId = try int64()
    var c = IBContract(symbol: try string(), secType: try string())
    skip(4)
    c.conId = conId
    c.exchange = try string()
    if primaryExchange { c.primaryExchange = try string() }
    c.currency = try string()
    c.localSymbol = try string()
    c.tradingClass = try string()
    return c
  }
}

/// orderStatus: where an order stands and what has filled.
struct IBOrderStatus: Sendable, Equatable {
  var orderId: Int64
  /// PendingSubmit, PendingCancel, PreSubmitted, Submitted, ApiCancelled, Cancelled, Filled, Inactive.
  var status: String
  var filled: Double
  var remaining: Double
  var averagePrice: Double
  var permId: Int64
  var parentId: Int64
  var lastFillPrice: Double
  var clientId: Int
  var whyHeld: String

  var isDone: Bool { ["Cancelled", "ApiCancelled", "Filled", "Inactive"].contains(status) }
}

/// The part of openOrder this client uses: the order's id, contract, side, quantity, type,
/// limit, account, orderRef and status.
struct IBOpenOrder: Sendable, Equatable {
  var orderId: Int64
  var contract: IBContract
  var action: String
  var quantity: Double
  var orderType: String
  var limitPrice: Double
  var account: String
  var orderRef: String
  var clientId: Int
  var permId: Int64
  /// From the order state block; "" when a block this client does not read (conditions)
  /// stands before it.
  var status: String

  init(_ c: inout Cursor) throws(IBError) {
    orderId = try c.int64()
    contract = try c.contract(primaryExchange: false)
    action = try c.string()
    quantity = try c.double()
    orderType = try c.string()
    limitPrice = try c.double()
    c.skip(3)  // auxPrice, tif, ocaGroup
    account = try c.string()
    c.skip(2)  // openClose, origin
    orderRef = try c.string()
    clientId = Int(try c.int64())
    permId = try c.int64()
    status = (try? Self.readStatus(&c)) ?? ""
  }

  /// Walks the variable part of openOrder (server 176) to the order state's status.
  private static func readStatus(_ c: inout Cursor) throws(IBError) -> String {
    // outsideRth … faProfile (9), modelCode … volatilityType (27), then delta-neutral type.
    c.skip(9 + 27)
    let deltaNeutralType = try c.string()
    c.skip(1)  // deltaNeutralAuxPrice
    if !deltaNeutralType.isEmpty { c.skip(8) }
    c.skip(7)  // continuousUpdate … comboLegsDescrip
    let legs = Int(try c.int64())
    c.skip(legs * 8)
    let orderLegs = Int(try c.int64())
    c.skip(orderLegs)
    let params = Int(try c.int64())
    c.skip(params * 2)
    c.skip(2)  // scaleInitLevelSize, scaleSubsLevelSize
    let increment = try c.double()
    if increment > 0 && increment < Double(Float.greatestFiniteMagnitude) { c.skip(7) }
    let hedge = try c.string()
    if !hedge.isEmpty { c.skip(1) }
    c.skip(4)  // optOutSmartRouting, clearingAccount, clearingIntent, notHeld
    if try c.int64() != 0 { c.skip(3) }  // delta-neutral contract
    let algo = try c.string()
    if !algo.isEmpty {
      let n = Int(try c.int64())
      c.skip(n * 2)
    }
    c.skip(2)  // solicited, whatIf
    return try c.string()
  }
}

/// execDetails: one execution (server 176: no message version, lastLiquidity, no
/// pendingPriceRevision).
struct IBExecution: Sendable, Equatable {
  var orderId: Int64
  var contract: IBContract
  var execId: String
  /// As TWS sends it: `yyyyMMdd-HH:mm:ss` (UTC) or `yyyyMMdd  HH:mm:ss[ zone]`.
  var time: String
  var account: String
  var exchange: String
  /// BOT or SLD.
  var side: String
  var shares: Double
  var price: Double
  var permId: Int64
  var clientId: Int
  var cumulativeQuantity: Double
  var averagePrice: Double
  var orderRef: String

  init(_ c: inout Cursor) throws(IBError) {
    orderId = try c.int64()
    contract = try c.contract(primaryExchange: false)
    execId = try c.string()
    time = try c.string()
    account = try c.string()
    exchange = try c.string()
    side = try c.string()
    shares = try c.double()
    price = try c.double()
    permId = try c.int64()
    clientId = Int(try c.int64())
    c.skip(1)  // liquidation
    cumulativeQuantity = try c.double()
    averagePrice = try c.double()
    orderRef = try c.string()
    c.skip(4)  // evRule, evMultiplier, modelCode, lastLiquidity
  }

  /// The time in nanoseconds since the epoch when it is in TWS's UTC form, else nil.
  var nanoseconds: Int64? {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd-HH:mm:ss"
    return f.date(from: time).map { Int64(($0.timeIntervalSince1970 * 1e9).rounded()) }
  }
}

/// The part of contractDetails this client uses (server 176, size rules present).
struct IBContractDetails: Sendable, Equatable {
  var contract: IBContract
  var minTick: Double
  var longName: String
  var minSize: Double
  var sizeIncrement: Double

  static func decode(_ c: inout Cursor) throws(IBError) -> IBInbound {
    let reqId = Int(try c.int64())
    var contract = IBContract(symbol: try c.string(), secType: try c.string())
    c.skip(3)  // lastTradeDateOrContractMonth (with times), strike, right
    contract.exchange = try c.string()
    contract.currency = try c.string()
    contract.localSymbol = try c.string()
    c.skip(1)  // marketName
    contract.tradingClass = try c.string()
    contract.conId = try c.int64()
    let minTick = try c.double()
    c.skip(4)  // multiplier, orderTypes, validExchanges, priceMagnifier
    c.skip(1)  // underConId
    let longName = try c.string()
    contract.primaryExchange = try c.string()
    c.skip(9)  // contractMonth … evMultiplier
    let secIds = Int(try c.int64())
    c.skip(secIds * 2)
    c.skip(6)  // aggGroup, underSymbol, underSecType, marketRuleIds, realExpirationDate, stockType
    let minSize = try c.double()
    let sizeIncrement = try c.double()
    return .contractDetails(
      reqId: reqId,
      IBContractDetails(
        contract: contract, minTick: minTick, longName: longName, minSize: minSize, sizeIncrement: sizeIncrement))
  }
}
