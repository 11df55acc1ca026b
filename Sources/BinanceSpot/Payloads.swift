import Execution
import Foundation

/// Binance's JSON, as documented for `/api/v3` (decimals arrive as strings).
struct ErrorPayload: Decodable {
  var code: Int
  var msg: String
}

struct ServerTimePayload: Decodable {
  var serverTime: Int64
}

struct OrderFillPayload: Decodable {
  var price: String
  var qty: String
  var commission: String
  var commissionAsset: String
}

/// `POST /api/v3/order` (FULL), `GET`/`DELETE /api/v3/order`, `GET /api/v3/openOrders`.
struct OrderPayload: Decodable {
  var symbol: String
  var orderId: Int64
  var clientOrderId: String
  var origClientOrderId: String?
  var price: String
  var origQty: String
  var executedQty: String
  var cummulativeQuoteQty: String
  var status: String
  var type: String
  var side: String
  var transactTime: Int64?
  var updateTime: Int64?
  var fills: [OrderFillPayload]?

  /// The client id the order was placed with (a cancel answers with a new `clientOrderId`).
  var placedClientId: String { origClientOrderId ?? clientOrderId }

  func report() throws(BinanceError) -> OrderReport {
    guard let status = OrderStatus(binance: status) else {
      throw .malformed("unknown order status \(self.status) for \(placedClientId)")
    }
    guard let side = OrderSide(binance: side) else { throw .malformed("unknown side \(self.side)") }
    let quantity = try number(origQty, "origQty")
    let executed = try number(executedQty, "executedQty")
    let quote = try number(cummulativeQuoteQty, "cummulativeQuoteQty")
    return OrderReport(
      clientId: placedClientId, symbol: symbol, side: side, status: status, quantity: quantity,
      executedQuantity: executed, averagePrice: executed > 0 ? quote / executed : .nan, exchangeId: orderId,
      updateTime: updateTime ?? transactTime ?? 0)
  }
}

struct BalancePayload: Decodable {
  var asset: String
  var free: String
  var locked: String
}

struct AccountPayload: Decodable {
  var balances: [BalancePayload]
}

/// `GET /api/v3/myTrades`.
struct AccountTradePayload: Decodable {
  var orderId: Int64
  var price: String
  var qty: String
  var commission: String
  var commissionAsset: String
  var time: Int64
}

struct FilterPayload: Decodable {
  var filterType: String
  var minPrice: String?
  var maxPrice: String?
  var tickSize: String?
  var minQty: String?
  var maxQty: String?
  var stepSize: String?
  var minNotional: String?
  var maxNotional: String?
  var applyMinToMarket: Bool?
  var applyToMarket: Bool?
}

struct SymbolPayload: Decodable {
  var symbol: String
  var status: String
  var baseAsset: String
  var quoteAsset: String
  var filters: [FilterPayload]
}

struct ExchangeInfoPayload: Decodable {
  var symbols: [SymbolPayload]
}

/// Parses a decimal string as Binance sends it.
func number(_ text: String, _ field: String) throws(BinanceError) -> Double {
  guard let value = Double(text), value.isFinite else {
    throw .malformed("'\(field)' must be a decimal string, got \(text)")
  }
  return value
}

func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], what: String) throws(BinanceError) -> T {
  do {
    return try JSONDecoder().decode(type, from: Data(bytes))
  } catch {
    let text = String(decoding: bytes.prefix(200), as: UTF8.self)
    throw .malformed("\(what): \(text)")
  }
}

extension OrderStatus {
  /// From Binance's `NEW`, `PARTIALLY_FILLED`, `FILLED`, `CANCELED`, `REJECTED`, `EXPIRED`
  /// (and `EXPIRED_IN_MATCH`, self-trade prevention, taken as expired); nil otherwise.
  init?(binance: String) {
    switch binance {
    case "NEW", "PENDING_NEW": self = .new
    case "PARTIALLY_FILLED": self = .partiallyFilled
    case "FILLED": self = .filled
    case "CANCELED", "PENDING_CANCEL": self = .canceled
    case "REJECTED": self = .rejected
    case "EXPIRED", "EXPIRED_IN_MATCH": self = .expired
    default: return nil
    }
  }
}

extension OrderSide {
  init?(binance: String) {
    switch binance {
    case "BUY": self = .buy
    case "SELL": self = .sell
    default: return nil
    }
  }

  var binance: String { self == .buy ? "BUY" : "SELL" }
}
