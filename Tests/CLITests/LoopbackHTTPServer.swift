import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for webhook tests: accepts connections on a
/// background thread, reads one request each (headers, then Content-Length bytes of body),
/// records it and answers with the next status from `statuses` (then 200), closing the
/// connection.
final class LoopbackHTTPServer: @unchecked Sendable {
  struct Request {
    var method: String
    var path: String
    var headers: [String: String]
    var body: String
  }

  let port: UInt16
  private let socketFD: Int32
  private let lock = NSLock()
  private var received: [Request] = []
  private var statuses: [Int]
  private var running = true

  init(statuses: [Int] = []) throws {
    self.statuses = statuses
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 16) == 0 else {
      close(fd)
      throw POSIXError(.EADDRINUSE)
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    port = UInt16(bigEndian: actual.sin_port)
    socketFD = fd
    let thread = Thread { [self] in serve() }
    thread.start()
  }

  var url: String { "http://127.0.0.1:\(port)/hook" }

  var requests: [Request] {
    lock.lock()
    defer { lock.unlock() }
    return received
  }

  func stop() {
    lock.lock()
    running = false
    lock.unlock()
    shutdown(socketFD, Int32(SHUT_RDWR))
    close(socketFD)
  }

  private func serve() {
    while true {
      let client = accept(socketFD, nil, nil)
      if client < 0 {
        lock.lock()
        let stillRunning = running
        lock.unlock()
        if stillRunning { continue }
        return
      }
      handle(client)
      close(client)
    }
  }

  private func handle(_ client: Int32) {
    var data = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    var headerEnd: Int?
    var contentLength = 0
    while true {
      let n = read(client, &buffer, buffer.count)
      if n <= 0 { return }
      data += buffer[0..<n]
      if headerEnd == nil, let range = findHeaderEnd(data) {
        headerEnd = range
        let head = String(decoding: data[0..<range], as: UTF8.self)
        for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
          contentLength = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) ?? 0
        }
      }
      if let end = headerEnd, data.count >= end + 4 + contentLength { break }
    }
    guard let end = headerEnd else { return }
    let head = String(decoding: data[0..<end], as: UTF8.self).split(separator: "\r\n").map(String.init)
    let requestLine = head.first?.split(separator: " ").map(String.init) ?? []
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      if let colon = line.firstIndex(of: ":") {
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    let body = String(decoding: data[(end + 4)..<(end + 4 + contentLength)], as: UTF8.self)
    lock.lock()
    received.append(
      Request(
        method: requestLine.first ?? "", path: requestLine.count > 1 ? requestLine[1] : "", headers: headers, body: body))
    let status = statuses.isEmpty ? 200 : statuses.removeFirst()
    lock.unlock()
    let reply = "HTTP/1.1 \(status) \(status == 200 ? "OK" : "Error")\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    _ = reply.withCString { write(client, $0, strlen($0)) }
  }

  private func findHeaderEnd(_ data: [UInt8]) -> Int? {
    guard data.count >= 4 else { return nil }
    for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
      return i
    }
    return nil
  }
}
