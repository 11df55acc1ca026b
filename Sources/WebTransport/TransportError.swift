/// What went wrong below the application protocol: a connection that failed, timed out or
/// ended early (`transport`), or settings that cannot work (`configuration`). Adapters turn
/// it into their own error type, keeping the message.
public enum TransportError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The request may or may not have reached the server (refused, reset, timed out, cut short).
  case transport(String)
  /// Bad settings: a URL without a host, TLS that cannot be set up, backoff bounds.
  case configuration(String)

  public var description: String {
    switch self {
    case let .transport(message): return "connection: \(message)"
    case let .configuration(message): return message
    }
  }

  /// The message without the kind's prefix.
  public var message: String {
    switch self {
    case let .transport(message), let .configuration(message): return message
    }
  }
}
