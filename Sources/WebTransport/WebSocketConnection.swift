import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// One WebSocket connection (RFC 6455 over SwiftNIO, TLS for `wss`): text messages arrive on
/// `onText` (fragments joined), pings are answered with pongs, and `onClose` runs once when
/// the connection ends for any reason.
public final class WebSocketConnection: Sendable {
  private let channel: any Channel

  private init(channel: any Channel) { self.channel = channel }

  /// Opens `url` (path and query kept) and waits for the upgrade.
  public static func connect(
    _ url: URL, timeout: TimeAmount, tls: NIOSSLContext?,
    group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    onText: @escaping @Sendable (String) -> Void, onClose: @escaping @Sendable () -> Void
  ) throws(TransportError) -> WebSocketConnection {
    guard let host = url.host else { throw .configuration("no host in \(url)") }
    let secure = url.scheme?.lowercased() == "wss"
    let port = url.port ?? (secure ? 443 : 80)
    let path = url.path.isEmpty ? "/" : url.path
    let target = url.query.map { path + "?" + $0 } ?? path
    let upgraded = group.next().makePromise(of: Void.self)
    let hostHeader = url.port.map { "\(host):\($0)" } ?? host
    let channel = try HTTPTransport.connect(
      host: host, port: port, tls: secure ? tls : nil, timeout: timeout, group: group,
      onFailure: { upgraded.fail($0) }
    ) { pipeline in
      let request = UpgradeRequestHandler(target: target, host: hostHeader, upgraded: upgraded)
      let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: 1 << 20) { channel, _ in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(FrameHandler(onText: onText, onClose: onClose))
          upgraded.succeed(())
        }
      }
      // The request handler leaves once upgraded, before the buffered frames replay.
      try pipeline.addHTTPClientHandlers(
        leftOverBytesStrategy: .forwardBytes,
        withClientUpgrade: (
          upgraders: [upgrader],
          completionHandler: { context in _ = context.pipeline.removeHandler(name: "upgrade-request") }
        ))
      try pipeline.addHandler(request, name: "upgrade-request")
    }
    let deadline = channel.eventLoop.scheduleTask(in: timeout) {
      upgraded.fail(TransportError.transport("no WebSocket upgrade from \(host) in time"))
    }
    defer { deadline.cancel() }
    do {
      try upgraded.futureResult.wait()
    } catch {
      channel.close(promise: nil)
      throw .transport("WebSocket upgrade failed: \(HTTPTransport.describe(error))")
    }
    return WebSocketConnection(channel: channel)
  }

  /// Sends a text message (masked, as a client must).
  public func send(_ text: String) {
    let frame = WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: ByteBuffer(string: text))
    channel.writeAndFlush(frame, promise: nil)
  }

  /// Closes the connection; `onClose` follows.
  public func close() {
    channel.close(promise: nil)
  }

  public var isOpen: Bool { channel.isActive }
}

/// Sends the upgrade request once connected; reports a refused upgrade.
private final class UpgradeRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPClientResponsePart
  typealias OutboundOut = HTTPClientRequestPart
  let target: String
  let host: String
  let upgraded: EventLoopPromise<Void>

  init(target: String, host: String, upgraded: EventLoopPromise<Void>) {
    self.target = target
    self.host = host
    self.upgraded = upgraded
  }

  func channelActive(context: ChannelHandlerContext) {
    var headers = HTTPHeaders()
    headers.add(name: "Host", value: host)
    headers.add(name: "Content-Length", value: "0")
    let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    context.fireChannelActive()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    // Only reached when the server answered without upgrading.
    if case let .head(head) = unwrapInboundIn(data) {
      upgraded.fail(
        TransportError.transport("the server refused the WebSocket upgrade: HTTP \(head.status.code)"))
      context.close(promise: nil)
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    upgraded.fail(TransportError.transport("the connection closed during the WebSocket upgrade"))
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    upgraded.fail(error)
    context.close(promise: nil)
  }
}

/// Frames after the upgrade: text to `onText`, ping → pong, close → close.
private final class FrameHandler: ChannelInboundHandler {
  typealias InboundIn = WebSocketFrame
  typealias OutboundOut = WebSocketFrame
  let onText: @Sendable (String) -> Void
  let onClose: @Sendable () -> Void
  var fragments: [UInt8] = []
  var closed = false

  init(onText: @escaping @Sendable (String) -> Void, onClose: @escaping @Sendable () -> Void) {
    self.onText = onText
    self.onClose = onClose
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let frame = unwrapInboundIn(data)
    var payload = frame.unmaskedData
    switch frame.opcode {
    case .text, .continuation:
      if let bytes = payload.readBytes(length: payload.readableBytes) { fragments += bytes }
      if frame.fin {
        let text = String(decoding: fragments, as: UTF8.self)
        fragments.removeAll(keepingCapacity: true)
        onText(text)
      }
    case .ping:
      let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: payload)
      context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
    case .connectionClose:
      let reply = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: ByteBuffer())
      context.writeAndFlush(wrapOutboundOut(reply)).assumeIsolated().whenComplete { _ in
        context.close(promise: nil)
      }
    default:
      break
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    if !closed {
      closed = true
      onClose()
    }
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }
}
