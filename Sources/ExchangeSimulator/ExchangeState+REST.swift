import Foundation
import NIOCore

/// The REST API: `/api/v3/time`, `exchangeInfo`, `klines`, `order` (POST, GET, DELETE),
/// `openOrders`, `account`, `myTrades`.
extension ExchangeState {
  /// Answers one request; returns the answer and the stream messages it caused.
  func handle(method: String, path: String, query: String, body: String, apiKey key: String?) -> (
    SimulatedResponse, [(any Channel, String)]
  ) {
    lock.lock()
    defer { lock.unlock() }
    let now = clock()
    var messages: [(any Channel, String)] = []
    var response = routeLocked(
      method: method, path: path, query: query, body: body, key: key, now: now, messages: &messages)
    requests.append(RecordedRequest(time: now, method: method, path: path, status: response.status))
    // One unit of weight per request: enough for the client's bookkeeping to be checked.
    response.headers.append(("X-MBX-USED-WEIGHT-1M", "\(requests.count)"))
    return (response, messages)
  }

  private func routeLocked(
    method: String, path: String, query: String, body: String, key: String?, now: Int64,
    messages: inout [(any Channel, String)]
  ) -> SimulatedResponse {
    if now < blockedUntil {
      earlyRequests += 1
      let seconds = (blockedUntil - now + 999) / 1000
      var r = SimulatedResponse.error(blockStatus, -1003, "Too many requests; wait before sending more.")
      r.headers.append(("Retry-After", "\(seconds)"))
      return r
    }
    var delay: Int64 = 0
    var drop = false
    if let fault = faults.first {
      switch fault {
      case let .rateLimit(seconds), let .ban(seconds):
        faults.removeFirst()
        blockedUntil = now + Int64(seconds) * 1000
        if case .ban = fault { blockStatus = 418 } else { blockStatus = 429 }
        var r = SimulatedResponse.error(blockStatus, -1003, "Too many requests; wait before sending more.")
        r.headers.append(("Retry-After", "\(seconds)"))
        return r
      case let .delay(ms):
        faults.removeFirst()
        delay = ms
      case .disconnectAfterAccept:
        if method == "POST" && path == "/api/v3/order" {
          faults.removeFirst()
          drop = true
        }
      }
    }
    let parameters = Self.parse(query).merging(Self.parse(body)) { $1 }
    var response: SimulatedResponse
    switch (method, path) {
    case ("GET", "/api/v3/time"), ("GET", "/api/v3/ping"):
      response = SimulatedResponse(
        status: 200, body: path.hasSuffix("time") ? json(["serverTime": now]) : "{}")
    case ("GET", "/api/v3/exchangeInfo"):
      response = exchangeInfoLocked(parameters["symbols"], now: now)
    case ("GET", "/api/v3/klines"):
      response = klinesLocked(parameters)
    case (_, "/api/v3/order"), ("GET", "/api/v3/openOrders"), ("GET", "/api/v3/account"),
      ("GET", "/api/v3/myTrades"):
      if let refusal = verifyLocked(total: query + body, apiKey: key, parameters: parameters) {
        return refusal
      }
      switch (method, path) {
      case ("POST", _): response = placeLocked(parameters, now: now, messages: &messages)
      case ("GET", "/api/v3/order"): response = queryLocked(parameters)
      case ("DELETE", _): response = cancelLocked(parameters, now: now, messages: &messages)
      case ("GET", "/api/v3/openOrders"):
        let list = orders.filter {
          $0.working && (parameters["symbol"] == nil || $0.symbol == parameters["symbol"])
        }
        response = SimulatedResponse(status: 200, body: json(list.map { orderObject($0) }))
      case ("GET", "/api/v3/account"):
        let list = balances.keys.sorted().map { asset -> [String: Any] in
          let locked = lockedLocked(asset)
          return [
            "asset": asset, "free": decimal((balances[asset] ?? 0) - locked), "locked": decimal(locked),
          ]
        }
        response = SimulatedResponse(
          status: 200,
          body: json(["balances": list, "canTrade": true, "accountType": "SPOT", "updateTime": now]))
      case ("GET", "/api/v3/myTrades"):
        response = myTradesLocked(parameters)
      default:
        response = .error(404, -1000, "Unknown endpoint \(method) \(path).")
      }
    default:
      response = .error(404, -1000, "Unknown endpoint \(method) \(path).")
    }
    response.delay = method == "POST" && path == "/api/v3/order" ? max(delay, orderDelay) : delay
    if drop && response.status == 200 { response.dropConnection = true }
    return response
  }

  private func exchangeInfoLocked(_ list: String?, now: Int64) -> SimulatedResponse {
    var wanted = Array(symbols.keys).sorted()
    if let list {
      let names = list.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).split(separator: ",").map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
      }
      for name in names where symbols[name] == nil { return .error(400, -1121, "Invalid symbol.") }
      wanted = names
    }
    let objects = wanted.compactMap { symbols[$0] }.map { s -> [String: Any] in
      [
        "symbol": s.symbol, "status": "TRADING", "baseAsset": s.baseAsset, "quoteAsset": s.quoteAsset,
        "orderTypes": ["LIMIT", "MARKET"],
        "filters": [
          [
            "filterType": "PRICE_FILTER", "minPrice": decimal(s.tickSize), "maxPrice": "1000000.00000000",
            "tickSize": decimal(s.tickSize),
          ],
          [
            "filterType": "LOT_SIZE", "minQty": decimal(s.minQuantity), "maxQty": decimal(s.maxQuantity),
            "stepSize": decimal(s.stepSize),
          ],
          [
            "filterType": "NOTIONAL", "minNotional": decimal(s.minNotional), "applyMinToMarket": true,
            "maxNotional": "9000000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5,
          ],
        ],
      ]
    }
    return SimulatedResponse(
      status: 200,
      body: json(["timezone": "UTC", "serverTime": now, "rateLimits": [] as [Any], "symbols": objects]))
  }

  private func klinesLocked(_ p: [String: String]) -> SimulatedResponse {
    guard let symbol = p["symbol"], let interval = p["interval"] else {
      return .error(400, -1102, "Mandatory parameter 'symbol' or 'interval' was not sent.")
    }
    let start = p["startTime"].flatMap { Int64($0) } ?? .min
    let end = p["endTime"].flatMap { Int64($0) } ?? .max
    let limit = p["limit"].flatMap { Int($0) } ?? 500
    let rows = (klines["\(symbol) \(interval)"] ?? []).filter {
      let open = ($0[0] as? Int64) ?? 0
      return open >= start && open <= end
    }
    return SimulatedResponse(status: 200, body: json(Array(rows.prefix(limit))))
  }

  private func myTradesLocked(_ p: [String: String]) -> SimulatedResponse {
    let id = p["orderId"].flatMap { Int64($0) }
    var rows: [[String: Any]] = []
    for o in orders where o.symbol == p["symbol"] && (id == nil || o.orderId == id) {
      let asset = symbols[o.symbol]?.quoteAsset ?? ""
      for e in o.executions {
        rows.append([
          "symbol": o.symbol, "id": e.tradeId, "orderId": o.orderId, "price": decimal(e.price),
          "qty": decimal(e.quantity),
          "quoteQty": decimal(e.price * e.quantity), "commission": decimal(e.commission),
          "commissionAsset": asset,
          "time": e.time, "isBuyer": o.side == "BUY", "isMaker": o.type == "LIMIT",
        ])
      }
    }
    return SimulatedResponse(status: 200, body: json(rows))
  }

  func lockedLocked(_ asset: String) -> Double {
    var total = 0.0
    for o in orders where o.working {
      guard let s = symbols[o.symbol] else { continue }
      if o.side == "BUY" && asset == s.quoteAsset { total += (o.quantity - o.executed) * o.price }
      if o.side == "SELL" && asset == s.baseAsset { total += o.quantity - o.executed }
    }
    return total
  }
}
