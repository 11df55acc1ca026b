import Execution
import Simulator
import WebTransport

/// Settings of a `BinanceBroker`.
public struct BinanceBrokerOptions: Sendable {
  /// How long `submit` waits for a working order to fill before cancelling the rest (ms, real time).
  public var fillTimeout: Int64
  /// How often `submit` re-reads a working order over REST while the user-data stream is
  /// down or not opened (ms).
  public var pollInterval: Int64
  /// How often `submit` re-reads a working order over REST while the user-data stream is up
  /// and says nothing (ms): a safety net, the stream's reports come first.
  public var streamPollInterval: Int64
  /// Whether the broker factory opens the user-data stream (`crescent live --no-user-stream`
  /// turns it off: orders are then followed over REST only).
  public var userStream: Bool
  /// How often the user-data stream's connection is checked with a WebSocket API `ping`
  /// (ms, real time); one unanswered within `timeout` closes the connection, which reconnects.
  public var keepAlive: Int64
  /// The commission model for sizing and reports, and for fills whose commission was paid in
  /// a third asset (BNB): Binance's default taker rate, 0.1 %.
  public var commission: Commission
  /// Reconnect delays of the user-data stream.
  public var backoff: Backoff
  /// Connect and response timeout (ms).
  public var timeout: Int64

  public init(
    fillTimeout: Int64 = 30_000, pollInterval: Int64 = 1_000,
    commission: Commission = Commission(percent: 0.001),
    backoff: Backoff? = nil, timeout: Int64 = 10_000, userStream: Bool = true,
    streamPollInterval: Int64 = 10_000, keepAlive: Int64 = 30_000
  ) {
    self.fillTimeout = max(0, fillTimeout)
    self.pollInterval = max(1, pollInterval)
    self.streamPollInterval = max(self.pollInterval, streamPollInterval)
    self.userStream = userStream
    self.keepAlive = max(1, keepAlive)
    self.commission = commission
    self.backoff = backoff ?? Backoff(unchecked: 500, 30_000)
    self.timeout = max(1, timeout)
  }
}
