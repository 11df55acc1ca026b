import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A blocking TCP connection to TWS or IB Gateway with a reader thread: every whole message
/// goes to `onMessage` (on the reader thread), the end of the connection to `onClose` once.
/// Writes are whole messages under a lock, so messages never interleave.
final class IBSocket: @unchecked Sendable {
  private let fd: Int32
  private let writeLock = NSLock()
  private let closeLock = NSLock()
  private var closed = false

  /// Connects to `host:port` within `timeout` seconds.
  init(host: String, port: Int, timeout: Double) throws(IBError) {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
      throw .connection("cannot resolve \(host)")
    }
    defer { freeaddrinfo(list) }
    var lastError = "no address"
    var node: UnsafeMutablePointer<addrinfo>? = first
    while let info = node {
      let s = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
      if s >= 0 {
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if Glibc.connect(s, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
          fd = s
          return
        }
        lastError = String(cString: strerror(errno))
        Glibc.close(s)
      }
      node = info.pointee.ai_next
    }
    throw .connection("cannot connect to \(host):\(port): \(lastError)")
  }

  /// Starts the reader thread.
  func start(onMessage: @escaping @Sendable ([String]) -> Void, onClose: @escaping @Sendable (String) -> Void) {
    let fd = self.fd
    let thread = Thread { [self] in
      var reader = IBFrameReader()
      var chunk = [UInt8](repeating: 0, count: 65_536)
      var reason = "closed by TWS"
      loop: while true {
        // SAFETY: recv writes at most `count` bytes into the buffer, inside the closure.
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n == 0 { break }
        if n < 0 {
          if errno == EINTR { continue }
          reason = String(cString: strerror(errno))
          break
        }
        reader.append(chunk[0..<n])
        do {
          while let fields = try reader.next() { onMessage(fields) }
        } catch {
          reason = "a message of \(error) bytes exceeds the API's limit"
          break loop
        }
      }
      self.close()
      onClose(reason)
    }
    thread.name = "crescent-ib-reader"
    thread.start()
  }

  /// Reads the server's handshake answer synchronously (before the reader thread starts).
  func readHandshake(timeout: Double) throws(IBError) -> [String] {
    var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    defer {
      var zero = timeval(tv_sec: 0, tv_usec: 0)
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &zero, socklen_t(MemoryLayout<timeval>.size))
    }
    var reader = IBFrameReader()
    var byte = [UInt8](repeating: 0, count: 1)
    // Byte by byte, so nothing after the answer is consumed before the reader thread runs.
    while true {
      if let fields = try? reader.next() { return fields }
      // SAFETY: one byte into a one-byte buffer, inside the closure.
      let n = byte.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 1, 0) }
      if n <= 0 { throw .connection("TWS closed the connection during the handshake (API port, trusted IPs?)") }
      reader.append(byte)
    }
  }

  func send(_ bytes: [UInt8]) throws(IBError) {
    writeLock.lock()
    defer { writeLock.unlock() }
    var offset = 0
    while offset < bytes.count {
      // SAFETY: the pointer stays inside the closure and `offset < count`.
      let n = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Glibc.send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw .connection("send failed: \(String(cString: strerror(errno)))")
      }
      offset += n
    }
  }

  /// Closes the socket (idempotent); the reader thread then ends.
  func close() {
    closeLock.lock()
    defer { closeLock.unlock() }
    if closed { return }
    closed = true
    shutdown(fd, Int32(SHUT_RDWR))
    Glibc.close(fd)
  }
}
