import Execution

/// Why a Trading212 request failed. Messages never carry the key or the secret.
public enum T212Error: Error, Equatable, Sendable, CustomStringConvertible {
  /// The connection failed or timed out: the request may or may not have been carried out.
  case transport(String)
  /// Trading212 answered with an error status (401 bad key, 403 scope missing, 400 failed
  /// validation, 404 not found, 408 timed out, 429 rate limited), with its body's message.
  case http(status: Int, message: String)
  case configuration(String)
  case rejectedLocally(String)
  case timeout(String)

  public var description: String {
    switch self {
    case let .transport(m): return "Trading212 connection: \(m)"
    case let .http(status, m):
      let meaning =
        [401: "bad API key", 403: "scope missing for the API key", 400: "failed validation", 404: "not found",
         408: "timed out", 429: "rate limited"][status] ?? "error"
      return "Trading212 HTTP \(status) (\(meaning))\(m.isEmpty ? "" : ": \(m)")"
    case let .configuration(m): return "Trading212 configuration: \(m)"
    case let .rejectedLocally(m): return "Trading212 order refused before sending: \(m)"
    case let .timeout(m): return "Trading212 timeout: \(m)"
    }
  }

  /// Whether the request may have been carried out although no answer came.
  var isAmbiguous: Bool {
    switch self {
    case .transport: return true
    case let .http(status, _): return status == 408 || status >= 500
    default: return false
    }
  }
}

extension BrokerError {
  init(clientId: String, _ error: T212Error) { self.init(clientId: clientId, message: error.description) }
}
