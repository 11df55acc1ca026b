import Foundation
import NIOCore

/// Orders: placement with Binance's checks, matching, cancels and execution reports.
extension ExchangeState {
  func placeLocked(_ p: [String: String], now: Int64, messages: inout [(any Channel, String)])
    -> SimulatedResponse
  {
    for name in ["symbol", "side", "type", "quantity"] where (p[name] ?? "").isEmpty {
      return .error(400, -1102, "Mandatory parameter '\(name)' was not sent, was empty/null, or malformed.")
    }
    guard let symbol = p["symbol"], var s = symbols[symbol] else {
      return .error(400, -1121, "Invalid symbol.")
    }
    guard let side = p["side"], side == "BUY" || side == "SELL" else {
      return .error(400, -1100, "Illegal characters found in parameter 'side'.")
    }
    guard let type = p["type"], type == "MARKET" || type == "LIMIT" else {
      return .error(400, -1116, "Invalid orderType.")
    }
    guard let quantity = p["quantity"].flatMap(Double.init), quantity > 0 else {
      return .error(400, -1100, "Illegal characters found in parameter 'quantity'.")
    }
    var price = 0.0
    if type == "LIMIT" {
      guard p["timeInForce"] == "GTC" || p["timeInForce"] == "IOC" || p["timeInForce"] == "FOK" else {
        return .error(
          400, -1102, "Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.")
      }
      guard let limit = p["price"].flatMap(Double.init), limit > 0 else {
        return .error(400, -1102, "Mandatory parameter 'price' was not sent, was empty/null, or malformed.")
      }
      guard Self.onGrid(limit, s.tickSize) else { return .error(400, -1013, "Filter failure: PRICE_FILTER") }
      price = limit
    }
    guard Self.onGrid(quantity, s.stepSize), quantity >= s.minQuantity - 1e-12, quantity <= s.maxQuantity
    else {
      return .error(400, -1013, "Filter failure: LOT_SIZE")
    }
    let reference = type == "LIMIT" ? price : s.price
    guard quantity * reference >= s.minNotional else { return .error(400, -1013, "Filter failure: NOTIONAL") }
    let clientId = p["newClientOrderId"] ?? "sim-\(nextOrderId)"
    if orders.contains(where: { $0.clientId == clientId && $0.working }) {
      return .error(400, -2010, "Duplicate order sent.")
    }
    let (spend, spendAsset) = side == "BUY" ? (quantity * reference, s.quoteAsset) : (quantity, s.baseAsset)
    if (balances[spendAsset] ?? 0) - lockedLocked(spendAsset) < spend - 1e-9 {
      return .error(400, -2010, "Account has insufficient balance for requested action.")
    }
    if var queue = scriptedPrices[symbol], !queue.isEmpty {
      s.price = queue.removeFirst()
      scriptedPrices[symbol] = queue
      symbols[symbol]?.price = s.price
    }
    var order = SimulatedOrder(
      orderId: nextOrderId, clientId: clientId, symbol: symbol, side: side, type: type, price: price,
      quantity: quantity,
      status: "NEW", time: now, updateTime: now)
    nextOrderId += 1
    orders.append(order)
    let index = orders.count - 1
    messages += reportLocked(order, execution: "NEW", last: nil, now: now)
    let marketable = type == "MARKET" || (side == "BUY" ? price >= s.price : price <= s.price)
    if marketable && fillDelay > 0 {
      // Taker, but the executions come later, one piece per `fillDelay`, at today's price.
      scheduleFill(orderId: order.orderId, at: s.price, pieces: max(1, partialFills))
    } else if marketable {
      // Taker: fills at the market price (a marketable limit gets the better price).
      messages += fillLocked(index, at: s.price, now: now)
    }
    order = orders[index]
    var object = orderObject(order)
    object["transactTime"] = now
    object["fills"] = order.executions.map {
      [
        "price": decimal($0.price), "qty": decimal($0.quantity), "commission": decimal($0.commission),
        "commissionAsset": s.quoteAsset, "tradeId": $0.tradeId,
      ] as [String: Any]
    }
    return SimulatedResponse(status: 200, body: json(object))
  }

  static func onGrid(_ value: Double, _ step: Double) -> Bool {
    guard step > 0 else { return true }
    let units = value / step
    return abs(units - units.rounded()) < 1e-6
  }

  private func findLocked(_ p: [String: String]) -> Int? {
    if let id = p["origClientOrderId"] {
      return orders.lastIndex { $0.clientId == id && $0.symbol == p["symbol"] }
    }
    if let id = p["orderId"].flatMap({ Int64($0) }) {
      return orders.firstIndex { $0.orderId == id && $0.symbol == p["symbol"] }
    }
    return nil
  }

  func queryLocked(_ p: [String: String]) -> SimulatedResponse {
    guard let i = findLocked(p) else { return .error(400, -2013, "Order does not exist.") }
    return SimulatedResponse(status: 200, body: json(orderObject(orders[i])))
  }

  func cancelLocked(_ p: [String: String], now: Int64, messages: inout [(any Channel, String)])
    -> SimulatedResponse
  {
    guard let i = findLocked(p), orders[i].working else { return .error(400, -2011, "Unknown order sent.") }
    orders[i].status = "CANCELED"
    orders[i].updateTime = now
    messages += reportLocked(orders[i], execution: "CANCELED", last: nil, now: now)
    var object = orderObject(orders[i])
    object["origClientOrderId"] = orders[i].clientId
    object["clientOrderId"] = "cancel-\(orders[i].orderId)"
    object["transactTime"] = now
    return SimulatedResponse(status: 200, body: json(object))
  }

  /// Executes the rest of order `i` at `price` in `partialFills` pieces (the last takes the
  /// remainder), paying `commissionRate` of the quote amount in the quote asset.
  func fillLocked(_ i: Int, at price: Double, now: Int64) -> [(any Channel, String)] {
    guard let s = symbols[orders[i].symbol] else { return [] }
    var messages: [(any Channel, String)] = []
    let pieces = max(1, partialFills)
    let remaining = orders[i].quantity - orders[i].executed
    let step = s.stepSize > 0 ? s.stepSize : remaining
    let piece = max(step, (remaining / Double(pieces) / step).rounded(.down) * step)
    for k in 0..<pieces {
      let left = orders[i].quantity - orders[i].executed
      if left <= 1e-12 { break }
      messages += executeLocked(i, quantity: k == pieces - 1 ? left : min(piece, left), at: price, now: now)
    }
    return messages
  }

  /// One execution of `quantity` of order `i` at `price`: balances move, the order's status
  /// follows, and subscribers get the `executionReport` and the `outboundAccountPosition`.
  func executeLocked(_ i: Int, quantity q: Double, at price: Double, now: Int64) -> [(any Channel, String)] {
    guard let s = symbols[orders[i].symbol] else { return [] }
    let commission = q * price * commissionRate
    let e = SimulatedExecution(
      tradeId: nextAccountTrade, price: price, quantity: q, commission: commission, time: now)
    nextAccountTrade += 1
    orders[i].executions.append(e)
    orders[i].updateTime = now
    let done = orders[i].quantity - orders[i].executed <= 1e-12
    orders[i].status = done ? "FILLED" : "PARTIALLY_FILLED"
    let sign: Double = orders[i].side == "BUY" ? 1 : -1
    balances[s.baseAsset, default: 0] += sign * q
    balances[s.quoteAsset, default: 0] -= sign * q * price + commission
    return reportLocked(orders[i], execution: "TRADE", last: e, now: now)
  }

  /// Resting limits the trade price crosses fill at their own price (as makers).
  func matchLocked(symbol: String, price: Double, now: Int64) -> [(any Channel, String)] {
    var messages: [(any Channel, String)] = []
    for i in orders.indices where orders[i].working && orders[i].symbol == symbol && orders[i].type == "LIMIT"
    {
      let crosses = orders[i].side == "BUY" ? price <= orders[i].price : price >= orders[i].price
      if crosses { messages += fillLocked(i, at: orders[i].price, now: now) }
    }
    return messages
  }

  func orderObject(_ o: SimulatedOrder) -> [String: Any] {
    [
      "symbol": o.symbol, "orderId": o.orderId, "orderListId": -1, "clientOrderId": o.clientId,
      "price": decimal(o.price), "origQty": decimal(o.quantity), "executedQty": decimal(o.executed),
      "cummulativeQuoteQty": decimal(o.quote), "status": o.status,
      "timeInForce": o.type == "LIMIT" ? "GTC" : "GTC",
      "type": o.type, "side": o.side, "stopPrice": "0.00000000", "icebergQty": "0.00000000", "time": o.time,
      "updateTime": o.updateTime, "isWorking": o.working, "workingTime": o.time,
      "origQuoteOrderQty": "0.00000000", "selfTradePreventionMode": "EXPIRE_MAKER",
    ]
  }

  /// An `executionReport` to every subscribed WebSocket API connection.
  func reportLocked(_ o: SimulatedOrder, execution: String, last: SimulatedExecution?, now: Int64) -> [(
    any Channel, String
  )] {
    let canceled = execution == "CANCELED"
    let event: [String: Any] = [
      "e": "executionReport", "E": now, "s": o.symbol, "c": canceled ? "cancel-\(o.orderId)" : o.clientId,
      "S": o.side, "o": o.type, "f": "GTC", "q": decimal(o.quantity), "p": decimal(o.price),
      "P": "0.00000000",
      "F": "0.00000000", "g": -1, "C": canceled ? o.clientId : "", "x": execution, "X": o.status, "r": "NONE",
      "i": o.orderId, "l": decimal(last?.quantity ?? 0), "z": decimal(o.executed),
      "L": decimal(last?.price ?? 0),
      "n": decimal(last?.commission ?? 0),
      "N": last == nil ? NSNull() : (symbols[o.symbol]?.quoteAsset ?? "") as Any,
      "T": now, "t": last?.tradeId ?? -1, "w": o.working, "m": o.type == "LIMIT" && last != nil, "O": o.time,
      "Z": decimal(o.quote), "Y": decimal((last?.quantity ?? 0) * (last?.price ?? 0)), "Q": "0.00000000",
    ]
    var out: [(any Channel, String)] = []
    var assets: [String] = []
    if let s = symbols[o.symbol] { assets = [s.baseAsset, s.quoteAsset] }
    let position: [String: Any] = [
      "e": "outboundAccountPosition", "E": now, "u": now,
      "B": assets.map { asset -> [String: Any] in
        let locked = lockedLocked(asset)
        return ["a": asset, "f": decimal((balances[asset] ?? 0) - locked), "l": decimal(locked)]
      },
    ]
    for peer in peers.values where peer.isAPI && !apiSilent {
      if let id = peer.subscription {
        out.append((peer.channel, json(["subscriptionId": id, "event": event])))
        out.append((peer.channel, json(["subscriptionId": id, "event": position])))
      }
    }
    return out
  }

  /// Executes order `orderId` one piece per `fillDelay` ms (real time), at `price`, until it
  /// is filled or no longer working.
  func scheduleFill(orderId: Int64, at price: Double, pieces: Int) {
    let delay = fillDelay
    DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(delay))) { [self] in
      let (messages, more) = withLock { () -> ([(any Channel, String)], Bool) in
        guard let i = orders.firstIndex(where: { $0.orderId == orderId }), orders[i].working else {
          return ([], false)
        }
        let left = orders[i].quantity - orders[i].executed
        let step = symbols[orders[i].symbol]?.stepSize ?? 0
        var q = left / Double(pieces)
        if step > 0 { q = max(step, (q / step).rounded(.down) * step) }
        if pieces <= 1 || q >= left { q = left }
        let messages = executeLocked(i, quantity: q, at: price, now: clock())
        return (messages, orders[i].working)
      }
      Self.push(messages)
      if more { scheduleFill(orderId: orderId, at: price, pieces: max(1, pieces - 1)) }
    }
  }
}
