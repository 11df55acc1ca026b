import Foundation

extension Trading212Simulator {
  /// Documented limits: requests per period in seconds, by endpoint.
  static let documented: [String: (Int, Double)] = [
    "GET /api/v0/equity/account/summary": (1, 5), "GET /api/v0/equity/metadata/instruments": (1, 50),
    "GET /api/v0/equity/positions": (1, 1), "GET /api/v0/equity/orders": (1, 5),
    "GET /api/v0/equity/orders/{id}": (1, 1), "DELETE /api/v0/equity/orders/{id}": (50, 60),
    "POST /api/v0/equity/orders/market": (50, 60), "POST /api/v0/equity/orders/limit": (1, 2),
    "GET /api/v0/equity/history/orders": (6, 60),
  ]

  func handle(method: String, path: String, query: [String: String], body: String, authorization: String?) -> SimResponse {
    let segments = path.split(separator: "/").map(String.init)
    let key = "\(method) /" + segments.map { $0.allSatisfy(\.isNumber) ? "{id}" : $0 }.joined(separator: "/")
    guard authorization == self.authorization else {
      lock.withLock { unauthorized += 1 }
      return SimResponse(status: 401, body: jsonText(["code": "AuthenticationFailed", "message": "Bad API key"]))
    }
    guard let (requests, period) = Self.documented[key] else {
      return SimResponse(status: 404, body: jsonText(["message": "no such endpoint \(key)"]))
    }
    let now = Date().timeIntervalSince1970
    var headers: [(String, String)] = []
    let allowed: Bool = lock.withLock {
      var l = limits[key] ?? Limit(requests: requests, period: period / rateScale)
      l.sent.removeAll { now - $0 >= l.period }
      let ok = l.sent.count < l.requests
      if ok { l.sent.append(now) }
      let reset = (l.sent.first ?? now) + l.period
      headers = [
        ("x-ratelimit-limit", String(l.requests)), ("x-ratelimit-period", String(format: "%.3f", l.period)),
        ("x-ratelimit-remaining", String(max(0, l.requests - l.sent.count))),
        ("x-ratelimit-reset", String(format: "%.3f", reset)), ("x-ratelimit-used", String(l.sent.count)),
      ]
      limits[key] = l
      if !ok { rateLimited += 1 }
      return ok
    }
    guard allowed else {
      return SimResponse(status: 429, body: jsonText(["message": "Limited: \(requests) / \(period)s"]), headers: headers)
    }
    var response = route(key: key, segments: segments, query: query, body: body)
    response.headers += headers
    return response
  }

  private func route(key: String, segments: [String], query: [String: String], body: String) -> SimResponse {
    switch key {
    case "GET /api/v0/equity/account/summary":
      return lock.withLock {
        SimResponse(
          status: 200,
          body: jsonText([
            "id": 12_345_678, "currency": currency, "totalValue": cash,
            "cash": ["availableToTrade": cash, "reservedForOrders": 0, "inPies": 0],
          ]))
      }
    case "GET /api/v0/equity/metadata/instruments":
      return lock.withLock {
        SimResponse(
          status: 200,
          body: jsonText(
            instruments.values.sorted { $0.ticker < $1.ticker }.map {
              [
                "ticker": $0.ticker, "currencyCode": $0.currency, "type": $0.type, "name": "\($0.ticker) simulated",
                "shortName": $0.ticker, "maxOpenQuantity": $0.maxOpenQuantity, "isin": "XX0000000000",
              ] as [String: Any]
            }))
      }
    case "GET /api/v0/equity/positions":
      return lock.withLock {
        var held: [String: Double] = [:]
        for o in orders { held[o.ticker, default: 0] += o.filled }
        let list = held.filter { abs($0.value) > 1e-12 }.sorted { $0.key < $1.key }.map { t, q -> [String: Any] in
          ["instrument": ["ticker": t, "currency": instruments[t]?.currency ?? ""], "quantity": q,
           "currentPrice": instruments[t]?.price ?? 0]
        }
        return SimResponse(status: 200, body: jsonText(list))
      }
    case "GET /api/v0/equity/orders":
      return lock.withLock { SimResponse(status: 200, body: jsonText(orders.filter(\.pending).map(orderJSON))) }
    case "GET /api/v0/equity/orders/{id}", "DELETE /api/v0/equity/orders/{id}":
      let id = Int64(segments.last ?? "") ?? -1
      return lock.withLock {
        guard let i = orders.firstIndex(where: { $0.id == id }), orders[i].pending else {
          return SimResponse(status: 404, body: jsonText(["message": "Order not found"]))
        }
        if key.hasPrefix("DELETE") {
          orders[i].status = "CANCELLED"
          return SimResponse(status: 200, body: "")
        }
        return SimResponse(status: 200, body: jsonText(orderJSON(orders[i])))
      }
    case "POST /api/v0/equity/orders/market", "POST /api/v0/equity/orders/limit":
      return place(limit: key.hasSuffix("limit"), body: body)
    case "GET /api/v0/equity/history/orders":
      return history(query)
    default:
      return SimResponse(status: 404, body: "")
    }
  }

  func orderJSON(_ o: T212SimOrder) -> [String: Any] {
    var out: [String: Any] = [
      "id": o.id, "ticker": o.ticker, "type": o.type, "status": o.status, "quantity": o.quantity,
      "filledQuantity": o.filled, "side": o.quantity < 0 ? "SELL" : "BUY", "createdAt": iso(o.created),
      "currency": instruments[o.ticker]?.currency ?? "", "strategy": "QUANTITY", "initiatedFrom": "API",
      "extendedHours": false, "instrument": ["ticker": o.ticker, "currency": instruments[o.ticker]?.currency ?? ""],
    ]
    if o.type == "LIMIT" { out["limitPrice"] = o.limitPrice }
    return out
  }

  private func place(limit: Bool, body: String) -> SimResponse {
    guard let o = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any],
      let ticker = o["ticker"] as? String, let quantity = (o["quantity"] as? NSNumber)?.doubleValue,
      quantity.isFinite, quantity != 0
    else {
      return SimResponse(status: 400, body: jsonText(["message": "Failed validation: ticker and a non-zero quantity"]))
    }
    let limitPrice = (o["limitPrice"] as? NSNumber)?.doubleValue ?? 0
    if limit && !(limitPrice > 0) {
      return SimResponse(status: 400, body: jsonText(["message": "Failed validation: limitPrice"]))
    }
    var answer: SimResponse = SimResponse(status: 500, body: "")
    var slow: (Int64, Double, Int)?
    lock.withLock {
      guard let instrument = instruments[ticker] else {
        answer = SimResponse(status: 400, body: jsonText(["message": "Failed validation: unknown ticker \(ticker)"]))
        return
      }
      if abs(quantity) > instrument.maxOpenQuantity || rejectNext {
        rejectNext = false
        answer = SimResponse(status: 400, body: jsonText(["code": "InsufficientResources", "message": "order rejected"]))
        return
      }
      if !limit, let next = scripted[ticker]?.first {
        scripted[ticker]?.removeFirst()
        instruments[ticker]?.price = next
      }
      nextId += 1
      orders.append(
        T212SimOrder(
          id: nextId, ticker: ticker, type: limit ? "LIMIT" : "MARKET", quantity: quantity, limitPrice: limitPrice,
          status: "NEW", created: Date()))
      let i = orders.count - 1
      let price = limit ? limitPrice : instruments[ticker]?.price ?? 0
      if marketable(orders[i]) {
        let fillAt = limit ? min(limitPrice, instrument.price) : price
        if fillDelay > 0 {
          slow = (nextId, fillAt, partialFills)
        } else {
          execute(i, price: quantity > 0 ? fillAt : (limit ? max(limitPrice, instrument.price) : price), pieces: partialFills)
        }
      }
      answer = SimResponse(status: 200, body: jsonText(orderJSON(orders[i])), drop: dropNext, delay: placementDelay)
      dropNext = false
    }
    if let (id, price, pieces) = slow {
      let step = lock.withLock { fillDelay }
      Thread.detachNewThread { [self] in
        while true {
          Thread.sleep(forTimeInterval: step)
          let more: Bool = lock.withLock {
            guard let i = orders.firstIndex(where: { $0.id == id }), orders[i].pending else { return false }
            execute(i, price: price, pieces: pieces, one: true)
            return orders[i].pending
          }
          if !more { return }
        }
      }
    }
    return answer
  }

  private func history(_ query: [String: String]) -> SimResponse {
    let limit = min(50, max(1, Int(query["limit"] ?? "") ?? 20))
    let cursor = Int64(query["cursor"] ?? "")
    let ticker = query["ticker"]
    return lock.withLock {
      let done = orders.filter { !$0.pending && (ticker == nil || $0.ticker == ticker) }
        .sorted { $0.created > $1.created }
        .filter { cursor == nil || Int64($0.created.timeIntervalSince1970 * 1000) < cursor ?? 0 }
      let page = Array(done.prefix(limit))
      let items = page.map { o -> [String: Any] in
        var item: [String: Any] = ["order": orderJSON(o)]
        if !o.fills.isEmpty {
          let q = o.fills.reduce(0) { $0 + $1.quantity }
          let value = o.fills.reduce(0) { $0 + $1.quantity * $1.price }
          item["fill"] = [
            "id": o.fills.last?.id ?? 0, "quantity": q, "price": value / q, "type": "TRADE",
            "filledAt": iso(o.fills.last?.time ?? o.created), "tradingMethod": "TOTV",
            "walletImpact": ["currency": currency, "netValue": 0, "fxRate": 1, "realisedProfitLoss": 0, "taxes": []],
          ] as [String: Any]
        }
        return item
      }
      var next: Any = NSNull()
      if done.count > limit, let last = page.last {
        next =
          "/api/v0/equity/history/orders?limit=\(limit)&cursor=\(Int64(last.created.timeIntervalSince1970 * 1000))"
          + (ticker.map { "&ticker=\($0)" } ?? "")
      }
      return SimResponse(status: 200, body: jsonText(["items": items, "nextPagePath": next]))
    }
  }
}
