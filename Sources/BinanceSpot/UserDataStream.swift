import Foundation
import NIOCore
import NIOSSL

/// The user-data stream over Binance's WebSocket API: on each connection it sends
/// `userDataStream.subscribe.signature` (params `apiKey`, `timestamp`, `recvWindow`, and
/// `signature` = HMAC-SHA256 of those parameters sorted by name) and waits for the
/// `status: 200` answer; events then arrive as `{"subscriptionId": n, "event": {...}}`.
/// `executionReport` events go to `onReport`; an `eventStreamTerminated` event or a dropped
/// connection reconnects with backoff.
final class UserDataStream: Sendable {
  let stream: ReconnectingStream

  init(
    rest: BinanceREST, credentials: BinanceCredentials, backoff: Backoff, timeoutMilliseconds: Int64,
    onReport: @escaping @Sendable (ExecutionReport) -> Void,
    onStatus: @escaping @Sendable (StreamStatus) -> Void
  ) throws(BinanceError) {
    let tls: NIOSSLContext
    do {
      tls = try NIOSSLContext(configuration: .makeClientConfiguration())
    } catch {
      throw .configuration("cannot set up TLS: \(error)")
    }
    let url = rest.endpoints.webSocketAPI
    stream = ReconnectingStream(
      backoff: backoff, clock: rest.clock,
      opener: { onClose throws(BinanceError) in
        let ack = Waiter<Result<Int, BinanceError>>()
        let requestId = "subscribe-\(rest.clock.now())"
        let box = ConnectionBox()
        let connection = try WebSocketConnection.connect(
          url, timeout: .milliseconds(timeoutMilliseconds), tls: tls,
          onText: { text in
            guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            else { return }
            if let id = object["id"] as? String, id == requestId {
              let status = (object["status"] as? NSNumber)?.intValue ?? 0
              if status == 200 {
                let result = object["result"] as? [String: Any]
                ack.put(.success((result?["subscriptionId"] as? NSNumber)?.intValue ?? 0))
              } else {
                let error = object["error"] as? [String: Any]
                ack.put(
                  .failure(
                    .exchange(
                      status: status, code: (error?["code"] as? NSNumber)?.intValue ?? 0,
                      message: error?["msg"] as? String ?? "subscription refused")))
              }
              return
            }
            guard let event = object["event"] as? [String: Any] else { return }
            if event["e"] as? String == "eventStreamTerminated" {
              box.connection?.close()
              return
            }
            if let report = try? ExecutionReport.parse(event) { onReport(report) }
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
        connection.send(String(decoding: data, as: UTF8.self))
        switch ack.take(milliseconds: timeoutMilliseconds) {
        case .success?: return connection
        case let .failure(error)?:
          connection.close()
          throw error
        case nil:
          connection.close()
          throw .transport("no answer to the user-data subscription in time")
        }
      },
      onStatus: onStatus)
  }

  func start() throws(BinanceError) { try stream.start() }
  func stop() { stream.stop() }
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
