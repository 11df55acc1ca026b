import Foundation
import NIOCore
import NIOSSL
import WebTransport

/// The user-data stream over Binance's WebSocket API: on each connection (the first and every
/// reconnect) it sends `userDataStream.subscribe.signature` (params `apiKey`, `timestamp`,
/// `recvWindow`, and `signature` = HMAC-SHA256 of those parameters sorted by name) and waits
/// for the `status: 200` answer; events then arrive as `{"subscriptionId": n, "event": {...}}`.
/// `executionReport` events go to `onReport`, `outboundAccountPosition` events to
/// `onAccount`; an `eventStreamTerminated` event or a dropped connection reconnects with
/// backoff (and subscribes again).
///
/// Keepalive: the exchange pings and the connection answers with pongs; besides, every
/// `keepAlive` ms (real time) the stream sends a WebSocket API `ping` request, and one
/// unanswered within `timeoutMilliseconds` closes the connection (a half-open connection would
/// otherwise look alive while no report arrives), which then reconnects.
final class UserDataStream: Sendable {
  let stream: ReconnectingStream
  let current: ConnectionBox
  let replies: Replies
  let keepAlive: Int64
  let timeout: Int64
  private let stopped = Waiter<Bool>()

  init(
    rest: BinanceREST, credentials: BinanceCredentials, backoff: Backoff, timeoutMilliseconds: Int64,
    keepAlive: Int64 = 30_000,
    onReport: @escaping @Sendable (ExecutionReport) -> Void,
    onAccount: @escaping @Sendable (AccountPosition) -> Void = { _ in },
    onStatus: @escaping @Sendable (StreamStatus) -> Void
  ) throws(BinanceError) {
    let tls: NIOSSLContext
    do {
      tls = try NIOSSLContext(configuration: .makeClientConfiguration())
    } catch {
      throw .configuration("cannot set up TLS: \(error)")
    }
    let url = rest.endpoints.webSocketAPI
    let current = ConnectionBox()
    let replies = Replies()
    self.current = current
    self.replies = replies
    self.keepAlive = max(1, keepAlive)
    self.timeout = timeoutMilliseconds
    stream = ReconnectingStream(
      backoff: backoff, clock: rest.clock,
      opener: { onClose throws(BinanceError) in
        let requestId = "subscribe-\(rest.clock.now())-\(replies.nextNumber())"
        let box = ConnectionBox()
        let connection = try WebSocketConnection.open(
          url, timeout: .milliseconds(timeoutMilliseconds), tls: tls,
          onText: { text in
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            else { return }
            if let id = object["id"] as? String {
              replies.answer(id, Reply(object))
              return
            }
            guard let event = object["event"] as? [String: Any] else { return }
            if event["e"] as? String == "eventStreamTerminated" {
              box.connection?.close()
              return
            }
            if let report = try? ExecutionReport.parse(event) {
              onReport(report)
            } else if let position = try? AccountPosition.parse(event) {
              onAccount(position)
            }
          },
          onClose: onClose)
        box.connection = connection
        let timestamp = rest.clock.now() + rest.serverOffset
        let parameters = [
          ("apiKey", credentials.apiKey), ("recvWindow", "\(rest.recvWindow)"), ("timestamp", "\(timestamp)"),
        ].sorted { $0.0 < $1.0 }
        let payload = BinanceSignature.query(parameters)
        let signature = BinanceSignature.hmacSHA256(secret: credentials.secret, payload: payload)
        var params: [String: Any] = ["signature": signature]
        for (key, value) in parameters { params[key] = key == "apiKey" ? value : Int64(value) ?? 0 }
        let request: [String: Any] = [
          "id": requestId, "method": "userDataStream.subscribe.signature", "params": params,
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: request, options: [.sortedKeys]) else {
          connection.close()
          throw .configuration("cannot encode the subscription request")
        }
        let ack = replies.expect(requestId)
        connection.send(String(decoding: data, as: UTF8.self))
        let answer = ack.take(milliseconds: timeoutMilliseconds)
        replies.forget(requestId)
        guard let answer else {
          connection.close()
          throw .transport("no answer to the user-data subscription in time")
        }
        if let error = answer.error {
          connection.close()
          throw error
        }
        current.connection = connection
        return connection
      },
      onStatus: onStatus)
  }

  /// Connects and subscribes; a failure of the first connection is thrown.
  func start() throws(BinanceError) {
    try stream.start()
    startKeepAlive()
  }

  /// Connects and subscribes, or (when that fails) keeps trying in the background; returns
  /// whether the first attempt succeeded. The failure is reported through `onStatus`.
  @discardableResult
  func startRetrying() -> Bool {
    let connected = stream.startRetrying()
    startKeepAlive()
    return connected
  }

  func stop() {
    stopped.put(true)
    stream.stop()
  }

  var isConnected: Bool { stream.isConnected }

  /// Closes the current connection (as a drop would); the stream reconnects.
  func dropConnection() { current.connection?.close() }

  private func startKeepAlive() {
    let thread = Thread { [self] in
      while stopped.take(milliseconds: keepAlive) == nil {
        guard let connection = current.connection, connection.isOpen else { continue }
        let id = "ping-\(replies.nextNumber())"
        let waiter = replies.expect(id)
        connection.send(#"{"id":"\#(id)","method":"ping"}"#)
        let answered = waiter.take(milliseconds: timeout) != nil
        replies.forget(id)
        if !answered && stopped.take(milliseconds: 0) == nil { connection.close() }
      }
    }
    thread.name = "crescent.binance.keepalive"
    thread.start()
  }
}

/// An answer of the WebSocket API: success, or the exchange's error.
struct Reply: Sendable {
  var error: BinanceError?

  init(_ object: [String: Any]) {
    let status = (object["status"] as? NSNumber)?.intValue ?? 0
    if status == 200 {
      error = nil
    } else {
      let body = object["error"] as? [String: Any]
      error = .exchange(
        status: status, code: (body?["code"] as? NSNumber)?.intValue ?? 0,
        message: body?["msg"] as? String ?? "request refused")
    }
  }
}

/// Requests waiting for their answer, by request id.
final class Replies: @unchecked Sendable {
  private let lock = NSLock()
  private var waiting: [String: Waiter<Reply>] = [:]
  private var counter = 0

  func nextNumber() -> Int {
    lock.withLock {
      counter += 1
      return counter
    }
  }

  func expect(_ id: String) -> Waiter<Reply> {
    let waiter = Waiter<Reply>()
    lock.withLock { waiting[id] = waiter }
    return waiter
  }

  func answer(_ id: String, _ reply: Reply) {
    lock.withLock { waiting[id] }?.put(reply)
  }

  func forget(_ id: String) { lock.withLock { _ = waiting.removeValue(forKey: id) } }
}

/// Lets the message handler close its own connection once it exists.
final class ConnectionBox: @unchecked Sendable {
  private let lock = NSLock()
  private var value: WebSocketConnection?

  var connection: WebSocketConnection? {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
}
