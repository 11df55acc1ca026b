import Analytics
import Foundation
import LuaBindings
import Simulator

/// sweep.json: what a sweep (or one shard of it) ran, so `crescent sweep merge` can check
/// that shard folders come from the same sweep before combining them.
struct SweepManifest: Codable, Equatable {
  var crescentVersion: String
  var strategy: RunManifest.Input
  var data: [RunManifest.Input]
  /// The `--grid` texts, in order.
  var grid: [String]
  var random: Int?
  var seed: UInt64?
  var params: [String]
  var cash: Double?
  var from: String?
  var to: String?
  var metric: String
  var minTrades: Int
  /// Combinations of the whole sweep (every shard together).
  var combinations: Int
  /// `i/N`; `1/1` for an unsharded or merged sweep.
  var shard: String
  /// Rows in this folder's results.csv.
  var rows: Int

  enum CodingKeys: String, CodingKey {
    case crescentVersion = "crescent_version"
    case minTrades = "min_trades"
    case strategy, data, grid, random, seed, params, cash, from, to, metric, combinations, shard, rows
  }

  static let file = "sweep.json"

  func write(to directory: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try (encoder.encode(self) + Data("\n".utf8)).write(to: directory.appendingPathComponent(Self.file))
  }

  static func read(from directory: URL) throws -> SweepManifest {
    let url = directory.appendingPathComponent(file)
    guard let data = try? Data(contentsOf: url) else {
      throw SweepSpecError("\(directory.path): no \(file); not a crescent sweep folder")
    }
    do {
      return try JSONDecoder().decode(SweepManifest.self, from: data)
    } catch {
      throw SweepSpecError("\(url.path): not a valid sweep manifest (\(error))")
    }
  }

  /// The fields that must agree between shards of one sweep, named for error messages.
  var identity: [(String, String)] {
    [
      ("strategy SHA-256", strategy.sha256), ("data SHA-256s", data.map(\.sha256).joined(separator: ",")),
      ("grid", grid.joined(separator: " ")), ("random", random.map(String.init) ?? "-"),
      ("seed", seed.map(String.init) ?? "-"), ("params", params.joined(separator: " ")),
      ("cash", cash.map { "\($0)" } ?? "-"), ("from", from ?? "-"), ("to", to ?? "-"),
      ("combinations", String(combinations)), ("crescent version", crescentVersion),
    ]
  }

  /// The shard as parsed from `shard`.
  func parsedShard(in directory: URL) throws -> SweepShard {
    do { return try SweepShard(parsing: shard) } catch {
      throw SweepSpecError("\(directory.path)/\(Self.file): bad shard \"\(shard)\"")
    }
  }
}
