import Execution
import Foundation
import Testing

/// Files and processes shared by the dry-run and live command tests.
enum EngineFixtures {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// GOOG daily bars (backtesting.py's sample data), 2148 bars.
  static var goog: String { repository.appendingPathComponent("Tests/ExecutionTests/Fixtures/GOOG.csv").path }

  static func strategy(_ name: String) -> String {
    repository.appendingPathComponent("strategies/\(name).lua").path
  }

  /// The first `count` bars of GOOG, written into `scratch` as GOOG.csv.
  static func googHead(_ count: Int, in scratch: ScratchDirectory) throws -> String {
    let lines = try String(contentsOfFile: goog, encoding: .utf8).split(separator: "\n")
    return try scratch.write("GOOG.csv", lines.prefix(count + 1).joined(separator: "\n") + "\n")
  }

  /// Starts crescent in the background with stdout and stderr going to files in `logs`.
  static func spawn(_ arguments: [String], environment: [String: String] = [:], logs: String) throws -> Process {
    let process = Process()
    process.executableURL = CrescentBinary.url
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    _ = FileManager.default.createFile(atPath: logs + ".out", contents: nil)
    _ = FileManager.default.createFile(atPath: logs + ".err", contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: logs + ".out"))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logs + ".err"))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  /// Orders, fills and trades committed in a state directory.
  /// (Orders as text: an order's ATR is NaN when undefined, and NaN != NaN.)
  struct Outcome: Equatable {
    var orders: [String]
    var clientIds: [String]
    var fills: [Fill]
    var trades: String
  }

  static func outcome(_ dir: String) throws -> Outcome {
    let store = try StateStore(directory: dir)
    let orders = try store.orders()
    return Outcome(
      orders: orders.map { "\($0)" }, clientIds: orders.map(\.clientId), fills: try store.fills(),
      trades: read(dir + "/trades.csv"))
  }

  /// The JSON object on each line of `text`.
  static func jsonLines(_ text: String) -> [[String: Any]] {
    text.split(separator: "\n").compactMap {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
    }
  }

  /// Waits until `condition` holds, polling every 50 ms, at most `seconds`.
  static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      usleep(50_000)
    }
    return condition()
  }
}
