import Execution
import Foundation

/// The fills a broker adapter has booked, by the engine's client id, so submitting or looking
/// up the same client id again returns the first fill and sends nothing.
public final class FillLedger: @unchecked Sendable {
  private let lock = NSLock()
  private var fills: [String: Fill] = [:]

  /// Starts with the fills already committed in the state directory.
  public init(_ booked: [Fill] = []) {
    for fill in booked { fills[fill.clientId] = fill }
  }

  public subscript(clientId: String) -> Fill? { lock.withLock { fills[clientId] } }

  /// The booked fill of `clientId`, else the one `execute` makes (then booked).
  public func once<E: Error>(_ clientId: String, _ execute: () throws(E) -> Fill) throws(E) -> Fill {
    if let done = self[clientId] { return done }
    let fill = try execute()
    lock.withLock { fills[clientId] = fill }
    return fill
  }
}
