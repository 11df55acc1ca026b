import ArgumentParser
import Analytics
import Foundation
import LuaBindings
import Simulator

/// `crescent sweep merge DIR... --out DIR`: combines the folders of `sweep --shard i/N`
/// runs into the results.csv, heatmap.png and sweep.json the unsharded sweep writes.
///
/// The shards must share one sweep (same strategy and data SHA-256s, grid, random search,
/// fixed params, cash, range and crescent version) and be exactly shards 1…N of N, each
/// once. Row k of shard i is combination (i − 1) + k·N, so interleaving the shards' lines
/// rebuilds the unsharded file byte for byte.
struct SweepMergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Combine sweep shard folders into one sweep folder.")

  @Argument(help: "The shard folders (written by sweep --shard i/N).")
  var folders: [String] = []

  @Option(help: ArgumentHelp("The merged sweep folder to write.", valueName: "dir"))
  var out: String

  @Flag(help: "Print the best row as JSON instead of the table.")
  var json = false

  func run() throws {
    let merged = try SweepSetup.usage { try Self.merge(folders.map { URL(fileURLWithPath: $0) }) }
    let manifest = merged.manifest
    let table = try SweepSetup.usage { try SweepCSV.parse(merged.csv, source: "merged results.csv") }
    let grid = try SweepSetup.usage { try SweepGrid(parsing: manifest.grid) }
    let directory = URL(fileURLWithPath: out)
    do {
      try SweepReport.write(
        csv: merged.csv, table: table, grid: grid, manifest: manifest,
        strategyName: StrategyFile.baseName(manifest.strategy.path), to: directory)
    } catch {
      SweepSetup.fail("cannot write the sweep folder \(directory.path): \(error.localizedDescription)", ExitStatus.scriptError)
    }
    if json {
      FileHandleOutput.standardOutput.write(SweepReport.json(table, metric: manifest.metric, minTrades: manifest.minTrades))
    } else {
      FileHandleOutput.standardOutput.write(
        SweepReport.summary(table, metric: manifest.metric, minTrades: manifest.minTrades)
          + "\nsweep folder: \(directory.relativePath)\n")
    }
  }

  /// The merged results.csv text and the manifest of the whole sweep.
  static func merge(_ folders: [URL]) throws -> (csv: String, manifest: SweepManifest) {
    guard !folders.isEmpty else { throw SweepSpecError("sweep merge needs the shard folders, e.g. shard-1 shard-2 --out all") }
    var shards: [(shard: SweepShard, manifest: SweepManifest, lines: [Substring], folder: URL)] = []
    for folder in folders {
      let manifest = try SweepManifest.read(from: folder)
      let shard = try manifest.parsedShard(in: folder)
      let url = folder.appendingPathComponent("results.csv")
      guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        throw SweepSpecError("\(folder.path): no readable results.csv")
      }
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      guard lines.count == manifest.rows + 1 else {
        throw SweepSpecError("\(url.path): \(lines.count - 1) rows, its sweep.json says \(manifest.rows)")
      }
      shards.append((shard, manifest, Array(lines), folder))
    }
    let first = shards[0]
    for other in shards.dropFirst() {
      for ((name, a), (_, b)) in zip(first.manifest.identity, other.manifest.identity) where a != b {
        throw SweepSpecError(
          "\(other.folder.path) is not a shard of the same sweep as \(first.folder.path): \(name) differs (\(b) vs \(a))")
      }
      if other.lines.first != first.lines.first {
        throw SweepSpecError("\(other.folder.path): results.csv's header differs from \(first.folder.path)'s")
      }
    }
    let count = first.shard.count
    var byIndex = [Int: Int]()
    for (n, s) in shards.enumerated() {
      guard s.shard.count == count else {
        throw SweepSpecError("\(s.folder.path) is shard \(s.shard) but \(first.folder.path) is shard \(first.shard)")
      }
      if let seen = byIndex[s.shard.index] {
        throw SweepSpecError("shard \(s.shard) is given twice: \(shards[seen].folder.path) and \(s.folder.path)")
      }
      byIndex[s.shard.index] = n
    }
    let missing = (1...count).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      throw SweepSpecError("missing shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) of \(count)")
    }
    let total = first.manifest.combinations
    for s in shards where s.manifest.rows != s.shard.share(of: total) {
      throw SweepSpecError(
        "\(s.folder.path): shard \(s.shard) of \(total) combinations should have \(s.shard.share(of: total)) rows, has \(s.manifest.rows)")
    }
    var csv = String(first.lines[0]) + "\n"
    for j in 0..<total {
      let s = shards[byIndex[j % count + 1] ?? 0]
      csv += s.lines[1 + j / count] + "\n"
    }
    var manifest = first.manifest
    manifest.shard = SweepShard.whole.description
    manifest.rows = total
    return (csv, manifest)
  }
}
