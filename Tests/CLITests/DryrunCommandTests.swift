import Foundation
import Testing

/// `crescent dryrun --feed replay:F` against `crescent backtest` on the same file.
@Suite struct DryrunCommandTests {
  /// Strategy files covering reversals (sma_cross), ATR stops with break-even, partials, R
  /// targets and max bars on both sides (rsi_partials), ATR stops with ATR trailing
  /// (trend_mean_reversion), percent trailing (mtf_trend) and the event form with pyramiding
  /// (dca_drawdown).
  static let strategies = ["sma_cross", "rsi_partials", "trend_mean_reversion", "mtf_trend", "dca_drawdown"]

  @Test(arguments: strategies)
  func replayGivesTheBacktestsTrades(_ name: String) throws {
    let scratch = try ScratchDirectory()
    let state = scratch.url.appendingPathComponent("state").path
    let out = scratch.url.appendingPathComponent("backtest").path
    let strategy = EngineFixtures.strategy(name)
    let backtest = try CrescentBinary.run(["backtest", strategy, "--data", EngineFixtures.goog, "--out", out, "--no-plots"])
    #expect(backtest.status == 0, "\(backtest.stderr)")
    let dryrun = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:" + EngineFixtures.goog, "--state", state])
    #expect(dryrun.status == 0, "\(dryrun.stderr)")
    let expected = EngineFixtures.read(out + "/trades.csv")
    let got = EngineFixtures.read(state + "/trades.csv")
    #expect(expected.split(separator: "\n").count > 20)
    #expect(got == expected)
    // The same formats: equity.csv and stats.json too.
    #expect(EngineFixtures.read(state + "/equity.csv") == EngineFixtures.read(out + "/equity.csv"))
    #expect(EngineFixtures.read(state + "/stats.json") == EngineFixtures.read(out + "/stats.json"))
    #expect(dryrun.stdout.contains(" fill "))
    #expect(dryrun.stdout.contains("stop finished"))

    // Run again on the same directory: the finished replay stays finished.
    let again = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:" + EngineFixtures.goog, "--state", state])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(!again.stdout.contains(" fill "))
    #expect(again.stdout.contains("finished run"))
    #expect(EngineFixtures.read(state + "/trades.csv") == expected)
  }

  @Test func exitReasonsCoverStopsTargetsBreakEvenAndTrailing() throws {
    let scratch = try ScratchDirectory()
    var reasons: Set<String> = []
    for name in ["rsi_partials", "trend_mean_reversion", "mtf_trend"] {
      let state = scratch.url.appendingPathComponent(name).path
      let run = try CrescentBinary.run(
        ["dryrun", EngineFixtures.strategy(name), "--feed", "replay:" + EngineFixtures.goog, "--state", state, "--quiet"])
      #expect(run.status == 0, "\(run.stderr)")
      for row in EngineFixtures.read(state + "/trades.csv").split(separator: "\n").dropFirst() {
        reasons.insert(String(row.split(separator: ",", omittingEmptySubsequences: false)[10]))
      }
    }
    #expect(reasons.isSuperset(of: ["stop", "target", "break_even", "trail", "partial"]))
  }

  @Test func jsonLogLinesAreOneObjectEach() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(300, in: scratch)
    let run = try CrescentBinary.run(
      ["dryrun", EngineFixtures.strategy("sma_cross"), "--feed", "replay:" + data, "--state", scratch.url.path + "/s", "--log-json"])
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    let objects = EngineFixtures.jsonLines(run.stdout)
    #expect(objects.count == lines.count)
    #expect(objects.first?["event"] as? String == "start")
    #expect(objects.last?["event"] as? String == "stop")
    let fills = objects.filter { $0["event"] as? String == "fill" }
    #expect(!fills.isEmpty)
    #expect(fills.allSatisfy { $0["client_id"] is String && $0["price"] is Double && $0["time"] is String })
  }

  @Test func refusesBadFeedsAndAnotherRunsDirectory() throws {
    let scratch = try ScratchDirectory()
    let strategy = EngineFixtures.strategy("sma_cross")
    let badFeed = try CrescentBinary.run(["dryrun", strategy, "--feed", "binance:BTCUSDT", "--state", scratch.url.path + "/a"])
    #expect(badFeed.status == 2)
    #expect(badFeed.stderr.contains("replay:FILE"))
    let badSpeed = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:x.csv@fast", "--state", scratch.url.path + "/a"])
    #expect(badSpeed.status == 2)
    let missing = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:/nonexistent.csv", "--state", scratch.url.path + "/a"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("/nonexistent.csv"))
    let garbage = try scratch.write("garbage.csv", "this is,not\nbar data at,all\n")
    let bad = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:" + garbage, "--state", scratch.url.path + "/a"])
    #expect(bad.status == 3, "\(bad.stderr)")

    let data = try EngineFixtures.googHead(120, in: scratch)
    let first = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:" + data, "--state", scratch.url.path + "/b", "--quiet"])
    #expect(first.status == 0, "\(first.stderr)")
    let other = try CrescentBinary.run(
      ["dryrun", strategy, "--feed", "replay:" + data, "--state", scratch.url.path + "/b", "--param", "fast=5"])
    #expect(other.status == 2)
    #expect(other.stderr.contains("holds another run"))
  }
}
