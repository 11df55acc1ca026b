import ArgumentParser
import Foundation
import LuaBindings

/// `crescent rerun DIR`: repeats the backtest a run folder's manifest describes and checks
/// that every output is byte for byte the same.
struct RerunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rerun",
    abstract: "Re-run a backtest from its run folder's manifest and verify the outputs are identical.")

  @Argument(help: "A run folder written by crescent backtest.")
  var folder: String

  func run() throws {
    let directory = URL(fileURLWithPath: folder).absoluteURL
    let manifest: RunManifest
    do {
      manifest = try RunManifest.read(from: directory)
    } catch {
      FileHandleOutput.standardError.write("crescent: \(folder): no readable manifest.json (\(error.localizedDescription))\n")
      throw ExitCode(ExitStatus.usage)
    }
    let previous = FileManager.default.currentDirectoryPath
    guard FileManager.default.changeCurrentDirectoryPath(manifest.directory) else {
      FileHandleOutput.standardError.write("crescent: cannot enter the run's working directory \(manifest.directory)\n")
      throw ExitCode(ExitStatus.scriptError)
    }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    var changed: [String] = []
    for input in [manifest.strategy] + manifest.data {
      let digest = try? RunManifest.digest(input.path)
      if digest != input.sha256 { changed.append("\(input.path) (\(digest == nil ? "missing" : "changed since the run"))") }
    }
    if !changed.isEmpty {
      FileHandleOutput.standardError.write("crescent: cannot reproduce \(folder): inputs differ: \(changed.joined(separator: ", "))\n")
      throw ExitCode(ExitStatus.scriptError)
    }
    let run = try manifest.job.execute(bars: try manifest.job.loadBars())
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crescent-rerun-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    defer { try? FileManager.default.removeItem(at: scratch) }
    try RunFolder.write(run, to: scratch)
    var differences: [String] = []
    for file in RunFolder.files {
      let before = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
      let after = try? String(contentsOf: scratch.appendingPathComponent(file), encoding: .utf8)
      if before != after { differences.append(file + Self.firstDifference(before, after)) }
    }
    if !differences.isEmpty {
      FileHandleOutput.standardError.write("crescent: \(folder) did not reproduce:\n" + differences.map { "  " + $0 + "\n" }.joined())
      throw ExitCode(ExitStatus.scriptError)
    }
    print("reproduced \(folder): \(RunFolder.files.joined(separator: ", ")) identical")
  }

  /// ` (line 3: "a" vs "b")`, or ` (missing)`.
  static func firstDifference(_ a: String?, _ b: String?) -> String {
    guard let a, let b else { return " (missing)" }
    let left = a.split(separator: "\n", omittingEmptySubsequences: false)
    let right = b.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(left.count, right.count) {
      let l = i < left.count ? String(left[i]) : "<end>"
      let r = i < right.count ? String(right[i]) : "<end>"
      if l != r { return " (line \(i + 1): recorded \"\(l)\", now \"\(r)\")" }
    }
    return ""
  }
}
