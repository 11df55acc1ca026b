import Foundation

/// A loopback broker simulator (crescent-ib-simulator, crescent-trading212-simulator) as a
/// child process: `port N` on its first line, commands on stdin, `orders` answered on stdout.
final class ChildSimulator {
  let process = Process()
  let input = Pipe()
  let output = Pipe()
  var port = 0

  init(executable: String, arguments: [String] = []) throws {
    process.executableURL = CrescentBinary.url.deletingLastPathComponent().appendingPathComponent(executable)
    process.arguments = arguments
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let first = readLine()
    guard first.hasPrefix("port "), let port = Int(first.dropFirst(5)) else {
      throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(executable) said \(first)"])
    }
    self.port = port
  }

  func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

  func readLine() -> String {
    var bytes: [UInt8] = []
    var byte: UInt8 = 0
    let fd = output.fileHandleForReading.fileDescriptor
    while read(fd, &byte, 1) == 1 {
      if byte == 0x0A { break }
      bytes.append(byte)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Every order the simulator holds, oldest first.
  func orders() -> [[String: Any]] {
    send("orders")
    while true {
      let line = readLine()
      if line.isEmpty { return [] }
      if line.hasPrefix("orders ") {
        return (try? JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8))) as? [[String: Any]] ?? []
      }
    }
  }

  func stop() {
    process.terminate()
    process.waitUntilExit()
  }
}
