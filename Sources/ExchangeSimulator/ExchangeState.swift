import Crypto
import Foundation
import NIOCore
import NIOWebSocket

/// A REST answer the server writes (or, for a disconnect, does not).
struct SimulatedResponse {
  var status: Int
  var body: String
  var headers: [(String, String)] = []
  /// Close the connection instead of answering.
  var dropConnection = false
  /// Milliseconds to hold the answer.
  var delay: Int64 = 0

  static func error(_ status: Int, _ code: Int, _ message: String) -> SimulatedResponse {
    SimulatedResponse(status: status, body: json(["code": code, "msg": message]))
  }
}

/// A WebSocket peer the exchange pushes to.
struct StreamPeer {
  var channel: any Channel
  /// Market streams (lowercase names); empty for a WebSocket API connection.
  var streams: Set<String>
  var combined: Bool
  /// The user-data subscription id of a WebSocket API connection, once subscribed.
  var subscription: Int?
  var isAPI: Bool
}

/// The exchange's state, under one lock. Methods ending in `Locked` expect the lock held;
/// messages to push are collected and sent after unlocking.
final class ExchangeState: @unchecked Sendable {
  let lock = NSLock()
  let apiKey: String
  let secret: String
  let clock: @Sendable () -> Int64
  var symbols: [String: SimulatedSymbol]
  var balances: [String: Double]
  var orders: [SimulatedOrder] = []
  var nextOrderId: Int64 = 1
  var nextAccountTrade: Int64 = 1
  var tradeIds: [String: Int64] = [:]
  /// Closed klines by "SYMBOL interval", oldest first.
  var klines: [String: [[Any]]] = [:]
  var faults: [SimulatorFault] = []
  var blockedUntil: Int64 = 0
  var blockStatus = 429
  var requests: [RecordedRequest] = []
  var earlyRequests = 0
  var partialFills = 1
  var commissionRate = 0.001
  /// Prices the next placements of each symbol take, in order (set before matching).
  var scriptedPrices: [String: [Double]] = [:]
  /// Every order placement's answer is held back this long (ms); the order is placed first.
  var orderDelay: Int64 = 0
  /// Marketable orders answer NEW and execute this many ms later, one `partialFills` piece per
  /// delay (0: at once, in the placement's answer).
  var fillDelay: Int64 = 0
  /// While true the WebSocket API answers nothing and pushes no event (a half-open connection).
  var apiSilent = false
  var peers: [Int: StreamPeer] = [:]
  var nextPeer = 1
  var nextSubscription = 0

  init(
    apiKey: String, secret: String, symbols: [SimulatedSymbol], balances: [String: Double],
    clock: @escaping @Sendable () -> Int64
  ) {
    self.apiKey = apiKey
    self.secret = secret
    self.clock = clock
    self.symbols = Dictionary(symbols.map { ($0.symbol, $0) }, uniquingKeysWith: { $1 })
    self.balances = balances
  }

  func withLock<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  /// Sends text frames (server frames are not masked).
  static func push(_ messages: [(any Channel, String)]) {
    for (channel, text) in messages {
      let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text))
      channel.writeAndFlush(frame, promise: nil)
    }
  }

  func hmac(_ payload: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(
      for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
    return mac.map { String(format: "%02x", $0) }.joined()
  }

  /// Checks key, signature (-1022) and timestamp (-1021) of a SIGNED request; nil when valid.
  func verifyLocked(total: String, apiKey key: String?, parameters: [String: String]) -> SimulatedResponse? {
    guard key == apiKey else { return .error(401, -2015, "Invalid API-key, IP, or permissions for action.") }
    let marker = "signature="
    guard let range = total.range(of: marker, options: .backwards),
      range.lowerBound == total.startIndex || total[total.index(before: range.lowerBound)] == "&"
    else {
      return .error(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.")
    }
    var payload = String(total[..<range.lowerBound])
    if payload.hasSuffix("&") { payload.removeLast() }
    let signature = String(total[range.upperBound...])
    guard hmac(payload) == signature.lowercased() else {
      return .error(400, -1022, "Signature for this request is not valid.")
    }
    return checkTimestampLocked(parameters["timestamp"], parameters["recvWindow"])
  }

  func checkTimestampLocked(_ timestamp: String?, _ window: String?) -> SimulatedResponse? {
    guard let timestamp = timestamp.flatMap({ Int64($0) }) else {
      return .error(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.")
    }
    let recvWindow = window.flatMap { Int64($0) } ?? 5000
    guard recvWindow > 0 && recvWindow <= 60_000 else {
      return .error(400, -1131, "recvWindow must be less than 60000")
    }
    let now = clock()
    if timestamp < now - recvWindow || timestamp > now + 1000 {
      return .error(400, -1021, "Timestamp for this request is outside of the recvWindow.")
    }
    return nil
  }

  /// Splits `a=b&c=d` (percent-decoded; `+` is a space in form bodies).
  static func parse(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    for pair in text.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      let key = parts[0].removingPercentEncoding ?? parts[0]
      let raw = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ") : ""
      out[key] = raw.removingPercentEncoding ?? raw
    }
    return out
  }
}
