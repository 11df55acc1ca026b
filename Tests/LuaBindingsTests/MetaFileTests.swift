import Foundation
import LuaBindings
import LuaRuntime
import Testing

/// `meta/crescent.lua` must describe every registered function. Regenerate it with
/// `CRESCENT_UPDATE_META=1 swift test --filter MetaFileTests` (or scripts/gen-meta).
@Suite(.serialized) struct MetaFileTests {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("meta/crescent.lua")

  @Test func committedMetaFileIsCurrent() throws {
    let state = try CrescentLibrary.makeState()
    let rendered = LuaCATSFile.render(state)
    if ProcessInfo.processInfo.environment["CRESCENT_UPDATE_META"] == "1" {
      try rendered.write(to: Self.path, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: Self.path, encoding: .utf8)
    #expect(committed == rendered, "meta/crescent.lua is stale: run scripts/gen-meta")
  }

  @Test func everyRegisteredNameIsDeclared() throws {
    let state = try CrescentLibrary.makeState()
    let committed = try String(contentsOf: Self.path, encoding: .utf8)
    var missing: [String] = []
    for name in CrescentLibrary.registeredNames(in: state) {
      let isMetamethod = name.contains(".__")
      if isMetamethod { continue }
      if !committed.contains("function \(name)(") && !committed.contains("\n\(name) = ") {
        missing.append(name)
      }
    }
    #expect(missing.isEmpty, "not in meta/crescent.lua: \(missing)")
    #expect(CrescentLibrary.registeredNames(in: state).contains("data.synthetic"))
  }
}
