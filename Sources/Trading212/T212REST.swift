import BrokerSupport
import Foundation
import NIOHTTP1
import WebTransport

/// Trading212's public REST API (v0) over `HTTPTransport`: HTTP Basic authentication with the
/// API key as user and the secret as password (`Authorization: Basic base64(key:secret)`),
/// JSON bodies, and each endpoint's rate limit kept from the `x-ratelimit-remaining` and
/// `x-ratelimit-reset` headers Trading212 sends on every answer: when none remain the next
/// request to that endpoint waits for the reset; a 429 waits for the reset too and is tried
/// again (at most `rateLimitRetries` times). Nothing here is specific to demo or live: the
/// base URL decides (`https://demo.trading212.com` or `https://live.trading212.com`).
public final class T212REST: @unchecked Sendable {
  public let base: URL
  let transport: HTTPTransport
  private let authorization: String
  private let lock = NSLock()
  private var pacers: [String: RequestPacer] = [:]
  let rateLimitRetries: Int
  let log: (@Sendable (String) -> Void)?
  /// How long each endpoint has waited for its rate limit, in seconds (for tests and logs).
  public private(set) var waited: [String: Double] = [:]

  public init(
    base: URL, key: String, secret: String, timeoutMilliseconds: Int64 = 10_000, rateLimitRetries: Int = 5,
    log: (@Sendable (String) -> Void)? = nil
  ) throws(T212Error) {
    guard !key.isEmpty, !secret.isEmpty, (key + secret).allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
      throw .configuration("API key and secret must be non-empty printable ASCII without spaces")
    }
    self.base = base
    do { transport = try HTTPTransport(timeout: .milliseconds(timeoutMilliseconds)) } catch {
      throw .configuration(error.message)
    }
    authorization = "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()
    self.rateLimitRetries = rateLimitRetries
    self.log = log
  }

  /// The pacing key of a request: method and path with numeric ids as `{id}`, no query.
  static func endpoint(_ method: HTTPMethod, _ target: String) -> String {
    let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
    let parts = path.split(separator: "/").map { $0.allSatisfy(\.isNumber) ? "{id}" : String($0) }
    return "\(method.rawValue) /" + parts.joined(separator: "/")
  }

  private func pacer(_ key: String) -> RequestPacer {
    lock.withLock {
      if let p = pacers[key] { return p }
      // One request in flight per endpoint; the answers' headers say when more may go.
      let p = RequestPacer(limit: 1_000_000, period: 1)
      pacers[key] = p
      return p
    }
  }

  /// Sends one request and returns the status and parsed JSON body (nil when empty).
  func request(_ method: HTTPMethod, _ target: String, json body: [String: Any]? = nil) throws(T212Error) -> (
    status: Int, body: Any?
  ) {
    let key = Self.endpoint(method, target)
    let gate = pacer(key)
    var text: String?
    if let body {
      guard let data = try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]) else {
        throw .rejectedLocally("cannot encode the request body")
      }
      text = String(decoding: data, as: UTF8.self)
    }
    var attempt = 0
    while true {
      let waitedNow = gate.wait()
      if waitedNow > 0 { lock.withLock { waited[key, default: 0] += waitedNow } }
      let response: HTTPResponse
      do {
        response = try transport.send(
          method: method, base: base, target: target,
          headers: [("Authorization", authorization), ("Accept", "application/json")], body: text,
          contentType: "application/json")
      } catch {
        throw .transport(error.message)
      }
      let reset = Self.resetDate(response)
      if let remaining = response.header("x-ratelimit-remaining").flatMap(Int.init), remaining <= 0, let reset {
        gate.hold(until: reset)
      }
      if response.status == 429 && attempt < rateLimitRetries {
        attempt += 1
        gate.hold(until: reset ?? Date().addingTimeInterval(1))
        log?("Trading212 rate limit on \(key); waiting for its reset")
        continue
      }
      let parsed = response.body.isEmpty ? nil : try? JSONSerialization.jsonObject(with: Data(response.body))
      guard (200..<300).contains(response.status) else {
        let message = (parsed as? [String: Any]).flatMap { ($0["message"] ?? $0["code"] ?? $0["type"]) as? String } ?? ""
        throw .http(status: response.status, message: message)
      }
      return (response.status, parsed)
    }
  }

  /// `x-ratelimit-reset` (Unix seconds, fractions allowed) as a date.
  static func resetDate(_ response: HTTPResponse) -> Date? {
    response.header("x-ratelimit-reset").flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
  }

  // MARK: Endpoints

  /// GET /api/v0/equity/account/summary: the account's currency and cash.
  func accountSummary() throws(T212Error) -> (currency: String, available: Double, reserved: Double) {
    let (_, body) = try request(.GET, "/api/v0/equity/account/summary")
    guard let o = body as? [String: Any], let currency = o["currency"] as? String else {
      throw .transport("account summary without a currency")
    }
    let cash = o["cash"] as? [String: Any] ?? [:]
    return (currency, Self.number(cash["availableToTrade"]) ?? 0, Self.number(cash["reservedForOrders"]) ?? 0)
  }

  /// GET /api/v0/equity/metadata/instruments.
  func instruments() throws(T212Error) -> [T212Instrument] {
    let (_, body) = try request(.GET, "/api/v0/equity/metadata/instruments")
    guard let list = body as? [[String: Any]] else { throw .transport("instruments: expected a JSON array") }
    return list.compactMap(T212Instrument.init)
  }

  /// GET /api/v0/equity/positions.
  func positions() throws(T212Error) -> [(ticker: String, quantity: Double)] {
    let (_, body) = try request(.GET, "/api/v0/equity/positions")
    guard let list = body as? [[String: Any]] else { throw .transport("positions: expected a JSON array") }
    return list.compactMap { p in
      let ticker = (p["instrument"] as? [String: Any])?["ticker"] as? String ?? p["ticker"] as? String
      guard let ticker, let q = Self.number(p["quantity"]) else { return nil }
      return (ticker, q)
    }
  }

  /// GET /api/v0/equity/orders: every pending order.
  func pendingOrders() throws(T212Error) -> [T212Order] {
    let (_, body) = try request(.GET, "/api/v0/equity/orders")
    guard let list = body as? [[String: Any]] else { throw .transport("orders: expected a JSON array") }
    return list.compactMap(T212Order.init)
  }

  /// GET /api/v0/equity/orders/{id}: the pending order, nil once it is no longer pending (404).
  func pendingOrder(id: Int64) throws(T212Error) -> T212Order? {
    do {
      let (_, body) = try request(.GET, "/api/v0/equity/orders/\(id)")
      return (body as? [String: Any]).flatMap(T212Order.init)
    } catch .http(404, _) {
      return nil
    }
  }

  /// DELETE /api/v0/equity/orders/{id}; false when the order was no longer pending (404).
  func cancel(id: Int64) throws(T212Error) -> Bool {
    do {
      _ = try request(.DELETE, "/api/v0/equity/orders/\(id)")
      return true
    } catch .http(404, _) {
      return false
    }
  }

  /// POST /api/v0/equity/orders/market or /limit: a positive quantity buys, a negative sells.
  func place(ticker: String, quantity: Double, limit: Double?) throws(T212Error) -> T212Order {
    var body: [String: Any] = ["ticker": ticker, "quantity": quantity]
    if let limit {
      body["limitPrice"] = limit
      body["timeValidity"] = "DAY"
    } else {
      body["extendedHours"] = false
    }
    let (_, answer) = try request(.POST, limit == nil ? "/api/v0/equity/orders/market" : "/api/v0/equity/orders/limit", json: body)
    guard let o = (answer as? [String: Any]).flatMap(T212Order.init) else {
      throw .transport("the order's answer has no id")
    }
    return o
  }

  /// GET /api/v0/equity/history/orders for `ticker`, newest first, following `nextPagePath`
  /// while `more` says the page's oldest item may not be old enough (at most `pages` pages).
  func history(ticker: String, pages: Int = 4, more: ([T212HistoryItem]) -> Bool) throws(T212Error) -> [T212HistoryItem] {
    var target: String? = "/api/v0/equity/history/orders?ticker=\(ticker)&limit=50"
    var out: [T212HistoryItem] = []
    var count = 0
    while let t = target, count < pages {
      let (_, body) = try request(.GET, t)
      guard let o = body as? [String: Any] else { throw .transport("history: expected a JSON object") }
      let items = (o["items"] as? [[String: Any]] ?? []).compactMap(T212HistoryItem.init)
      out += items
      count += 1
      target = items.isEmpty || !more(items) ? nil : o["nextPagePath"] as? String
    }
    return out
  }

  static func number(_ any: Any?) -> Double? {
    if let n = any as? NSNumber { return n.doubleValue }
    if let s = any as? String { return Double(s) }
    return nil
  }
}
