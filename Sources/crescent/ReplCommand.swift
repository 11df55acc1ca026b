import ArgumentParser
import LuaBindings
import LuaRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// `crescent` / `crescent repl [FILE...]`: runs the files, then reads Lua interactively.
struct ReplCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl", abstract: "Interactive Lua with crescent's modules (the default command).")

  @OptionGroup var options: ScriptOptions

  @Argument(help: "Lua files to run before the prompt.")
  var files: [String] = []

  func run() throws {
    let state: LuaState
    do {
      state = try CrescentLibrary.makeState(options: options.stateOptions)
    } catch {
      report(error)
      throw ExitCode(error.exitCode)
    }
    for file in files {
      try ScriptRunner.requireReadable(file)
      do {
        try ScriptRunner.run(file: file, arguments: [], in: state, timeout: options.timeout)
      } catch {
        report(error)
        throw ExitCode(error.exitCode)
      }
    }
    let session = ReplSession(state: state, timeout: options.timeout)
    let failed = isatty(0) == 1 ? session.runInteractive() : session.runPiped()
    if failed { throw ExitCode(ExitStatus.scriptError) }
  }
}
