import ArgumentParser
import LuaBindings
import LuaRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// `crescent run FILE [ARGS...]`: runs a Lua script with `arg` set as lua(1) sets it and the
/// arguments also passed as `...`.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run a Lua script.")

  @OptionGroup var options: ScriptOptions

  @Argument(help: "The Lua script to run.")
  var file: String

  @Argument(parsing: .captureForPassthrough, help: "Arguments for the script (arg[1], arg[2], …).")
  var arguments: [String] = []

  func run() throws {
    try ScriptRunner.requireReadable(file)
    let state: LuaState
    do {
      state = try CrescentLibrary.makeState(options: options.stateOptions)
      try ScriptRunner.run(file: file, arguments: arguments, in: state, timeout: options.timeout)
    } catch {
      report(error)
      throw ExitCode(error.exitCode)
    }
  }
}

/// Runs script files in a state, as lua(1) does.
enum ScriptRunner {
  /// A script named on the command line that cannot be read is a usage error (exit 2).
  static func requireReadable(_ file: String) throws {
    guard access(file, R_OK) == 0 else {
      FileHandleOutput.standardError.write("crescent: cannot open \(file): \(String(cString: strerror(errno)))\n")
      throw ExitCode(ExitStatus.usage)
    }
  }

  /// Sets the global `arg` (script at 0, arguments from 1, the interpreter at -1), loads the
  /// file and calls it with the arguments as `...`.
  static func run(file: String, arguments: [String], in state: LuaState, timeout: Double?) throws(LuaError) {
    let stack = state.stack
    stack.newTable(arrayCount: arguments.count, recordCount: 2)
    stack.push(CommandLine.arguments.first ?? "crescent")
    stack.rawSet(tableAt: -2, index: -1)
    stack.push(file)
    stack.rawSet(tableAt: -2, index: 0)
    for (i, argument) in arguments.enumerated() {
      stack.push(argument)
      stack.rawSet(tableAt: -2, index: i + 1)
    }
    state.setGlobal("arg")
    try state.load(file: file)
    for argument in arguments { stack.push(argument) }
    state.setBudget(LuaBudget(timeout: timeout))
    try state.call(arguments: Int32(arguments.count), results: 0)
  }
}
