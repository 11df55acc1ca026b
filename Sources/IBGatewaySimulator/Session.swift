import Foundation
import InteractiveBrokers

#if canImport(Glibc)
  import Glibc
#endif

/// One client connection of the simulated TWS: handshake, then one message at a time.
final class Session: @unchecked Sendable {
  let fd: Int32
  let id: Int
  // Strong: a session ends on its own thread, possibly after its owner let the simulator go.
  let simulator: IBGatewaySimulator
  private let writeLock = NSLock()
  private var closed = false
  var clientId: Int?
  private var window: [Date] = []

  init(fd: Int32, id: Int, simulator: IBGatewaySimulator) {
    self.fd = fd
    self.id = id
    self.simulator = simulator
  }

  func start() {
    let thread = Thread { [self] in run() }
    thread.name = "ib-simulator-session"
    thread.start()
  }

  func close() {
    writeLock.lock()
    defer { writeLock.unlock() }
    if closed { return }
    closed = true
    shutdown(fd, Int32(SHUT_RDWR))
    Glibc.close(fd)
  }

  func send(_ fields: [String]) {
    let bytes = IBWire.encode(fields)
    writeLock.lock()
    defer { writeLock.unlock() }
    if closed { return }
    var offset = 0
    while offset < bytes.count {
      // SAFETY: the pointer stays inside the closure and `offset < count`.
      let n = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return -1 }
        return Glibc.send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
      }
      if n <= 0 { return }
      offset += n
    }
  }

  private func run() {
    var reader = IBFrameReader()
    var chunk = [UInt8](repeating: 0, count: 65_536)
    var stage = 0  // 0: prefix, 1: version range, 2: startApi, 3: requests
    defer {
      close()
      simulator.ended(self)
    }
    while true {
      // SAFETY: recv writes at most `count` bytes into the buffer, inside the closure.
      let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n <= 0 { return }
      reader.append(chunk[0..<n])
      if stage == 0 {
        guard let ok = reader.consumeAPIPrefix() else { continue }
        guard ok else { return }
        stage = 1
      }
      while let fields = try? reader.next() {
        switch stage {
        case 1:
          guard let version = Self.negotiate(fields.first ?? "") else { return }
          let now = DateFormatter()
          now.locale = Locale(identifier: "en_US_POSIX")
          now.dateFormat = "yyyyMMdd HH:mm:ss"
          now.timeZone = TimeZone(identifier: "UTC")
          send([String(version), now.string(from: Date()) + " UTC"])
          stage = 2
        case 2:
          guard fields.count == 4, fields[0] == "71", let client = Int(fields[2]) else { return }
          guard simulator.admit(client: client) else {
            send(IBEncoders.error(id: -1, code: 326, "Unable to connect as the client id is already in use. Retry with a unique client id."))
            return
          }
          clientId = client
          send(["15", "1", simulator.account])
          send(["9", "1", String(simulator.nextValidId(client: client))])
          stage = 3
        default:
          if !withinRate() {
            let orderId = fields.first == "3" && fields.count > 1 ? Int64(fields[1]) ?? -1 : -1
            send(IBEncoders.error(id: orderId, code: 100, "Max rate of messages per second has been exceeded:max=\(simulator.messagesPerSecond)"))
            continue
          }
          if !simulator.handle(fields, from: self) { return }
        }
      }
    }
  }

  /// The server version for a client's `v<min>..<max>` (this simulator speaks 176 only).
  static func negotiate(_ text: String) -> Int? {
    guard text.hasPrefix("v") else { return nil }
    let range = text.dropFirst().split(separator: " ").first?.components(separatedBy: "..") ?? []
    guard range.count == 2, let low = Int(range[0]), let high = Int(range[1]) else { return nil }
    return (low...high).contains(176) ? 176 : nil
  }

  private func withinRate() -> Bool {
    let limit = simulator.lock.withLock { simulator.messagesPerSecond }
    let now = Date()
    window.removeAll { now.timeIntervalSince($0) >= 1 }
    guard window.count < limit else {
      simulator.lock.withLock { simulator.rateRejections += 1 }
      return false
    }
    window.append(now)
    return true
  }
}
