import Execution
import WebTransport

/// What went wrong talking to Binance. No case carries a key, a secret or a signature.
public enum BinanceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The exchange answered with its error JSON `{code, msg}` (HTTP status kept).
  case exchange(status: Int, code: Int, message: String)
  /// 429: too many requests; nothing may be sent before `until` (ms since the epoch, UTC).
  case rateLimited(until: Int64)
  /// 418: the IP is banned until `until` (ms since the epoch, UTC).
  case banned(until: Int64)
  /// The request may or may not have reached the exchange (connection lost, timeout).
  case transport(String)
  /// A response that does not parse as the documented JSON.
  case malformed(String)
  /// An order the exchange would refuse, caught locally (filters, unknown symbol).
  case rejectedLocally(String)
  /// Bad settings (URLs, keys, options).
  case configuration(String)

  public var description: String {
    switch self {
    case let .exchange(status, code, message): return "Binance error \(code) (HTTP \(status)): \(message)"
    case let .rateLimited(until): return "rate limited (HTTP 429): no request before \(until) ms"
    case let .banned(until): return "IP banned (HTTP 418) until \(until) ms"
    case let .transport(message): return "connection: \(message)"
    case let .malformed(message): return "unexpected response: \(message)"
    case let .rejectedLocally(message): return message
    case let .configuration(message): return message
    }
  }

  /// Binance's error codes the adapter acts on.
  public enum Code {
    /// -1021: timestamp outside recvWindow.
    public static let timestamp = -1021
    /// -1022: invalid signature.
    public static let signature = -1022
    /// -2013: order does not exist.
    public static let noSuchOrder = -2013
    /// -2011: cancel rejected (unknown order).
    public static let cancelRejected = -2011
  }

  /// The same failure as an adapter error, message kept.
  init(_ error: TransportError) {
    switch error {
    case let .transport(message): self = .transport(message)
    case let .configuration(message): self = .configuration(message)
    }
  }

  /// Whether the request may have been executed although no answer came.
  var isAmbiguous: Bool {
    if case .transport = self { return true }
    return false
  }
}

extension BrokerError {
  init(clientId: String, _ error: BinanceError) {
    self.init(clientId: clientId, message: error.description)
  }
}
