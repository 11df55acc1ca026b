import Foundation
import Testing

/// Runs every Lua spec script in Tests/LuaSpecs with the built binary; each exits non-zero
/// on its first failed expectation.
@Suite struct LuaSpecTests {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("LuaSpecs")

  static var specs: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
      .filter { $0.hasSuffix("_spec.lua") }.sorted()
  }

  @Test func specsExist() {
    #expect(Self.specs.count >= 2)
  }

  @Test(arguments: LuaSpecTests.specs)
  func spec(name: String) throws {
    let result = try CrescentBinary.run(["run", name], directory: Self.directory)
    #expect(result.status == 0, "\(name) failed:\n\(result.stdout)\n\(result.stderr)")
    #expect(result.stdout.contains("passed"))
  }
}
