import Simulator
import WebTransport

/// Settings of an `IBBroker`.
public struct IBBrokerOptions: Sendable {
  /// TWS or IB Gateway's host (the API accepts trusted IPs only; loopback by default).
  public var host: String
  /// The API port: IB Gateway's paper port 4002 by default (live 4001; TWS: paper 7497,
  /// live 7496).
  public var port: Int
  /// The API client id; orders placed under it are this client's (one connection per id).
  public var clientId: Int
  /// The account orders go to; empty: the first account TWS manages for the login.
  public var account: String
  /// Contracts by engine symbol; a symbol without one is a stock on SMART in USD.
  public var contracts: [String: IBContract]
  /// How long `submit` waits for a working order to fill before cancelling the rest (ms).
  public var fillTimeout: Int64
  /// Connect, handshake and request timeout (ms).
  public var timeout: Int64
  /// Messages per second this client sends at most (TWS's limit is 50).
  public var messagesPerSecond: Int
  /// Reconnect delays, and how many connects to try before a request fails.
  public var backoff: Backoff
  public var reconnectAttempts: Int
  /// The commission model for sizing (IB's tiered US stock rate: 0.0035 USD a share, at
  /// least 0.35, at most 1 % of the value); fills book what TWS's commission reports say.
  public var commission: Commission

  public init(
    host: String = "127.0.0.1", port: Int = 4002, clientId: Int = 17, account: String = "",
    contracts: [String: IBContract] = [:], fillTimeout: Int64 = 30_000, timeout: Int64 = 10_000,
    messagesPerSecond: Int = 45, backoff: Backoff? = nil, reconnectAttempts: Int = 6,
    commission: Commission = Commission(perUnit: 0.0035, minimum: 0.35, maximumPercent: 0.01)
  ) {
    self.host = host
    self.port = port
    self.clientId = clientId
    self.account = account
    self.contracts = contracts
    self.fillTimeout = max(0, fillTimeout)
    self.timeout = max(1, timeout)
    self.messagesPerSecond = max(1, messagesPerSecond)
    self.backoff = backoff ?? Backoff(unchecked: 100, 2_000)
    self.reconnectAttempts = max(1, reconnectAttempts)
    self.commission = commission
  }

  /// IB Gateway's default ports: paper 4002, live 4001.
  public static func defaultPort(live: Bool) -> Int { live ? 4001 : 4002 }
}
