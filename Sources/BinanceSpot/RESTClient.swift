import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import WebTransport

/// Binance Spot's REST API: public and SIGNED requests, server-time offset, rate limits.
///
/// SIGNED requests carry `recvWindow` and `timestamp` (local clock + the offset measured by
/// `syncTime`) and `signature`, the HMAC-SHA256 of the exact parameter string sent (query
/// string for GET/DELETE, form body for POST), with the key in `X-MBX-APIKEY`.
///
/// Rate limits: a 429 blocks every request until its `Retry-After` (seconds) has elapsed; a
/// request that comes earlier waits when the rest of the wait is at most `maxWait`, else fails
/// with `.rateLimited` without sending anything. A 418 (banned) blocks the same way and is
/// never waited out. A `-1021` (timestamp outside recvWindow) re-measures the offset and
/// retries once. `X-MBX-USED-WEIGHT-1M` is kept in `usedWeight`.
public final class BinanceREST: Sendable {
  public let endpoints: BinanceEndpoints
  let credentials: BinanceCredentials?
  let clock: BinanceClock
  /// Milliseconds a signed request stays valid after its timestamp (Binance's default 5000).
  public let recvWindow: Int64
  /// The longest Retry-After the client waits out by itself, in milliseconds.
  public let maxWait: Int64
  let transport: HTTPTransport
  let gate = RateLimitGate()
  private let offsetBox = NIOLockedValueBox<Int64>(0)
  /// Receives one line per request (method, path, status, weight): never a parameter, key or
  /// signature.
  let log: (@Sendable (String) -> Void)?

  public init(
    endpoints: BinanceEndpoints = .testnet, credentials: BinanceCredentials?, clock: BinanceClock = .system,
    recvWindow: Int64 = 5000, maxWait: Int64 = 60_000, timeoutMilliseconds: Int64 = 10_000,
    log: (@Sendable (String) -> Void)? = nil
  ) throws(BinanceError) {
    guard (1...60_000).contains(recvWindow) else {
      throw .configuration("recvWindow must be in 1...60000 ms, got \(recvWindow)")
    }
    self.endpoints = endpoints
    self.credentials = credentials
    self.clock = clock
    self.recvWindow = recvWindow
    self.maxWait = max(0, maxWait)
    do {
      self.transport = try HTTPTransport(timeout: .milliseconds(max(1, timeoutMilliseconds)))
    } catch {
      throw BinanceError(error)
    }
    self.log = log
  }

  /// Server time minus local time, in milliseconds.
  public var serverOffset: Int64 { offsetBox.withLockedValue { $0 } }
  /// The latest `X-MBX-USED-WEIGHT-1M`.
  public var usedWeight: Int? { gate.usedWeight }
  /// Milliseconds (UTC) before which nothing is sent (0: none), and whether it is a ban.
  public var blockedUntil: (until: Int64, banned: Bool) { gate.block }

  /// Measures the server-time offset with `GET /api/v3/time` (midpoint of the round trip).
  @discardableResult
  public func syncTime() throws(BinanceError) -> Int64 {
    let before = clock.now()
    let body = try send(.GET, "/api/v3/time", [], signed: false)
    let after = clock.now()
    let server = try decode(ServerTimePayload.self, body, what: "server time").serverTime
    let offset = server - (before + after) / 2
    offsetBox.withLockedValue { $0 = offset }
    return offset
  }

  /// Sends a request; returns the body of a 2xx answer.
  func send(_ method: HTTPMethod, _ path: String, _ parameters: [(String, String)], signed: Bool)
    throws(BinanceError) -> [UInt8]
  {
    var resynced = false
    while true {
      try waitForGate()
      var headers: [(String, String)] = []
      var query = BinanceSignature.query(parameters)
      if signed {
        guard let credentials else { throw .configuration("\(path) needs API credentials") }
        let timestamp = clock.now() + serverOffset
        query = BinanceSignature.query(
          parameters + [("recvWindow", "\(recvWindow)"), ("timestamp", "\(timestamp)")])
        query += "&signature=" + BinanceSignature.hmacSHA256(secret: credentials.secret, payload: query)
        headers.append(("X-MBX-APIKEY", credentials.apiKey))
      }
      let inBody = method == .POST && !query.isEmpty
      let target = inBody || query.isEmpty ? path : path + "?" + query
      let response: HTTPResponse
      do {
        response = try transport.send(
          method: method, base: endpoints.rest, target: target, headers: headers, body: inBody ? query : nil)
      } catch {
        throw BinanceError(error)
      }
      let weight =
        (response.headers.first(name: "X-MBX-USED-WEIGHT-1M")
        ?? response.headers.first(name: "X-MBX-USED-WEIGHT"))
        .flatMap { Int($0) }
      if let weight { gate.record(weight: weight) }
      log?("\(method.rawValue) \(path) -> \(response.status)\(weight.map { " weight \($0)" } ?? "")")
      switch response.status {
      case 200..<300:
        return response.body
      case 429, 418:
        let seconds = response.headers.first(name: "Retry-After").flatMap { Int64($0) } ?? 1
        let until = clock.now() + max(0, seconds) * 1000
        gate.block(until: until, banned: response.status == 418)
        if response.status == 418 { throw .banned(until: until) }
        if until - clock.now() > maxWait { throw .rateLimited(until: until) }
        continue
      default:
        guard let error = try? JSONDecoder().decode(ErrorPayload.self, from: Data(response.body)) else {
          throw .exchange(status: response.status, code: 0, message: String(response.text.prefix(200)))
        }
        if error.code == BinanceError.Code.timestamp && signed && !resynced {
          resynced = true
          try syncTime()
          continue
        }
        throw .exchange(status: response.status, code: error.code, message: error.msg)
      }
    }
  }

  /// Waits out a 429's Retry-After when short enough; refuses during a ban.
  private func waitForGate() throws(BinanceError) {
    while true {
      let (until, banned) = gate.block
      let now = clock.now()
      if now >= until { return }
      if banned { throw .banned(until: until) }
      if until - now > maxWait { throw .rateLimited(until: until) }
      clock.sleep(until - now)
    }
  }
}
