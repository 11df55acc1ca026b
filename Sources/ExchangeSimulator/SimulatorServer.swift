import Foundation
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// One HTTP connection: collects a request, asks the exchange, writes the answer (or drops
/// the connection, or delays), and closes.
final class HTTPRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  let state: ExchangeState
  var head: HTTPRequestHead?
  var body: [UInt8] = []

  init(state: ExchangeState) { self.state = state }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case let .head(h):
      head = h
      body = []
    case var .body(buffer):
      if let bytes = buffer.readBytes(length: buffer.readableBytes) { body += bytes }
    case .end:
      guard let head else { return }
      self.head = nil
      let parts = head.uri.split(separator: "?", maxSplits: 1).map(String.init)
      let (response, messages) = state.handle(
        method: head.method.rawValue, path: parts[0], query: parts.count > 1 ? parts[1] : "",
        body: String(decoding: body, as: UTF8.self), apiKey: head.headers.first(name: "X-MBX-APIKEY"))
      ExchangeState.push(messages)
      if response.dropConnection {
        context.close(promise: nil)
        return
      }
      if response.delay > 0 {
        let loop = context.eventLoop.assumeIsolated()
        loop.scheduleTask(in: .milliseconds(response.delay)) { self.write(response, context: context) }
      } else {
        write(response, context: context)
      }
    }
  }

  private func write(_ response: SimulatedResponse, context: ChannelHandlerContext) {
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "application/json;charset=UTF-8")
    headers.add(name: "Content-Length", value: "\(response.body.utf8.count)")
    headers.add(name: "Connection", value: "close")
    for (name, value) in response.headers { headers.add(name: name, value: value) }
    let head = HTTPResponseHead(
      version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
    context.write(wrapOutboundOut(.head(head)), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: response.body)))), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
      context.close(promise: nil)
    }
  }
}

/// One WebSocket connection: a market-stream subscriber (pushed to) or a WebSocket API
/// client (requests answered, user-data events pushed once subscribed).
final class WebSocketPeerHandler: ChannelInboundHandler {
  typealias InboundIn = WebSocketFrame
  typealias OutboundOut = WebSocketFrame
  let state: ExchangeState
  let peer: Int
  let isAPI: Bool

  init(state: ExchangeState, peer: Int, isAPI: Bool) {
    self.state = state
    self.peer = peer
    self.isAPI = isAPI
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let frame = unwrapInboundIn(data)
    var payload = frame.unmaskedData
    switch frame.opcode {
    case .text where isAPI:
      let text = payload.readString(length: payload.readableBytes) ?? ""
      guard let answer = state.apiRequest(text, peer: peer) else { return }
      context.writeAndFlush(
        wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: answer))),
        promise: nil)
    case .ping:
      context.writeAndFlush(
        wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: payload)), promise: nil)
    case .connectionClose:
      context.writeAndFlush(
        wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: ByteBuffer()))
      )
      .assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    default:
      break
    }
  }

  func channelInactive(context: ChannelHandlerContext) {
    state.removePeer(peer)
    context.fireChannelInactive()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }
}

/// The streams a WebSocket path asks for: `/stream?streams=a/b` (combined) or `/ws/a/b`.
func marketStreams(uri: String) -> (streams: Set<String>, combined: Bool)? {
  let parts = uri.split(separator: "?", maxSplits: 1).map(String.init)
  if parts[0] == "/stream" {
    let query = ExchangeState.parse(parts.count > 1 ? parts[1] : "")
    let names = (query["streams"] ?? "").split(separator: "/").map { String($0).lowercased() }
    return names.isEmpty ? nil : (Set(names), true)
  }
  if parts[0].hasPrefix("/ws/") {
    let names = parts[0].dropFirst(4).split(separator: "/").map { String($0).lowercased() }
    return names.isEmpty ? nil : (Set(names), false)
  }
  return nil
}
