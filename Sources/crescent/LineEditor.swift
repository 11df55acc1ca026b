import CEditLine

#if canImport(Glibc)
  import Glibc
#endif

/// Line editing, history kept across sessions and tab completion, through libedit's
/// readline interface.
///
/// History lives in `$CRESCENT_HISTORY`, else `$HOME/.crescent_history`; it is written
/// after every entry so a killed session keeps what it had.
final class LineEditor {
  enum Input {
    case line(String)
    /// Ctrl-C at the prompt.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
  }

  private let historyPath: String?
  private let interruptPending: () -> Bool

  init(completer: @escaping (String) -> [String], interruptPending: @escaping () -> Bool) {
    self.interruptPending = interruptPending
    if let path = getenv("CRESCENT_HISTORY") {
      historyPath = String(cString: path)
    } else if let home = getenv("HOME") {
      historyPath = String(cString: home) + "/.crescent_history"
    } else {
      historyPath = nil
    }
    LineEditorCompletion.completer = completer
    crs_edit_configure { text, _, _ in
      crs_edit_completion_only()
      return rl_completion_matches(text) { text, state in
        LineEditorCompletion.next(text: text, state: state)
      }
    }
    using_history()
    stifle_history(5000)
    if let historyPath { read_history(historyPath) }
  }

  func readLine(prompt: String) -> Input {
    guard let raw = readline(prompt) else {
      return interruptPending() ? .interrupted : .endOfInput
    }
    defer { free(raw) }
    if interruptPending() { return .interrupted }
    return .line(String(cString: raw))
  }

  func addHistory(_ entry: String) {
    guard !entry.isEmpty else { return }
    add_history(entry)
    if let historyPath { write_history(historyPath) }
  }
}

/// State behind libedit's C completion callbacks, which cannot capture context.
enum LineEditorCompletion {
  nonisolated(unsafe) static var completer: (String) -> [String] = { _ in [] }
  nonisolated(unsafe) static var matches: [String] = []

  /// libedit's generator protocol: called with state 0 first, then 1, 2, … until nil.
  static func next(text: UnsafePointer<CChar>?, state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 {
      matches = completer(text.map { String(cString: $0) } ?? "")
    }
    let index = Int(state)
    guard index < matches.count else { return nil }
    return strdup(matches[index])
  }
}
