import Foundation
import NIOCore

/// Market streams (`<symbol>@trade`, `<symbol>@kline_<interval>`) and the WebSocket API's
/// `userDataStream.subscribe.signature`.
extension ExchangeState {
  func addPeer(_ peer: StreamPeer) -> Int {
    withLock {
      let id = nextPeer
      nextPeer += 1
      peers[id] = peer
      return id
    }
  }

  func removePeer(_ id: Int) { withLock { _ = peers.removeValue(forKey: id) } }

  /// Publishes a trade; resting limits it crosses fill. Returns its trade id.
  func trade(symbol: String, price: Double, quantity: Double, time: Int64?, broadcast: Bool) -> Int64 {
    let (id, messages) = withLock { () -> (Int64, [(any Channel, String)]) in
      let now = clock()
      let id = (tradeIds[symbol] ?? 0) + 1
      tradeIds[symbol] = id
      symbols[symbol]?.price = price
      var messages: [(any Channel, String)] = []
      if broadcast {
        let event: [String: Any] = [
          "e": "trade", "E": now, "s": symbol, "t": id, "p": decimal(price), "q": decimal(quantity),
          "T": time ?? now, "m": false, "M": true,
        ]
        messages += marketLocked(stream: "\(symbol.lowercased())@trade", event)
      }
      messages += matchLocked(symbol: symbol, price: price, now: now)
      return (id, messages)
    }
    Self.push(messages)
    return id
  }

  /// Publishes a kline; closed ones are kept for `GET /api/v3/klines`.
  func kline(symbol: String, interval: String, row: [Any], closed: Bool, broadcast: Bool) {
    let messages = withLock { () -> [(any Channel, String)] in
      if closed { klines["\(symbol) \(interval)", default: []].append(row) }
      guard broadcast else { return [] }
      let k: [String: Any] = [
        "t": row[0], "T": row[6], "s": symbol, "i": interval, "f": -1, "L": -1, "o": row[1], "c": row[4],
        "h": row[2], "l": row[3], "v": row[5], "n": 0, "x": closed, "q": "0", "V": "0", "Q": "0", "B": "0",
      ]
      return marketLocked(
        stream: "\(symbol.lowercased())@kline_\(interval)", ["e": "kline", "E": clock(), "s": symbol, "k": k])
    }
    Self.push(messages)
  }

  private func marketLocked(stream: String, _ event: [String: Any]) -> [(any Channel, String)] {
    var out: [(any Channel, String)] = []
    for peer in peers.values where !peer.isAPI && peer.streams.contains(stream) {
      out.append((peer.channel, json(peer.combined ? ["stream": stream, "data": event] : event)))
    }
    return out
  }

  /// Answers one WebSocket API request of connection `peer` (nil: no answer, while silent).
  func apiRequest(_ text: String, peer: Int) -> String? {
    if withLock({ apiSilent }) { return nil }
    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
      return json(["id": NSNull(), "status": 400, "error": ["code": -1100, "msg": "Malformed request."]])
    }
    let id = object["id"] ?? NSNull()
    func failure(_ status: Int, _ code: Int, _ message: String) -> String {
      json(["id": id, "status": status, "error": ["code": code, "msg": message]])
    }
    guard let method = object["method"] as? String else { return failure(400, -1102, "'method' missing.") }
    let params = object["params"] as? [String: Any] ?? [:]
    switch method {
    case "ping":
      return json(["id": id, "status": 200, "result": [String: Any]()])
    case "time":
      return json(["id": id, "status": 200, "result": ["serverTime": clock()]])
    case "userDataStream.subscribe.signature":
      return withLock {
        var fields: [String: String] = [:]
        for (key, value) in params where key != "signature" {
          fields[key] = (value as? String) ?? (value as? NSNumber)?.stringValue ?? "\(value)"
        }
        guard fields["apiKey"] == apiKey else {
          return failure(401, -2015, "Invalid API-key, IP, or permissions for action.")
        }
        let payload = fields.keys.sorted().map { "\($0)=\(fields[$0] ?? "")" }.joined(separator: "&")
        guard let signature = params["signature"] as? String, hmac(payload) == signature.lowercased() else {
          return failure(400, -1022, "Signature for this request is not valid.")
        }
        if let refusal = checkTimestampLocked(fields["timestamp"], fields["recvWindow"]) {
          let error = (try? JSONSerialization.jsonObject(with: Data(refusal.body.utf8))) ?? [:]
          return json(["id": id, "status": refusal.status, "error": error])
        }
        let subscription = nextSubscription
        nextSubscription += 1
        peers[peer]?.subscription = subscription
        return json(["id": id, "status": 200, "result": ["subscriptionId": subscription]])
      }
    default:
      return failure(400, -1020, "Unsupported method \(method).")
    }
  }
}
