import LuaBindings
import LuaRuntime

#if canImport(Glibc)
  import Glibc
#endif

/// The read-eval-print loop: chunks continue over lines until complete (as lua(1) decides),
/// expressions print their values, errors leave the session usable.
final class ReplSession {
  let state: LuaState
  let timeout: Double?

  init(state: LuaState, timeout: Double?) {
    self.state = state
    self.timeout = timeout
  }

  /// With a terminal: line editing, history, completion, Ctrl-C interrupts.
  /// Returns whether any chunk failed.
  func runInteractive() -> Bool {
    let editor = LineEditor(
      completer: { [state] word in state.completions(for: word) },
      interruptPending: { [state] in state.isInterruptPending })
    FileHandleOutput.standardOutput.write(
      "crescent \(CrescentLibrary.version) (Lua 5.4)  :help for help, Ctrl-D to exit\n")
    var failed = false
    var pending = ""
    state.withInterruptsCaught {
      while true {
        state.clearInterrupt()
        let line: String
        switch editor.readLine(prompt: pending.isEmpty ? "> " : ">> ") {
        case .line(let text): line = text
        case .interrupted:
          // Ctrl-C at the prompt abandons the chunk being typed.
          FileHandleOutput.standardOutput.write("\n")
          pending = ""
          continue
        case .endOfInput:
          FileHandleOutput.standardOutput.write("\n")
          return
        }
        if pending.isEmpty, let command = ReplCommandLine(line) {
          if command.isQuit { return }
          FileHandleOutput.standardOutput.write(command.output(state: state) + "\n")
          editor.addHistory(line)
          continue
        }
        pending += pending.isEmpty ? line : "\n" + line
        if evaluate(pending) == .incomplete { continue }
        editor.addHistory(pending)
        if lastFailed { failed = true }
        pending = ""
      }
    }
    return failed
  }

  /// Without a terminal: no prompts or banner; values to stdout, errors to stderr.
  /// Returns whether any chunk failed.
  func runPiped() -> Bool {
    var failed = false
    var pending = ""
    while let line = Swift.readLine(strippingNewline: true) {
      if pending.isEmpty, let command = ReplCommandLine(line) {
        if command.isQuit { break }
        FileHandleOutput.standardOutput.write(command.output(state: state) + "\n")
        continue
      }
      pending += pending.isEmpty ? line : "\n" + line
      if evaluate(pending) == .incomplete { continue }
      if lastFailed { failed = true }
      pending = ""
    }
    if !pending.isEmpty {
      // The input ended inside a chunk: report the syntax error it has.
      _ = evaluate(pending, finalAttempt: true)
      failed = true
    }
    return failed
  }

  private enum Outcome { case incomplete, done }
  private var lastFailed = false

  private func evaluate(_ chunk: String, finalAttempt: Bool = false) -> Outcome {
    state.setBudget(LuaBudget(timeout: timeout, interruptible: true))
    lastFailed = false
    switch state.evaluate(chunk) {
    case .incomplete:
      if !finalAttempt { return .incomplete }
      lastFailed = true
      FileHandleOutput.standardError.write("stdin: unexpected end of input in an unfinished chunk\n")
    case .values(let values):
      if !values.isEmpty {
        FileHandleOutput.standardOutput.write(values.joined(separator: "\t") + "\n")
      }
    case .failure(let error):
      lastFailed = true
      // An interrupt is the user's own doing: its stack is noise.
      report(error.kind == .interrupted ? LuaError(kind: error.kind, message: error.message) : error)
    }
    return .done
  }
}

/// REPL commands starting with `:` (`:help`, `:help NAME`, `:quit`).
struct ReplCommandLine {
  let name: String
  let argument: String

  init?(_ line: String) {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard trimmed.first == ":" else { return nil }
    let words = trimmed.dropFirst().split(separator: " ", maxSplits: 1)
    name = words.first.map(String.init) ?? ""
    argument = words.count > 1 ? String(words[1]).trimmingSpaces() : ""
  }

  var isQuit: Bool { name == "q" || name == "quit" }

  func output(state: LuaState) -> String {
    switch name {
    case "help", "h":
      return argument.isEmpty ? ReplHelp.overview(state: state) : ReplHelp.topic(argument, state: state)
    default:
      return "unknown command ':\(name)' (try :help or :quit)"
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    var text = Substring(self)
    while text.first == " " || text.first == "\t" { text = text.dropFirst() }
    while text.last == " " || text.last == "\t" { text = text.dropLast() }
    return String(text)
  }
}
