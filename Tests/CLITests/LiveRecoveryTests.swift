import Execution
import Foundation
import Testing

/// `crescent live --broker binance` on the exchange's kline stream (which never delivers a
/// candle again), killed with SIGKILL while an order is on the exchange and its answer is
/// still under way: the restart asks the exchange, books the fill once and trades on as the
/// dry run of the same bars.
@Suite(.serialized) struct LiveRecoveryTests {
  /// Entries and exits at candle closes only (no stops), so every order goes out at the last
  /// event of its candle and a kill loses no candle of the stream.
  static let strategySource = """
    return {
      name = "live_recovery",
      params = { fast = 5, slow = 15 },
      signals = function(bars, p)
        local fast, slow = ta.sma(bars.close, p.fast), ta.sma(bars.close, p.slow)
        return { long_entry = ta.crossover(fast, slow), long_exit = ta.crossunder(fast, slow) }
      end,
      sizing = { mode = "units", units = 2 },
      costs = { commission = 0.001 },
      fill = "close",
      cash = 100000,
    }
    """

  @Test func killedWithAnOrderInFlightOnAStreamBooksItOnce() throws {
    let scratch = try ScratchDirectory()
    defer { try? FileManager.default.removeItem(at: scratch.url) }
    let lines = try String(contentsOfFile: EngineFixtures.goog, encoding: .utf8).split(separator: "\n")
    let bars = try scratch.write("BTCUSDT.csv", lines.prefix(251).joined(separator: "\n") + "\n")
    let strategy = try scratch.write("live_recovery.lua", Self.strategySource)
    let reference = try BinanceLiveTests.reference(scratch, strategy: strategy, bars: bars)
    let expected = try EngineFixtures.outcome(reference)
    #expect(expected.fills.count >= 8)

    let simulator = try BinanceLiveTests.SimulatorProcess(
      key: BinanceLiveTests.key, secret: BinanceLiveTests.secret)
    defer { simulator.stop() }
    // Market orders fill at the dry run's prices; each answer arrives 300 ms after the fill.
    simulator.send("prices BTCUSDT " + expected.fills.map { "\($0.price)" }.joined(separator: " "))
    simulator.send("fault delay 300 orders")

    let dir = scratch.url.path + "/live"
    let logs = scratch.url.path + "/child"
    let arguments = [
      "live", strategy, "--broker", "binance", "--feed", "binance:BTCUSDT@1d", "--state", dir, "--log-json",
    ]
    func start() throws -> Process {
      try? FileManager.default.removeItem(atPath: logs + ".out")
      let child = try EngineFixtures.spawn(arguments, environment: simulator.environment, logs: logs)
      // The start line comes once the state is recovered and the stream is connected.
      #expect(EngineFixtures.wait(seconds: 30) { EngineFixtures.read(logs + ".out").contains("\"start\"") })
      return child
    }
    let day = ISO8601DateFormatter()
    day.formatOptions = [.withFullDate]
    var child = try start()
    var kills = 0
    var inFlight: [String] = []
    for line in EngineFixtures.read(bars).split(separator: "\n").dropFirst() {
      let cells = line.split(separator: ",").map(String.init)
      guard cells.count == 6, let date = day.date(from: cells[0]) else { continue }
      let ms = Int64(date.timeIntervalSince1970 * 1000)
      let placed = simulator.orders().count
      simulator.send("kline BTCUSDT 1d \(ms) \(cells[1]) \(cells[2]) \(cells[3]) \(cells[4]) \(cells[5])")
      // Give the engine the candle; kill it as soon as an order of the first four entries or
      // exits is on the exchange, before its answer (and the commit) can arrive.
      let ordered = EngineFixtures.wait(seconds: 0.25) { simulator.orders().count > placed }
      guard ordered, kills < 4 else { continue }
      kill(child.processIdentifier, SIGKILL)
      child.waitUntilExit()
      kills += 1
      let booked = Set(try EngineFixtures.outcome(dir).fills.map(\.clientId))
      inFlight += simulator.orders().compactMap { $0["clientId"] as? String }.filter { !booked.contains($0) }
      child = try start()
    }
    // Events that changed nothing wait for the next commit; SIGTERM commits them.
    usleep(2_000_000)
    kill(child.processIdentifier, SIGTERM)
    child.waitUntilExit()
    #expect(child.terminationStatus == 0, "\(EngineFixtures.read(logs + ".err"))")
    #expect(kills == 4)
    // Every kill caught an order the exchange had filled and the state had not booked.
    #expect(inFlight.count == 4, "orders in flight at the kills: \(inFlight)")
    // The dry run closes its last trade at the end of the file; a stream has no end.
    let got = EngineFixtures.read(dir + "/trades.csv").split(separator: "\n")
    let want = EngineFixtures.read(reference + "/trades.csv").split(separator: "\n")
    #expect(got.count >= want.count - 1 && got.count > 4)
    BinanceLiveTests.expectSameTrades(
      got.joined(separator: "\n"), want.prefix(got.count).joined(separator: "\n"))
    try BinanceLiveTests.expectOrdersMatch(dir, simulator.orders())
    let booked = try EngineFixtures.outcome(dir).fills.map(\.clientId)
    for id in inFlight { #expect(booked.filter { $0 == id }.count == 1, "\(id) booked once") }
  }
}
