import Foundation
import Testing

@testable import BinanceSpot

@Suite struct CredentialsTests {
  @Test func descriptionsAndDumpRedactKeys() throws {
    let credentials = try BinanceCredentials(apiKey: testKey, secret: testSecret)
    var dumped = ""
    dump(credentials, to: &dumped)
    let shown = [
      credentials.description, credentials.debugDescription, "\(credentials)",
      String(reflecting: credentials), dumped,
      String(describing: Mirror(reflecting: credentials).children.map { "\($0.label ?? ""): \($0.value)" }),
    ]
    for text in shown {
      #expect(!text.contains(testKey))
      #expect(!text.contains(testSecret))
    }
    #expect(credentials.description == "BinanceCredentials(<redacted>)")
  }

  @Test func environmentNeedsBothVariables() throws {
    #expect(throws: BinanceError.self) { try BinanceCredentials.load(environment: ["CRESCENT_BINANCE_KEY": "k"]) }
    #expect(throws: BinanceError.self) { try BinanceCredentials.load(environment: [:]) }
    let c = try BinanceCredentials.load(environment: ["CRESCENT_BINANCE_KEY": "k1", "CRESCENT_BINANCE_SECRET": "s1"])
    #expect(c.apiKey == "k1" && c.secret == "s1")
  }

  @Test func keyFileMustBeOwnerOnly() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crescent-keys-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try "key=\(testKey)\nsecret=\(testSecret)\n".write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    do {
      _ = try BinanceCredentials.load(file: path, environment: [:])
      Issue.record("a 0644 key file was accepted")
    } catch {
      #expect(error.description.contains("chmod 600"))
      #expect(error.description.contains("0644"))
      #expect(!error.description.contains(testSecret))
    }
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    let c = try BinanceCredentials.load(file: path, environment: [:])
    #expect(c.apiKey == testKey && c.secret == testSecret)
    try "key=only-a-key\n".write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    #expect(throws: BinanceError.self) { try BinanceCredentials.load(file: path, environment: [:]) }
  }
}
