import Execution
import Foundation

/// The `/api/v3` endpoints the adapter uses.
extension BinanceREST {
  /// `GET /api/v3/exchangeInfo?symbols=[...]`: the rules of each symbol.
  public func exchangeInfo(symbols: [String]) throws(BinanceError) -> [String: SymbolRules] {
    let list = "[" + symbols.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    let body = try send(.GET, "/api/v3/exchangeInfo", [("symbols", list)], signed: false)
    var rules: [String: SymbolRules] = [:]
    for payload in try decode(ExchangeInfoPayload.self, body, what: "exchangeInfo").symbols {
      rules[payload.symbol] = try SymbolRules(payload)
    }
    return rules
  }

  /// `GET /api/v3/order?origClientOrderId=`: the order, or nil when the exchange has none
  /// (error -2013).
  public func order(clientId: String, symbol: String) throws(BinanceError) -> OrderReport? {
    do {
      let body = try send(
        .GET, "/api/v3/order", [("symbol", symbol), ("origClientOrderId", clientId)], signed: true)
      return try decode(OrderPayload.self, body, what: "order").report()
    } catch let .exchange(_, code, _) where code == BinanceError.Code.noSuchOrder {
      return nil
    }
  }

  /// `POST /api/v3/order` with `newOrderRespType=FULL`: MARKET, or LIMIT GTC at `price`.
  /// Returns the order and the commission of the fills in the answer, by asset.
  public func place(
    clientId: String, symbol: String, side: OrderSide, quantity: String, limit price: String?
  ) throws(BinanceError) -> (report: OrderReport, commissions: [String: Double]) {
    var parameters = [
      ("symbol", symbol), ("side", side.binance), ("type", price == nil ? "MARKET" : "LIMIT"),
    ]
    if let price { parameters += [("timeInForce", "GTC"), ("price", price)] }
    parameters += [("quantity", quantity), ("newClientOrderId", clientId), ("newOrderRespType", "FULL")]
    let body = try send(.POST, "/api/v3/order", parameters, signed: true)
    let payload = try decode(OrderPayload.self, body, what: "new order")
    var commissions: [String: Double] = [:]
    for fill in payload.fills ?? [] {
      commissions[fill.commissionAsset, default: 0] += try number(fill.commission, "fills.commission")
    }
    return (try payload.report(), commissions)
  }

  /// `DELETE /api/v3/order?origClientOrderId=`.
  public func cancel(clientId: String, symbol: String) throws(BinanceError) -> OrderReport {
    let body = try send(
      .DELETE, "/api/v3/order", [("symbol", symbol), ("origClientOrderId", clientId)], signed: true)
    return try decode(OrderPayload.self, body, what: "cancel").report()
  }

  /// `GET /api/v3/openOrders` (of one symbol, or all).
  public func openOrders(symbol: String?) throws(BinanceError) -> [OrderReport] {
    let body = try send(.GET, "/api/v3/openOrders", symbol.map { [("symbol", $0)] } ?? [], signed: true)
    var reports: [OrderReport] = []
    for payload in try decode([OrderPayload].self, body, what: "open orders") {
      reports.append(try payload.report())
    }
    return reports
  }

  /// `GET /api/v3/account?omitZeroBalances=true`: balances.
  public func balances() throws(BinanceError) -> [AssetBalance] {
    let body = try send(.GET, "/api/v3/account", [("omitZeroBalances", "true")], signed: true)
    var out: [AssetBalance] = []
    for b in try decode(AccountPayload.self, body, what: "account").balances {
      let free = try number(b.free, "free"), locked = try number(b.locked, "locked")
      if free != 0 || locked != 0 { out.append(AssetBalance(asset: b.asset, free: free, locked: locked)) }
    }
    return out
  }

  /// `GET /api/v3/myTrades?orderId=`: commission paid on one order's executions, by asset.
  public func commissions(symbol: String, orderId: Int64) throws(BinanceError) -> [String: Double] {
    let body = try send(
      .GET, "/api/v3/myTrades", [("symbol", symbol), ("orderId", "\(orderId)")], signed: true)
    var out: [String: Double] = [:]
    for trade in try decode([AccountTradePayload].self, body, what: "trades") {
      out[trade.commissionAsset, default: 0] += try number(trade.commission, "commission")
    }
    return out
  }

  /// `GET /api/v3/klines`: closed candles of `interval` with open times in [start, end] (ms,
  /// UTC), oldest first, at most `limit` (≤ 1000).
  public func klines(symbol: String, interval: String, start: Int64, end: Int64, limit: Int = 1000)
    throws(BinanceError) -> [Kline]
  {
    let body = try send(
      .GET, "/api/v3/klines",
      [
        ("symbol", symbol), ("interval", interval), ("startTime", "\(start)"), ("endTime", "\(end)"),
        ("limit", "\(min(max(limit, 1), 1000))"),
      ], signed: false)
    guard let rows = try? JSONSerialization.jsonObject(with: Data(body)) as? [[Any]] else {
      throw .malformed("klines: expected an array of arrays")
    }
    var out: [Kline] = []
    for row in rows {
      guard row.count >= 7, let open = (row[0] as? NSNumber)?.int64Value,
        let close = (row[6] as? NSNumber)?.int64Value
      else { throw .malformed("klines: a row without open and close times") }
      func value(_ i: Int) throws(BinanceError) -> Double {
        guard let text = row[i] as? String else {
          throw .malformed("klines: field \(i) is not a decimal string")
        }
        return try number(text, "kline[\(i)]")
      }
      out.append(
        Kline(
          symbol: symbol, interval: interval, openTime: open, closeTime: close, open: try value(1),
          high: try value(2),
          low: try value(3), close: try value(4), volume: try value(5), closed: true))
    }
    return out
  }
}

/// One candle as Binance reports it (times in ms, UTC).
public struct Kline: Sendable, Equatable {
  public var symbol: String
  public var interval: String
  public var openTime: Int64
  public var closeTime: Int64
  public var open: Double
  public var high: Double
  public var low: Double
  public var close: Double
  public var volume: Double
  /// Whether the candle is final (`x` in the stream; always true over REST).
  public var closed: Bool

  public init(
    symbol: String, interval: String, openTime: Int64, closeTime: Int64, open: Double, high: Double,
    low: Double,
    close: Double, volume: Double, closed: Bool
  ) {
    self.symbol = symbol
    self.interval = interval
    self.openTime = openTime
    self.closeTime = closeTime
    self.open = open
    self.high = high
    self.low = low
    self.close = close
    self.volume = volume
    self.closed = closed
  }
}
