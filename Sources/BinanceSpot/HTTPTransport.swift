import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A response as received: status, headers, body bytes.
struct HTTPResponse: Sendable {
  var status: Int
  var headers: HTTPHeaders
  var body: [UInt8]

  var text: String { String(decoding: body, as: UTF8.self) }
}

/// One HTTP/1.1 exchange per connection over SwiftNIO (TLS through NIOSSL for `https`):
/// connect, send, read the whole response, close. Blocking, for the synchronous broker
/// protocol; never call it on an event-loop thread.
final class HTTPTransport: Sendable {
  let group: any EventLoopGroup
  /// Connect timeout and the whole exchange's deadline.
  let timeout: TimeAmount
  private let tls: NIOSSLContext?

  init(timeout: TimeAmount = .seconds(10), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton)
    throws(BinanceError)
  {
    self.group = group
    self.timeout = timeout
    do {
      tls = try NIOSSLContext(configuration: .makeClientConfiguration())
    } catch {
      throw .configuration("cannot set up TLS: \(error)")
    }
  }

  /// Sends one request; `target` is the path with its query string.
  func send(method: HTTPMethod, base: URL, target: String, headers: [(String, String)], body: String?)
    throws(BinanceError) -> HTTPResponse
  {
    guard let host = base.host else { throw .configuration("no host in \(base)") }
    let secure = base.scheme?.lowercased() == "https"
    let port = base.port ?? (secure ? 443 : 80)
    let promise = group.next().makePromise(of: HTTPResponse.self)
    let channel = try Self.connect(
      host: host, port: port, tls: secure ? tls : nil, timeout: timeout, group: group,
      onFailure: { promise.fail($0) }
    ) { pipeline in
      try pipeline.addHTTPClientHandlers()
      try pipeline.addHandler(ResponseCollector(promise: promise))
    }
    var head = HTTPRequestHead(version: .http1_1, method: method, uri: target)
    head.headers.add(name: "Host", value: base.port.map { "\(host):\($0)" } ?? host)
    head.headers.add(name: "Connection", value: "close")
    head.headers.add(name: "User-Agent", value: "crescent")
    for (name, value) in headers { head.headers.add(name: name, value: value) }
    var buffer: ByteBuffer?
    if let body {
      head.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
      head.headers.add(name: "Content-Length", value: "\(body.utf8.count)")
      buffer = ByteBuffer(string: body)
    } else if method == .POST || method == .PUT || method == .DELETE {
      head.headers.add(name: "Content-Length", value: "0")
    }
    let parts: [HTTPClientRequestPart] =
      [.head(head)] + (buffer.map { [.body(.byteBuffer($0))] } ?? []) + [.end(nil)]
    for part in parts.dropLast() { channel.write(part, promise: nil) }
    channel.writeAndFlush(parts[parts.count - 1], promise: nil)
    let deadline = channel.eventLoop.scheduleTask(in: timeout) {
      promise.fail(BinanceError.transport("no response within \(self.timeout.nanoseconds / 1_000_000) ms"))
    }
    defer {
      deadline.cancel()
      channel.close(promise: nil)
    }
    do {
      return try promise.futureResult.wait()
    } catch let error as BinanceError {
      throw error
    } catch {
      throw .transport(Self.describe(error))
    }
  }

  /// Connects to `host:port` — through TLS when `tls` is given (SNI unless the host is an IP
  /// address) — with `configure` adding the protocol's handlers; `onFailure` hears a failed
  /// connect before it is thrown.
  static func connect(
    host: String, port: Int, tls: NIOSSLContext?, timeout: TimeAmount, group: any EventLoopGroup,
    onFailure: @escaping @Sendable (any Error) -> Void,
    configure: @escaping @Sendable (ChannelPipeline.SynchronousOperations) throws -> Void
  ) throws(BinanceError) -> any Channel {
    let bootstrap = ClientBootstrap(group: group)
      .connectTimeout(timeout)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          if let tls {
            try channel.pipeline.syncOperations.addHandler(
              try NIOSSLClientHandler(context: tls, serverHostname: isIPAddress(host) ? nil : host))
          }
          try configure(channel.pipeline.syncOperations)
        }
      }
    do {
      return try bootstrap.connect(host: host, port: port).wait()
    } catch {
      onFailure(error)
      throw .transport("cannot connect to \(host):\(port): \(describe(error))")
    }
  }

  static func isIPAddress(_ host: String) -> Bool {
    host.allSatisfy { $0.isNumber || $0 == "." } || host.contains(":")
  }

  static func describe(_ error: any Error) -> String {
    if let error = error as? BinanceError { return error.description }
    return String(describing: error)
  }
}

/// Collects one response; fails the promise if the connection ends first.
private final class ResponseCollector: ChannelInboundHandler {
  typealias InboundIn = HTTPClientResponsePart
  let promise: EventLoopPromise<HTTPResponse>
  var response: HTTPResponse?

  init(promise: EventLoopPromise<HTTPResponse>) { self.promise = promise }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case let .head(head):
      response = HTTPResponse(status: Int(head.status.code), headers: head.headers, body: [])
    case var .body(buffer):
      if let bytes = buffer.readBytes(length: buffer.readableBytes) { response?.body += bytes }
    case .end:
      if let response { promise.succeed(response) }
      response = nil
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    promise.fail(BinanceError.transport("the connection closed before a complete response"))
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    promise.fail(BinanceError.transport(HTTPTransport.describe(error)))
    context.close(promise: nil)
  }
}
