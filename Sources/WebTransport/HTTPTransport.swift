import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A response as received: status, headers, body bytes.
public struct HTTPResponse: Sendable {
  public var status: Int
  public var headers: HTTPHeaders
  public var body: [UInt8]

  public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The body as UTF-8 text (invalid bytes replaced).
  public var text: String { String(decoding: body, as: UTF8.self) }

  /// The first value of header `name` (case-insensitive), nil when absent.
  public func header(_ name: String) -> String? { headers.first(name: name) }
}

/// One HTTP/1.1 exchange per connection over SwiftNIO (TLS through NIOSSL for `https`):
/// connect, send, read the whole response, close. Blocking, for synchronous callers (broker
/// protocols, data downloads); never call it on an event-loop thread.
public final class HTTPTransport: Sendable {
  public let group: any EventLoopGroup
  /// Connect timeout and the whole exchange's deadline.
  public let timeout: TimeAmount
  private let tls: NIOSSLContext?

  public init(
    timeout: TimeAmount = .seconds(10), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
  ) throws(TransportError) {
    self.group = group
    self.timeout = timeout
    do {
      tls = try NIOSSLContext(configuration: .makeClientConfiguration())
    } catch {
      throw .configuration("cannot set up TLS: \(error)")
    }
  }

  /// Sends one request; `target` is the path with its query string. A body goes with
  /// `contentType` (form encoding unless told otherwise) and its length.
  public func send(
    method: HTTPMethod, base: URL, target: String, headers: [(String, String)], body: String?,
    contentType: String = "application/x-www-form-urlencoded"
  ) throws(TransportError) -> HTTPResponse {
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
      head.headers.add(name: "Content-Type", value: contentType)
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
      promise.fail(TransportError.transport("no response within \(self.timeout.nanoseconds / 1_000_000) ms"))
    }
    defer {
      deadline.cancel()
      channel.close(promise: nil)
    }
    do {
      return try promise.futureResult.wait()
    } catch let error as TransportError {
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
  ) throws(TransportError) -> any Channel {
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
    if let error = error as? TransportError { return error.message }
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
    promise.fail(TransportError.transport("the connection closed before a complete response"))
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    promise.fail(TransportError.transport(HTTPTransport.describe(error)))
    context.close(promise: nil)
  }
}
