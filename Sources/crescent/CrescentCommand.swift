import ArgumentParser
import LuaBindings
import LuaRuntime

/// `crescent`: the REPL by default; `run` for scripts.
struct CrescentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crescent",
    abstract: "Trading research in Lua: data, indicators, backtests, charts.",
    version: "crescent \(CrescentLibrary.version) (Lua 5.4)",
    subcommands: [
      ReplCommand.self, RunCommand.self, BacktestCommand.self, RerunCommand.self, CheckCommand.self, DataCommand.self,
      MonteCarloCommand.self, StabilityCommand.self,
      DryrunCommand.self, LiveCommand.self, StatusCommand.self,
      SweepCommand.self, WalkforwardCommand.self,
    ],
    defaultSubcommand: ReplCommand.self
  )
}

/// Options shared by every command that runs Lua.
struct ScriptOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Stop a script after this many seconds of wall-clock time.", valueName: "seconds"))
  var timeout: Double?

  @Flag(help: "Run scripts in a sandbox: no io, os.execute, C modules or bytecode.")
  var sandbox = false

  @Option(name: .customLong("max-memory"), help: ArgumentHelp("Cap Lua's memory at this many MiB.", valueName: "MiB"))
  var maxMemory: Int?

  func validate() throws {
    if let timeout, !(timeout > 0 && timeout.isFinite) {
      throw ValidationError("--timeout must be a positive number of seconds, got \(timeout)")
    }
    if let maxMemory, maxMemory <= 0 {
      throw ValidationError("--max-memory must be a positive number of MiB, got \(maxMemory)")
    }
  }

  var stateOptions: LuaState.Options {
    LuaState.Options(memoryLimit: maxMemory.map { $0 << 20 }, sandbox: sandbox)
  }
}
