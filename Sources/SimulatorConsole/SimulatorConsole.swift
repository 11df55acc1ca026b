import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The console of a loopback simulator executable (crescent-exchange-simulator,
/// crescent-ib-simulator, crescent-trading212-simulator): options from the command line, the
/// port on the first line of stdout, then one command per line of stdin.
public enum SimulatorConsole {
  /// The value after `name` on the command line, else `fallback`.
  public static func option(_ name: String, _ fallback: String) -> String {
    let args = CommandLine.arguments
    if let i = args.firstIndex(of: name), i + 1 < args.count { return args[i + 1] }
    return fallback
  }

  /// A parent may have spawned us with signals blocked: let SIGTERM and SIGINT end the
  /// process. Call before any thread starts, so every thread inherits the mask.
  public static func allowTermination() {
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGTERM)
    sigaddset(&signals, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    signal(SIGPIPE, SIG_IGN)
  }

  /// Prints `port N` (unbuffered, so a parent reading the pipe sees it at once), or the
  /// error on stderr and exits 1 when listening failed.
  public static func announce(_ name: String, listening: () throws -> Int) {
    do {
      let port = try listening()
      FileHandle.standardOutput.write(Data("port \(port)\n".utf8))
    } catch {
      FileHandle.standardError.write(Data("\(name): cannot listen: \(error)\n".utf8))
      exit(1)
    }
  }

  /// Hands each line of stdin, split into words, to `handle` (which answers false for a
  /// command it does not know, reported on stderr); when stdin closes, serves on until killed.
  public static func serve(_ handle: (_ words: [String], _ line: String) -> Bool) -> Never {
    while let line = readLine() {
      let words = line.split(separator: " ").map(String.init)
      if words.isEmpty { continue }
      if !handle(words, line) { FileHandle.standardError.write(Data("unknown command: \(line)\n".utf8)) }
    }
    while true { sleep(3600) }
  }

  /// Writes one answer line on stdout.
  public static func answer(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
}
