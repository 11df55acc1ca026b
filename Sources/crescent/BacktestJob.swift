import ArgumentParser
import Foundation
import LuaBindings
import LuaRuntime
import MarketData

/// Everything that determines a backtest's outputs: what `crescent backtest` was asked and
/// what `manifest.json` records so `crescent rerun` can do it again.
struct BacktestJob: Codable, Equatable {
  var strategy: String
  var data: [String]
  /// `--param` texts, in order.
  var params: [String]
  var cash: Double?
  var from: String?
  var to: String?
  var timeout: Double?
  var sandbox: Bool
  var maxMemory: Int?

  enum CodingKeys: String, CodingKey {
    case strategy, data, params, cash, from, to, timeout, sandbox
    case maxMemory = "max_memory"
  }

  /// The `--data` values expanded: comma-separated lists split, folders replaced by their
  /// `.csv`, `.tsv`, `.txt` and `.crsbars` files in name order.
  static func expand(_ values: [String]) -> [String] {
    var files: [String] = []
    for value in values {
      for part in value.split(separator: ",").map(String.init) where !part.isEmpty {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: part, isDirectory: &isDirectory), isDirectory.boolValue {
          let names = (try? FileManager.default.contentsOfDirectory(atPath: part)) ?? []
          let bars = names.filter { name in [".csv", ".tsv", ".txt", ".crsbars"].contains { name.hasSuffix($0) } }.sorted()
          files += bars.map { part.hasSuffix("/") ? part + $0 : part + "/" + $0 }
        } else {
          files.append(part)
        }
      }
    }
    return files
  }

  /// Parses `--from`/`--to`: ISO-8601 (a date alone means its midnight UTC) or nanoseconds.
  static func time(_ text: String?, option: String) throws -> Int64? {
    guard let text else { return nil }
    if let value = UTCTime.parse(text) ?? Int64(text) { return value }
    FileHandleOutput.standardError.write("crescent: --\(option) expects an ISO-8601 time such as 2024-01-02T00:00:00Z, got \"\(text)\"\n")
    throw ExitCode(ExitStatus.usage)
  }

  /// Loads the data files (exit 3 on bad data, 2 on a missing file).
  func loadBars() throws -> [Bars] {
    if data.isEmpty {
      FileHandleOutput.standardError.write("crescent: backtest needs --data FILE[,FILE...] (bar files or a folder)\n")
      throw ExitCode(ExitStatus.usage)
    }
    return try data.map { path in
      try ScriptRunner.requireReadable(path)
      return try dataErrorsExitThree { () throws(DataError) in try Bars.load(path) }
    }
  }

  /// Runs the job: loads the strategy in a fresh state and backtests it on `bars`. Errors
  /// are reported on stderr and become the process's exit code.
  func execute(bars: [Bars]) throws -> BacktestRun {
    try ScriptRunner.requireReadable(strategy)
    let options = RunOptions(
      cash: cash, paramTexts: params, from: try Self.time(from, option: "from"), to: try Self.time(to, option: "to"))
    do {
      let state = try CrescentLibrary.makeState(options: LuaState.Options(memoryLimit: maxMemory.map { $0 << 20 }, sandbox: sandbox))
      state.setBudget(LuaBudget(timeout: timeout))
      try StrategyFile.load(strategy, in: state)
      return try StrategyRunner.run(
        state: state, strategy: -1, name: StrategyFile.baseName(strategy), bars: bars, options: options)
    } catch let error as LuaError {
      report(error)
      throw ExitCode(error.exitCode)
    } catch let error as StrategyError {
      FileHandleOutput.standardError.write("crescent: \(strategy): \(error)\n")
      throw ExitCode(ExitStatus.scriptError)
    } catch let error as LuaMessageError {
      FileHandleOutput.standardError.write("crescent: \(strategy): \(error)\n")
      throw ExitCode(error.luaErrorKind == .data ? ExitStatus.badData : ExitStatus.scriptError)
    }
  }
}

/// manifest.json: the job, the digests of its inputs and the resolved parameters.
struct RunManifest: Codable {
  struct Input: Codable, Equatable {
    var path: String
    var sha256: String
  }

  var crescentVersion: String
  var created: String
  /// The working directory the job's relative paths are relative to.
  var directory: String
  var job: BacktestJob
  var strategy: Input
  var data: [Input]
  /// The parameters the run used, defaults and overrides together.
  var params: [String: String]
  /// The simulation settings the strategy and options resolved to.
  var config: String

  enum CodingKeys: String, CodingKey {
    case crescentVersion = "crescent_version"
    case created, directory, job, strategy, data, params, config
  }

  static func digest(_ path: String) throws -> String {
    SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  init(job: BacktestJob, run: BacktestRun) throws {
    crescentVersion = CrescentLibrary.version
    created = UTCTime.iso(Int64(Date().timeIntervalSince1970 * 1e9))
    directory = FileManager.default.currentDirectoryPath
    self.job = job
    strategy = Input(path: job.strategy, sha256: try Self.digest(job.strategy))
    data = try job.data.map { Input(path: $0, sha256: try Self.digest($0)) }
    params = Dictionary(uniqueKeysWithValues: run.strategy.params.values.map { ($0.name, $0.value.description) })
    config = "\(run.strategy.config)"
  }

  func write(to directory: URL) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try (encoder.encode(self) + Data("\n".utf8)).write(to: directory.appendingPathComponent("manifest.json"))
  }

  static func read(from directory: URL) throws -> RunManifest {
    try JSONDecoder().decode(RunManifest.self, from: Data(contentsOf: directory.appendingPathComponent("manifest.json")))
  }
}
