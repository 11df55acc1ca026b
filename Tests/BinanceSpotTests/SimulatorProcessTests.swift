import Execution
import Foundation
import Testing

@testable import BinanceSpot

/// The `crescent-exchange-simulator` executable others use for end-to-end tests.
@Suite(.serialized) struct SimulatorProcessTests {
  static func executable() throws -> URL {
    let me = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    var dir = me.deletingLastPathComponent()
    while !dir.path.isEmpty && dir.path != "/" {
      let candidate = dir.appendingPathComponent("crescent-exchange-simulator")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    throw BinanceError.configuration("crescent-exchange-simulator not found beside \(me.path)")
  }

  @Test func printsItsPortAndTradesThroughTheEnvironmentOverrides() throws {
    let process = Process()
    process.executableURL = try Self.executable()
    process.arguments = ["--api-key", "e2e-key", "--secret", "e2e-secret", "--price", "40000"]
    let output = Pipe(), input = Pipe()
    process.standardOutput = output
    process.standardInput = input
    try process.run()
    defer {
      // SIGTERM is enough (the simulator unblocks it), SIGKILL makes sure.
      process.terminate()
      Thread.sleep(forTimeInterval: 0.2)
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
      process.waitUntilExit()
    }
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line += chunk
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(text.hasPrefix("port "))
    let port = try #require(Int(text.dropFirst(5)))
    let environment = [
      BinanceEndpoints.restVariable: "http://127.0.0.1:\(port)",
      BinanceEndpoints.streamVariable: "ws://127.0.0.1:\(port)",
      BinanceEndpoints.webSocketAPIVariable: "ws://127.0.0.1:\(port)/ws-api/v3",
    ]
    let broker = try BinanceBroker.connect(
      production: false, credentials: try BinanceCredentials(apiKey: "e2e-key", secret: "e2e-secret"),
      symbols: ["BTCUSDT"], environment: environment)
    let fill = try broker.submit(marketOrder("e2e-1", quantity: 0.001, price: 40_000))
    #expect(fill.price == 40_000 && fill.quantity == 0.001)
    // A command on stdin moves the price.
    input.fileHandleForWriting.write(Data("price BTCUSDT 41000\n".utf8))
    var price = 0.0
    for _ in 0..<100 where price != 41_000 {
      Thread.sleep(forTimeInterval: 0.02)
      price = try broker.submit(
        marketOrder("e2e-p\(Int(price))-\(UUID().uuidString.prefix(8))", quantity: 0.001)
      ).price
    }
    #expect(price == 41_000)
  }
}
