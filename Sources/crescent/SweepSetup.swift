import ArgumentParser
import Analytics
import Foundation
import LuaBindings
import LuaRuntime
import MarketData
import Simulator

/// What `sweep` and `walkforward` share: the data, the grid, the strategy check and the
/// translation of errors into one stderr line and an exit code.
struct SweepSetup {
  var strategy: String
  var data: [String]
  var bars: [Bars]
  var plan: SweepPlan
  var options: RunOptions

  /// Loads and checks everything a sweep needs before any worker starts: the grid text
  /// (exit 2), the data (3 when bad, 2 when missing), the strategy (1) and the grid's names
  /// against the strategy's params (2, naming the nearest).
  static func prepare(
    strategy: String, data: [String], grid: [String], random: Int?, seed: UInt64, params: [String], cash: Double?,
    from: String?, to: String?, script: ScriptOptions, command: String
  ) throws -> SweepSetup {
    let plan = try usage {
      let grid = try SweepGrid(parsing: grid)
      return try random.map { try SweepPlan(grid: grid, samples: $0, seed: seed) } ?? SweepPlan(grid: grid)
    }
    try ScriptRunner.requireReadable(strategy)
    let files = BacktestJob.expand(data)
    if files.isEmpty {
      FileHandleOutput.standardError.write("crescent: \(command) needs --data FILE[,FILE...] (bar files or a folder)\n")
      throw ExitCode(ExitStatus.usage)
    }
    let range = (try BacktestJob.time(from, option: "from"), try BacktestJob.time(to, option: "to"))
    var bars = try files.map { path in
      try ScriptRunner.requireReadable(path)
      return try dataErrorsExitThree { () throws(DataError) in try Bars.load(path) }
    }
    // Cut once here, so the workers share one copy (and the indicator memo knows it).
    if range.0 != nil || range.1 != nil { bars = bars.map { $0.slice(from: range.0, to: range.1) } }
    if let empty = bars.firstIndex(where: { $0.count < 2 }) {
      fail("\(files[empty]): fewer than 2 bars in the selected range", ExitStatus.badData)
    }
    let options = RunOptions(cash: cash, paramTexts: params)
    try checked(strategy: strategy) {
      let state = try CrescentLibrary.makeState(options: script.stateOptions)
      try StrategyFile.load(strategy, in: state)
      try SweepRunner.validate(state: state, strategy: -1, plan: plan, options: options)
    }
    return SweepSetup(strategy: strategy, data: files, bars: bars, plan: plan, options: options)
  }

  /// Runs `body`, turning a `SweepSpecError` into a usage error (exit 2).
  static func usage<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as SweepSpecError { fail(error.message, ExitStatus.usage) }
  }

  /// Runs `body`, reporting strategy, Lua and sweep errors as `crescent backtest` does.
  static func checked<T>(strategy: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as SweepCombinationError {
      try report(error.underlying, strategy: strategy, context: error.params)
    } catch {
      try report(error, strategy: strategy, context: nil)
    }
  }

  static func report(_ error: any Error, strategy: String, context: String?) throws -> Never {
    let prefix = context.map { "crescent: \(strategy) (\($0))" } ?? "crescent: \(strategy)"
    switch error {
    case let error as SweepSpecError: fail(error.message, ExitStatus.usage)
    case let error as SweepNameError: fail("\(strategy): \(error.message)", ExitStatus.usage)
    case let error as WalkForwardDataError: fail(error.message, ExitStatus.badData)
    case let error as LuaError:
      FileHandleOutput.standardError.write((context.map { "with \($0): " } ?? "") + error.description + "\n")
      throw ExitCode(error.exitCode)
    case let error as StrategyError:
      FileHandleOutput.standardError.write("\(prefix): \(error)\n")
      throw ExitCode(ExitStatus.scriptError)
    case let error as LuaMessageError:
      FileHandleOutput.standardError.write("\(prefix): \(error)\n")
      throw ExitCode(error.luaErrorKind == .data ? ExitStatus.badData : ExitStatus.scriptError)
    case let error as ExitCode: throw error
    default:
      FileHandleOutput.standardError.write("\(prefix): \(error)\n")
      throw ExitCode(ExitStatus.scriptError)
    }
  }

  /// One error line on stderr, then exit with `code`.
  static func fail(_ message: String, _ code: Int32) -> Never {
    FileHandleOutput.standardError.write("crescent: \(message)\n")
    exit(code)
  }

  /// A run folder's default path: `runs/<strategy>-<kind>-<UTC time>`.
  static func defaultFolder(_ strategy: String, kind: String) -> String {
    BacktestCommand.defaultFolder(StrategyFile.baseName(strategy) + "-" + kind)
  }
}
