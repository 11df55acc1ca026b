import Foundation
import Testing

/// A loopback broker simulator (crescent-exchange-simulator, crescent-ib-simulator,
/// crescent-trading212-simulator) as a child process: `port N` on its first line, commands on
/// stdin, `orders` answered on stdout.
class ChildSimulator {
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

/// Runs crescent with `arguments` again and again, SIGKILLing it `target` times while orders
/// are being submitted — every other time as soon as a new order is at the broker (`placed`
/// grows), else after a random 0.1-1.6 s — and then lets the last run finish.
struct KillLoop {
  var kills = 0
  /// Kills that caught an order at the broker the state had not booked (`inFlight`).
  var inFlight = 0
  /// Whether the last run finished with status 0.
  var finished = false

  init(
    arguments: [String], environment: [String: String], logs: String, target: Int, seed: UInt64,
    placed: () -> Int, inFlight caught: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var random = DryrunCrashTests.SplitMix(state: seed)
    for _ in 0..<(target * 6) {
      let before = placed()
      let child = try EngineFixtures.spawn(arguments, environment: environment, logs: logs)
      if kills < target {
        if kills % 2 == 0 {
          _ = EngineFixtures.wait(seconds: 20) { !child.isRunning || placed() > before }
        } else {
          usleep(useconds_t(100_000 + random.next() % 1_500_000))
        }
        if child.isRunning {
          kill(child.processIdentifier, SIGKILL)
          child.waitUntilExit()
          if child.terminationReason == .uncaughtSignal {
            kills += 1
            if caught() { inFlight += 1 }
            continue
          }
        }
      }
      child.waitUntilExit()
      #expect(child.terminationStatus == 0, "\(EngineFixtures.read(logs + ".err"))", sourceLocation: sourceLocation)
      finished = child.terminationStatus == 0
      return
    }
    Issue.record("the run makes no progress", sourceLocation: sourceLocation)
  }
}

extension EngineFixtures {
  /// Files under `dir` (recursively) whose bytes contain any of `needles`.
  static func files(in dir: String, containing needles: [String]) -> [String] {
    let data = needles.map { Data($0.utf8) }
    let files = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
    return files.filter { name in
      guard let bytes = FileManager.default.contents(atPath: dir + "/" + name) else { return false }
      return data.contains { bytes.range(of: $0) != nil }
    }
  }
}
