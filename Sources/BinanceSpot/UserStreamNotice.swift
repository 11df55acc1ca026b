/// What the broker tells an operator about its user-data stream. Carries no key, secret or
/// signature: reasons are `BinanceError` descriptions, which hold none.
public struct UserStreamNotice: Sendable, Equatable {
  public enum Kind: String, Sendable {
    /// Subscribed on the first attempt: fills are followed through the stream.
    case connected
    /// The first connection failed: orders are followed over REST while it keeps trying.
    case unavailable
    /// A live stream dropped: orders are followed over REST until it is back.
    case dropped
    /// Subscribed again after a drop (or after being unavailable), missed reports reconciled.
    case reconnected
    /// Subscribed again but the REST reconciliation failed: orders stay followed over REST.
    case unreconciled
  }

  public var kind: Kind
  /// Why the stream dropped or failed; nil otherwise.
  public var reason: String?
  /// Orders re-read over REST after a reconnect; nil otherwise.
  public var reconciled: Int?

  public init(_ kind: Kind, reason: String? = nil, reconciled: Int? = nil) {
    self.kind = kind
    self.reason = reason
    self.reconciled = reconciled
  }

  /// One readable sentence.
  public var message: String {
    switch kind {
    case .connected:
      return "user-data stream connected: fills are followed through the stream"
    case .unavailable:
      return
        "user-data stream unavailable (\(reason ?? "unknown")): following orders over REST while reconnecting"
    case .dropped:
      return
        "user-data stream dropped (\(reason ?? "unknown")): following orders over REST while reconnecting"
    case .reconnected:
      return "user-data stream back: \(reconciled ?? 0) working orders reconciled over REST"
    case .unreconciled:
      return
        "user-data stream back, but reconciling over REST failed (\(reason ?? "unknown")): following orders over REST"
    }
  }
}
