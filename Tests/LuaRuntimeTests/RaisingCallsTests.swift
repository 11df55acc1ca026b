import Foundation
import Testing

/// No Swift file may call a Lua API function that can raise: a longjmp over Swift frames is
/// undefined behaviour. Those calls live in CLuaBridge's C files.
@Suite struct RaisingCallsTests {
  static let forbidden = [
    "lua_error", "luaL_error", "luaL_check[a-z]*", "luaL_opt[a-z]*", "luaL_arg[a-z]*", "lua_callk?",
    "lua_getfield", "lua_gettable", "lua_setfield", "lua_settable", "lua_geti", "lua_seti",
    "lua_getglobal", "lua_setglobal", "lua_next", "lua_concat", "lua_arith", "lua_compare",
    "lua_len", "luaL_len", "luaL_tolstring", "luaL_openlibs", "luaL_requiref", "luaL_setfuncs",
    "luaL_newmetatable", "luaL_getmetafield", "luaL_callmeta", "luaL_dostring", "luaL_dofile",
  ]

  @Test func swiftSourcesCallNoRaisingLuaFunction() throws {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    let pattern = try NSRegularExpression(pattern: "\\b(" + Self.forbidden.joined(separator: "|") + ")\\s*\\(")
    var offenders: [String] = []
    var scanned = 0
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let file = files?.nextObject() as? URL {
      guard file.pathExtension == "swift" else { continue }
      scanned += 1
      let text = try String(contentsOf: file, encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let range = NSRange(code.startIndex..., in: code)
        if pattern.firstMatch(in: String(code), range: NSRange(location: 0, length: range.length)) != nil {
          offenders.append("\(file.lastPathComponent):\(number + 1): \(line)")
        }
      }
    }
    #expect(scanned > 10)
    #expect(offenders.isEmpty, "raising Lua calls in Swift:\n\(offenders.joined(separator: "\n"))")
  }
}
