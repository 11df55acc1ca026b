import Foundation

/// Inline image protocols spoken by some terminals.
public enum TerminalImageProtocol: String, Sendable {
  /// The kitty graphics protocol (kitty, Ghostty, Konsole, WezTerm): APC `ESC _G … ESC \`.
  case kitty
  /// iTerm2's inline images (iTerm2, WezTerm, mintty): OSC 1337 `File=…`.
  case iterm2
}

/// Escape sequences that show a PNG inline in a terminal, as pure functions of their input
/// so they can be tested; writing them to the terminal is the caller's job.
public enum TerminalImage {
  /// The protocol the terminal described by `environment` understands, or nil (then print
  /// the PNG's path instead). Explicit `CRESCENT_IMAGE_PROTOCOL=kitty|iterm2|none` wins.
  /// Otherwise: kitty for `TERM=xterm-kitty`/`KITTY_WINDOW_ID`, Ghostty and Konsole;
  /// iTerm2 for `TERM_PROGRAM=iTerm.app` (or `LC_TERMINAL=iTerm2` through ssh/tmux),
  /// WezTerm and mintty. `TERM=dumb` or no TERM gives nil.
  public static func detect(environment env: [String: String]) -> TerminalImageProtocol? {
    if let forced = env["CRESCENT_IMAGE_PROTOCOL"]?.lowercased() {
      if forced == "none" { return nil }
      if let p = TerminalImageProtocol(rawValue: forced) { return p }
    }
    let term = env["TERM"] ?? ""
    let program = env["TERM_PROGRAM"] ?? ""
    if term == "dumb" { return nil }
    if term == "xterm-kitty" || env["KITTY_WINDOW_ID"] != nil { return .kitty }
    if term == "xterm-ghostty" || program.lowercased() == "ghostty" { return .kitty }
    if program == "iTerm.app" || env["LC_TERMINAL"] == "iTerm2" { return .iterm2 }
    if program == "WezTerm" || env["WEZTERM_EXECUTABLE"] != nil { return .iterm2 }
    if program == "mintty" || term == "mintty" { return .iterm2 }
    if env["KONSOLE_VERSION"] != nil { return .kitty }
    return nil
  }

  /// Whether output goes through tmux (sequences must then be wrapped for passthrough,
  /// which needs `set -g allow-passthrough on`).
  public static func insideTmux(environment env: [String: String]) -> Bool {
    env["TMUX"] != nil || (env["TERM"] ?? "").hasPrefix("tmux")
  }

  /// The kitty graphics protocol: transmit-and-display (`a=T`) of PNG data (`f=100`),
  /// responses suppressed (`q=2`), the base64 payload split into chunks of at most
  /// `chunkSize` bytes (a multiple of 4, ≤ 4096 as the protocol requires), `m=1` on every
  /// chunk but the last.
  public static func kitty(png: [UInt8], chunkSize: Int = 4096, tmux: Bool = false) -> String {
    let size = max(4, min(4096, chunkSize - chunkSize % 4))
    let payload = Array(Data(png).base64EncodedString().utf8)
    var out = ""
    var offset = 0
    var first = true
    repeat {
      let end = min(payload.count, offset + size)
      let more = end < payload.count
      let chunk = String(decoding: payload[offset..<end], as: UTF8.self)
      let control = first ? "a=T,f=100,q=2,m=\(more ? 1 : 0)" : "m=\(more ? 1 : 0)"
      out += wrap("\u{1B}_G\(control);\(chunk)\u{1B}\\", tmux: tmux)
      first = false
      offset = end
    } while offset < payload.count
    return out + "\n"
  }

  /// iTerm2's inline image: OSC 1337 `File=` with the byte size, the base64 file name, and
  /// `inline=1`, terminated by BEL.
  public static func iterm2(png: [UInt8], name: String = "chart.png", tmux: Bool = false) -> String {
    let encodedName = Data(name.utf8).base64EncodedString()
    let body = Data(png).base64EncodedString()
    let seq = "\u{1B}]1337;File=name=\(encodedName);size=\(png.count);inline=1;preserveAspectRatio=1:\(body)\u{07}"
    return wrap(seq, tmux: tmux) + "\n"
  }

  /// The sequence for `protocol`, wrapped for tmux when the environment says so.
  public static func sequence(
    png: [UInt8], protocol p: TerminalImageProtocol, environment: [String: String]
  ) -> String {
    let tmux = insideTmux(environment: environment)
    switch p {
    case .kitty: return kitty(png: png, tmux: tmux)
    case .iterm2: return iterm2(png: png, tmux: tmux)
    }
  }

  /// tmux passthrough: `ESC Ptmux; <sequence with every ESC doubled> ESC \`.
  static func wrap(_ seq: String, tmux: Bool) -> String {
    guard tmux else { return seq }
    return "\u{1B}Ptmux;" + seq.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
  }
}
