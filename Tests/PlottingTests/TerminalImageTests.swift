import Foundation
import Testing

@testable import Plotting

@Suite struct TerminalImageTests {
  @Test func detectsProtocolsFromTheEnvironment() {
    #expect(TerminalImage.detect(environment: ["TERM": "xterm-kitty"]) == .kitty)
    #expect(TerminalImage.detect(environment: ["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"]) == .kitty)
    #expect(TerminalImage.detect(environment: ["TERM": "xterm-ghostty"]) == .kitty)
    #expect(TerminalImage.detect(environment: ["TERM_PROGRAM": "iTerm.app", "TERM": "xterm-256color"]) == .iterm2)
    #expect(TerminalImage.detect(environment: ["TERM": "tmux-256color", "LC_TERMINAL": "iTerm2"]) == .iterm2)
    #expect(TerminalImage.detect(environment: ["TERM_PROGRAM": "WezTerm"]) == .iterm2)
    #expect(TerminalImage.detect(environment: ["TERM": "xterm-256color"]) == nil)
    #expect(TerminalImage.detect(environment: ["TERM": "dumb", "KITTY_WINDOW_ID": "1"]) == nil)
    #expect(TerminalImage.detect(environment: [:]) == nil)
    #expect(TerminalImage.detect(environment: ["TERM": "xterm-kitty", "CRESCENT_IMAGE_PROTOCOL": "none"]) == nil)
    #expect(TerminalImage.detect(environment: ["CRESCENT_IMAGE_PROTOCOL": "iterm2"]) == .iterm2)
  }

  @Test func kittyChunksCarryThePNG() throws {
    let png = try Canvas(width: 300, height: 300).pngData() + [UInt8](repeating: 7, count: 9000)
    let text = TerminalImage.kitty(png: png)
    let chunks = text.components(separatedBy: "\u{1B}\\").filter { $0.hasPrefix("\u{1B}_G") }
    let expectedPayload = Data(png).base64EncodedString()
    #expect(chunks.count == (expectedPayload.count + 4095) / 4096)
    #expect(chunks.count > 1)
    var payload = ""
    for (i, chunk) in chunks.enumerated() {
      let body = chunk.dropFirst(3)
      guard let semi = body.firstIndex(of: ";") else {
        Issue.record("chunk \(i) has no payload separator")
        continue
      }
      let control = body[..<semi]
      let data = body[body.index(after: semi)...]
      #expect(data.count <= 4096)
      let last = i == chunks.count - 1
      #expect(control == (i == 0 ? "a=T,f=100,q=2,m=1" : (last ? "m=0" : "m=1")))
      payload += data
    }
    #expect(payload == expectedPayload)
    #expect(Data(base64Encoded: payload).map { [UInt8]($0) } == png)
  }

  @Test func iterm2SequenceHasSizeAndPayload() throws {
    let png = try Canvas(width: 10, height: 10).pngData()
    let text = TerminalImage.iterm2(png: png, name: "chart.png")
    #expect(text.hasPrefix("\u{1B}]1337;File="))
    #expect(text.contains("size=\(png.count);"))
    #expect(text.contains("inline=1"))
    #expect(text.contains("name=\(Data("chart.png".utf8).base64EncodedString());"))
    #expect(text.hasSuffix(Data(png).base64EncodedString() + "\u{07}\n"))
  }

  @Test func tmuxPassthroughDoublesEscapes() throws {
    let png: [UInt8] = [1, 2, 3]
    let text = TerminalImage.sequence(png: png, protocol: .kitty, environment: ["TMUX": "/tmp/x"])
    #expect(text.hasPrefix("\u{1B}Ptmux;\u{1B}\u{1B}_G"))
    #expect(text.hasSuffix("\u{1B}\u{1B}\\\u{1B}\\\n"))
  }
}
