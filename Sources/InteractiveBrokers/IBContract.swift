/// A contract as the TWS API names it: a stock on SMART routing in its currency, unless the
/// options say otherwise (`CRESCENT_IB_CONTRACTS`).
public struct IBContract: Sendable, Equatable {
  public var conId: Int64 = 0
  public var symbol: String
  public var secType: String = "STK"
  public var exchange: String = "SMART"
  public var primaryExchange: String = ""
  public var currency: String = "USD"
  public var localSymbol: String = ""
  public var tradingClass: String = ""

  public init(
    symbol: String, secType: String = "STK", exchange: String = "SMART", primaryExchange: String = "",
    currency: String = "USD"
  ) {
    self.symbol = symbol
    self.secType = secType
    self.exchange = exchange
    self.primaryExchange = primaryExchange
    self.currency = currency
  }

  /// The twelve contract fields of placeOrder and reqContractDetails, in the API's order:
  /// conId, symbol, secType, lastTradeDateOrContractMonth, strike, right, multiplier,
  /// exchange, primaryExchange, currency, localSymbol, tradingClass.
  var fields: [String] {
    [
      String(conId), symbol, secType, "", "0", "", "", exchange, primaryExchange, currency, localSymbol,
      tradingClass,
    ]
  }

  /// Parses `SYMBOL=SECTYPE:EXCHANGE:CURRENCY[:PRIMARY]` items separated by commas
  /// (`QQQ=STK:SMART:USD:NASDAQ,VUSA=STK:LSEETF:GBP`).
  public static func parseList(_ text: String) throws(IBError) -> [String: IBContract] {
    var out: [String: IBContract] = [:]
    for item in text.split(separator: ",") {
      let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      let parts = pair.count == 2 ? pair[1].split(separator: ":", omittingEmptySubsequences: false).map(String.init) : []
      guard pair.count == 2, !pair[0].isEmpty, (3...4).contains(parts.count), parts.prefix(3).allSatisfy({ !$0.isEmpty })
      else {
        throw .configuration(
          "contract '\(item)': expected SYMBOL=SECTYPE:EXCHANGE:CURRENCY[:PRIMARY], e.g. QQQ=STK:SMART:USD:NASDAQ")
      }
      out[pair[0]] = IBContract(
        symbol: pair[0], secType: parts[0], exchange: parts[1], primaryExchange: parts.count > 3 ? parts[3] : "",
        currency: parts[2])
    }
    return out
  }
}

import Foundation
