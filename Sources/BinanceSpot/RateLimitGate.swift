import NIOConcurrencyHelpers

/// Binance's request-rate state: after a 429 nothing is sent until its Retry-After elapses;
/// after a 418 (IP banned) nothing is sent until the ban ends. Tracks the latest
/// `X-MBX-USED-WEIGHT-1M` the exchange reported.
final class RateLimitGate: Sendable {
  private struct State {
    var blockedUntil: Int64 = 0
    var banned = false
    var usedWeight: Int?
  }
  private let state = NIOLockedValueBox(State())

  /// The latest used request weight (per minute) the exchange reported.
  var usedWeight: Int? { state.withLockedValue { $0.usedWeight } }

  /// Milliseconds (UTC) before which no request may be sent, and whether that is a ban.
  var block: (until: Int64, banned: Bool) { state.withLockedValue { ($0.blockedUntil, $0.banned) } }

  func record(weight: Int) { state.withLockedValue { $0.usedWeight = weight } }

  /// Stops sending until `until`; a ban is never shortened by a later 429.
  func block(until: Int64, banned: Bool) {
    state.withLockedValue {
      if until > $0.blockedUntil || banned {
        $0.blockedUntil = max(until, $0.blockedUntil)
        $0.banned = banned || ($0.banned && $0.blockedUntil > until)
      }
    }
  }
}
