import Foundation
import Testing

/// The REPL driven through a real pseudo-terminal.
@Suite(.serialized) struct ReplTerminalTests {
  private func startRepl(history: String) throws -> PseudoTerminal {
    let terminal = try PseudoTerminal(
      CrescentBinary.url.path, environment: ["CRESCENT_HISTORY": history, "HOME": "/tmp"])
    try terminal.expect("> ")
    return terminal
  }

  private func historyPath() throws -> String {
    try ScratchDirectory().url.appendingPathComponent("history").path
  }

  @Test func tabCompletesFieldsOfModules() throws {
    let terminal = try startRepl(history: try historyPath())
    terminal.type("data.synt\t")
    // libedit redraws the completed word with cursor movements, so check its tail and the
    // result of running it: without completion `data.synt{...}` would be an error.
    try terminal.expect("hetic")
    terminal.type("{bars = 3}\r")
    let output = try terminal.expect("Bars(SYNTH 1m, 3 bars")
    #expect(!output.contains("attempt to call"))
  }

  @Test func multiLineFunctionContinuesUntilComplete() throws {
    let terminal = try startRepl(history: try historyPath())
    terminal.type("function triple(x)\r")
    try terminal.expect(">> ")
    terminal.type("return x * 3\r")
    try terminal.expect(">> ")
    terminal.type("end\r")
    try terminal.expect("> ")
    terminal.type("triple(14)\r")
    try terminal.expect("42")
  }

  @Test func historyIsRecalledInASecondSession() throws {
    let history = try historyPath()
    let first = try startRepl(history: history)
    first.type("1230 + 4\r")
    try first.expect("1234")
    first.type("\u{4}")
    #expect(first.waitForExit() == 0)

    let second = try startRepl(history: history)
    second.type("\u{1B}[A")
    try second.expect("1230 + 4")
    second.type("\r")
    try second.expect("1234")
  }

  @Test func ctrlCInterruptsARunningChunkAndTheReplGoesOn() throws {
    let terminal = try startRepl(history: try historyPath())
    terminal.type("while true do end\r")
    Thread.sleep(forTimeInterval: 0.5)
    terminal.type("\u{3}")
    try terminal.expect("interrupted", timeout: 5)
    terminal.type("6 * 7\r")
    try terminal.expect("42")
  }

  @Test func ctrlCAtThePromptAbandonsTheLine() throws {
    let terminal = try startRepl(history: try historyPath())
    terminal.type("this is not lua")
    terminal.type("\u{3}")
    try terminal.expect("> ")
    terminal.type("6 * 7\r")
    let output = try terminal.expect("42")
    #expect(!output.contains("syntax error"))
  }

  @Test func ctrlDExits() throws {
    let terminal = try startRepl(history: try historyPath())
    terminal.type("\u{4}")
    #expect(terminal.waitForExit() == 0)
  }

  @Test func helpShowsFunctionDocumentation() throws {
    let terminal = try startRepl(history: try historyPath())
    terminal.type(":help data.synthetic\r")
    try terminal.expect("geometric random walk")
  }
}
