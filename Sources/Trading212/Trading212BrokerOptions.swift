import Foundation
import Simulator
import WebTransport

/// Settings of a `Trading212Broker`.
public struct Trading212BrokerOptions: Sendable {
  /// Engine symbol → Trading212 ticker (`VUSA` → `VUSAl_EQ`); a symbol without one must be a
  /// ticker itself (`QQQ_US_EQ`).
  public var tickers: [String: String]
  /// How long `submit` waits for a pending order to fill before cancelling it (ms).
  public var fillTimeout: Int64
  /// How often a pending order is re-read (ms; GET /equity/orders/{id} allows 1 a second).
  public var pollInterval: Int64
  /// Request timeout (ms).
  public var timeout: Int64
  /// Retries of reads after a failed connection.
  public var backoff: Backoff
  public var retries: Int
  /// How much earlier than the journal's send time an order found at Trading212 may have been
  /// created and still be taken as the one sent (clock skew between here and Trading212, ms).
  public var clockSkew: Int64

  public init(
    tickers: [String: String] = [:], fillTimeout: Int64 = 30_000, pollInterval: Int64 = 1_000,
    timeout: Int64 = 10_000, backoff: Backoff? = nil, retries: Int = 5, clockSkew: Int64 = 5_000
  ) {
    self.tickers = tickers
    self.fillTimeout = max(0, fillTimeout)
    self.pollInterval = max(1, pollInterval)
    self.timeout = max(1, timeout)
    self.backoff = backoff ?? Backoff(unchecked: 250, 10_000)
    self.retries = max(1, retries)
    self.clockSkew = max(0, clockSkew)
  }

  /// Demo and live hosts.
  public static let demoURL = "https://demo.trading212.com"
  public static let liveURL = "https://live.trading212.com"
}
