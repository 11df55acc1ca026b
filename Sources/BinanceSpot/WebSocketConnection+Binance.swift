import Foundation
import NIOCore
import NIOSSL
import WebTransport

extension WebSocketConnection {
  /// `connect`, with a failure reported as the adapter's error.
  static func open(
    _ url: URL, timeout: TimeAmount, tls: NIOSSLContext?, onText: @escaping @Sendable (String) -> Void,
    onClose: @escaping @Sendable () -> Void
  ) throws(BinanceError) -> WebSocketConnection {
    do {
      return try connect(url, timeout: timeout, tls: tls, onText: onText, onClose: onClose)
    } catch {
      throw BinanceError(error)
    }
  }
}
