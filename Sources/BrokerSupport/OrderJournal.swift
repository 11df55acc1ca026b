import Execution
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A broker adapter's own record of what it sent, for brokers whose API has no client order
/// id (Trading212) or whose order ids the client must choose (Interactive Brokers).
///
/// Before an order goes out, `recordIntent` appends the engine's client id, symbol, side,
/// quantity and time; once the broker answers, `recordPlaced` appends the broker's order id.
/// Each record is one JSON line, written with `write(2)` and made durable with `fsync(2)`
/// before the call returns, so after a `kill -9` at any instant the journal holds every
/// intent whose order may have reached the broker. A line cut short by a crash is ignored on
/// load. The journal never holds credentials.
public final class OrderJournal: @unchecked Sendable {
  /// What the journal knows of one client order id.
  public struct Entry: Sendable, Equatable, Codable {
    public var clientId: String
    public var symbol: String
    public var side: OrderSide
    public var quantity: Double
    /// Milliseconds since the epoch (UTC, wall clock) just before the order was sent.
    public var sentAt: Int64
    /// The broker's order id, once known.
    public var brokerId: String?
  }

  private struct Line: Codable {
    var event: String
    var clientId: String
    var symbol: String?
    var side: OrderSide?
    var quantity: Double?
    var sentAt: Int64?
    var brokerId: String?
  }

  /// The file, nil for a journal kept in memory only.
  public let path: String?
  private let lock = NSLock()
  private var entries: [String: Entry] = [:]
  private var order: [String] = []

  /// Opens (or starts) the journal at `path`; nil keeps it in memory (a broker made outside a
  /// run, or a test).
  public init(path: String?) throws(BrokerError) {
    self.path = path
    guard let path, FileManager.default.fileExists(atPath: path) else { return }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw BrokerError(clientId: "-", message: "cannot read the order journal \(path)")
    }
    for raw in data.split(separator: UInt8(ascii: "\n")) {
      guard let line = try? JSONDecoder().decode(Line.self, from: Data(raw)) else { continue }
      apply(line)
    }
  }

  /// The journal file for broker `name` in a run's state directory (nil without one).
  public static func path(directory: String?, broker name: String) -> String? {
    directory.map { ($0 as NSString).appendingPathComponent("\(name)-orders.jsonl") }
  }

  public func entry(clientId: String) -> Entry? { lock.withLock { entries[clientId] } }

  /// Every entry, oldest intent first.
  public var all: [Entry] { lock.withLock { order.compactMap { entries[$0] } } }

  /// Broker order ids already tied to a client id.
  public var claimedBrokerIds: Set<String> { lock.withLock { Set(entries.values.compactMap(\.brokerId)) } }

  /// The largest numeric broker order id recorded (0 when none).
  public var largestNumericBrokerId: Int64 {
    lock.withLock { entries.values.compactMap { $0.brokerId.flatMap { Int64($0) } }.max() ?? 0 }
  }

  /// Records that `order` is about to be sent (durable before it returns). A second intent for
  /// the same client id keeps the first record's broker id.
  public func recordIntent(_ order: Order, sentAt: Int64) throws(BrokerError) {
    try append(
      Line(
        event: "intent", clientId: order.clientId, symbol: order.symbol, side: order.side,
        quantity: order.quantity, sentAt: sentAt, brokerId: nil))
  }

  /// Ties `clientId` to the broker's order id (durable before it returns).
  public func recordPlaced(clientId: String, brokerId: String) throws(BrokerError) {
    try append(
      Line(
        event: "placed", clientId: clientId, symbol: nil, side: nil, quantity: nil, sentAt: nil,
        brokerId: brokerId))
  }

  private func apply(_ line: Line) {
    switch line.event {
    case "intent":
      guard let symbol = line.symbol, let side = line.side, let quantity = line.quantity,
        let sentAt = line.sentAt
      else { return }
      if var existing = entries[line.clientId] {
        existing.sentAt = min(existing.sentAt, sentAt)
        entries[line.clientId] = existing
      } else {
        entries[line.clientId] = Entry(
          clientId: line.clientId, symbol: symbol, side: side, quantity: quantity, sentAt: sentAt, brokerId: nil)
        order.append(line.clientId)
      }
    case "placed":
      entries[line.clientId]?.brokerId = line.brokerId
    default: return
    }
  }

  private func append(_ line: Line) throws(BrokerError) {
    lock.lock()
    defer { lock.unlock() }
    if let path {
      guard let body = try? JSONEncoder().encode(line) else {
        throw BrokerError(clientId: line.clientId, message: "cannot encode an order journal record")
      }
      let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
      guard fd >= 0 else {
        throw BrokerError(
          clientId: line.clientId, message: "cannot open the order journal \(path): \(String(cString: strerror(errno)))")
      }
      defer { close(fd) }
      // A line cut short by a crash ends with no newline: start on a fresh line.
      var bytes = [UInt8](body) + [0x0A]
      let size = lseek(fd, 0, SEEK_END)
      if size > 0 {
        var last: UInt8 = 0
        if pread(fd, &last, 1, size - 1) == 1, last != 0x0A { bytes.insert(0x0A, at: 0) }
      }
      // SAFETY: write reads `count` bytes of the buffer, inside the closure.
      let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      guard written == bytes.count, fsync(fd) == 0 else {
        throw BrokerError(
          clientId: line.clientId, message: "cannot write the order journal \(path): \(String(cString: strerror(errno)))")
      }
    }
    apply(line)
  }
}
