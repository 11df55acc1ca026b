import ExchangeSimulator
import Execution
import Foundation
import Testing

@testable import BinanceSpot

@Suite(.serialized) struct SecretsTests {
  /// Every log line, error message and dump a session produces, including failures.
  @Test func keysNeverAppearInLogsErrorsOrDumps() throws {
    let simulator = try makeSimulator()
    defer { simulator.stop() }
    let log = Collector<String>()
    let broker = try makeBroker(simulator, log: log)
    var texts: [String] = []
    _ = try broker.submit(marketOrder("s-1"))
    _ = try broker.balances()
    do { _ = try broker.submit(marketOrder("s-2", quantity: 0.000001)) } catch {
      texts.append(error.description)
    }
    do { _ = try broker.cancel(clientId: "missing", symbol: "BTCUSDT") } catch {
      texts.append(error.description)
    }
    let wrong = try makeREST(simulator, secret: testSecret + "x", log: log)
    do { _ = try wrong.balances() } catch { texts.append(error.description) }
    simulator.inject(.disconnectAfterAccept)
    _ = try broker.submit(marketOrder("s-3"))
    let closed = try BinanceREST(
      endpoints: try BinanceEndpoints(
        rest: try #require(URL(string: "http://127.0.0.1:1")), marketStream: simulator.streamURL,
        webSocketAPI: simulator.webSocketAPIURL),
      credentials: try BinanceCredentials(apiKey: testKey, secret: testSecret), timeoutMilliseconds: 500)
    do { _ = try closed.balances() } catch { texts.append(error.description) }
    var dumped = ""
    dump(broker, to: &dumped)
    texts.append(dumped)
    texts += log.all
    #expect(log.all.count >= 6)
    #expect(texts.count >= 10)
    for text in texts {
      #expect(!text.contains(testKey), "the API key leaked: \(text.prefix(120))")
      #expect(!text.contains(testSecret), "the secret leaked")
      #expect(!text.contains("signature="), "a signature leaked")
    }
  }
}
