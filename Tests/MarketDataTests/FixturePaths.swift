import Foundation

@testable import MarketData

/// Paths of committed fixture files and scratch files for tests.
enum Fixture {
  static func path(_ name: String) -> String {
    guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
      return "Fixtures/" + name
    }
    return url.appendingPathComponent(name).path
  }

  /// A fresh directory under the system's temporary directory.
  static func scratch(_ label: String) -> String {
    let path = NSTemporaryDirectory() + "crescent-md-\(label)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func write(_ text: String, to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }

  /// Loads CSV text from memory.
  static func bars(_ text: String, options: LoadOptions = LoadOptions()) throws(DataError) -> LoadResult {
    try BarLoader.read(Array(text.utf8), name: "test.csv", options: options)
  }

  static func t(_ iso: String) -> Int64 {
    UTCTime.parse(iso) ?? Int64.min
  }
}
