import Foundation
import NIOCore
import NIOHTTP1

/// One HTTP connection of the simulated Trading212: a request in, an answer out (or a dropped
/// connection), then close.
final class T212HTTPHandler: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart
  let simulator: Trading212Simulator
  var head: HTTPRequestHead?
  var body: [UInt8] = []

  init(simulator: Trading212Simulator) { self.simulator = simulator }

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
      var query: [String: String] = [:]
      for pair in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
        let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
        if kv.count == 2 { query[kv[0]] = kv[1].removingPercentEncoding ?? kv[1] }
      }
      let response = simulator.handle(
        method: head.method.rawValue, path: parts[0], query: query, body: String(decoding: body, as: UTF8.self),
        authorization: head.headers.first(name: "Authorization"))
      if response.drop {
        context.close(promise: nil)
        return
      }
      if response.delay > 0 {
        context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(response.delay * 1000))) {
          self.write(response, context: context)
        }
      } else {
        write(response, context: context)
      }
    }
  }

  private func write(_ response: SimResponse, context: ChannelHandlerContext) {
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "application/json")
    headers.add(name: "Content-Length", value: "\(response.body.utf8.count)")
    headers.add(name: "Connection", value: "close")
    for (name, value) in response.headers { headers.add(name: name, value: value) }
    context.write(
      wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: response.status), headers: headers))),
      promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: response.body)))), promise: nil)
    context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
  }
}
