import Execution

/// Why an Interactive Brokers request failed. Messages never carry credentials (the TWS API
/// has none: TWS or IB Gateway holds the login).
public enum IBError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The socket failed or closed; a request in flight may or may not have reached TWS.
  case connection(String)
  /// TWS answered with an error message (code and text as sent).
  case api(code: Int, message: String)
  /// Nothing came within the timeout.
  case timeout(String)
  /// Bad settings or an unsupported server.
  case configuration(String)
  /// Refused before sending (unknown symbol, quantity off the grid).
  case rejectedLocally(String)

  public var description: String {
    switch self {
    case let .connection(m): return "IB connection: \(m)"
    case let .api(code, m): return "IB error \(code): \(m)"
    case let .timeout(m): return "IB timeout: \(m)"
    case let .configuration(m): return "IB configuration: \(m)"
    case let .rejectedLocally(m): return "IB order refused before sending: \(m)"
    }
  }

  /// Whether reconnecting and asking again may help.
  public var isTransient: Bool {
    switch self {
    case .connection, .timeout: return true
    case let .api(code, _): return IBErrorCode.isConnectivity(code)
    default: return false
    }
  }
}

/// TWS API error codes this adapter acts on (TWS API "Message Codes").
public enum IBErrorCode {
  /// Max rate of messages per second has been exceeded.
  public static let rateExceeded = 100
  /// Duplicate order id.
  public static let duplicateOrderId = 103
  /// Order rejected.
  public static let orderRejected = 201
  /// Order cancelled.
  public static let orderCancelled = 202
  /// Order id not found (cancel of an unknown order).
  public static let orderNotFound = 10147
  /// Cancel attempted on an order not in a cancellable state.
  public static let notCancellable = 161
  /// Client id already in use.
  public static let clientIdInUse = 326
  /// Could not connect / not connected.
  public static let notConnected = 504
  /// Connectivity between IB and TWS lost (1100), restored with data lost (1101), restored (1102).
  public static let connectivityLost = 1100
  public static let restoredDataLost = 1101
  public static let restored = 1102

  /// Informational codes (2100-2199: market data farm status and the like) carry no failure.
  public static func isInformational(_ code: Int) -> Bool { (2100...2199).contains(code) || code == 1102 }

  /// Codes a reconnect can cure: connectivity, and a client id TWS has not yet released after
  /// the previous connection with it died.
  static func isConnectivity(_ code: Int) -> Bool {
    code == connectivityLost || code == notConnected || code == clientIdInUse
  }
}

extension BrokerError {
  init(clientId: String, _ error: IBError) { self.init(clientId: clientId, message: error.description) }
}
