import Foundation
import Testing

/// Operating a dry run: status, kill switch, graceful stops, webhook, the Lua risk function.
@Suite struct EngineOperationsTests {
  @Test func statusOnAFinishedDirectoryAndWithoutState() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(400, in: scratch)
    let state = scratch.url.path + "/state"
    let run = try CrescentBinary.run(
      ["dryrun", EngineFixtures.strategy("rsi_partials"), "--feed", "replay:" + data, "--state", state, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let json = try CrescentBinary.run(["status", state, "--json", "--decisions", "5"])
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(EngineFixtures.jsonLines(json.stdout).first)
    #expect(object["finished"] as? Bool == true)
    let rows = EngineFixtures.read(state + "/trades.csv").split(separator: "\n").count - 1
    #expect(object["trades"] as? Int == rows)
    #expect((object["decisions"] as? [Any])?.count == 5)
    #expect((object["positions"] as? [Any])?.isEmpty == true)
    #expect(object["orders"] as? Int == object["fills"] as? Int)
    let equity = try #require(object["equity"] as? Double)
    let last = try #require(EngineFixtures.read(state + "/equity.csv").split(separator: "\n").last)
    #expect(abs(equity - (Double(last.split(separator: ",")[1]) ?? 0)) < 1e-6)
    let text = try CrescentBinary.run(["status", state])
    #expect(text.status == 0)
    #expect(text.stdout.contains("positions (0)"))
    #expect(text.stdout.contains("last decisions"))

    let empty = try CrescentBinary.run(["status", scratch.url.path + "/nothing"])
    #expect(empty.status == 2)
    #expect(empty.stderr.contains("holds no engine state"))
    #expect(!FileManager.default.fileExists(atPath: scratch.url.path + "/nothing"))
  }

  /// A paced replay: status reads it while it runs; SIGTERM stops it after the current event
  /// with the reports written (exit 0); the next run resumes and ends like an uninterrupted one.
  @Test(arguments: [(SIGTERM, Int32(0)), (SIGINT, Int32(130))])
  func statusWhileRunningThenGracefulStop(_ signal: Int32, _ status: Int32) throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(500, in: scratch)
    let strategy = EngineFixtures.strategy("sma_cross")
    let reference = scratch.url.path + "/reference"
    #expect(try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:" + data, "--state", reference, "--quiet"]).status == 0)
    let state = scratch.url.path + "/state"
    // One day of bars every 17 ms: the run takes about 9 s.
    let child = try EngineFixtures.spawn(
      ["dryrun", strategy, "--feed", "replay:\(data)@5e6", "--state", state], logs: scratch.url.path + "/run")
    let started = EngineFixtures.wait(seconds: 20) {
      let r = try? CrescentBinary.run(["status", state, "--json"])
      return (EngineFixtures.jsonLines(r?.stdout ?? "").first?["events"] as? Int ?? 0) > 50
    }
    #expect(started)
    let running = try CrescentBinary.run(["status", state, "--json"])
    #expect(running.status == 0, "\(running.stderr)")
    #expect(EngineFixtures.jsonLines(running.stdout).first?["finished"] as? Bool == false)
    kill(child.processIdentifier, signal)
    child.waitUntilExit()
    #expect(child.terminationReason == .exit)
    #expect(child.terminationStatus == status)
    let log = EngineFixtures.read(scratch.url.path + "/run.out")
    #expect(log.contains("stopped by \(signal == SIGINT ? "SIGINT" : "SIGTERM")"))
    #expect(FileManager.default.fileExists(atPath: state + "/trades.csv"))
    let stopped = try CrescentBinary.run(["status", state, "--json"])
    #expect(EngineFixtures.jsonLines(stopped.stdout).first?["finished"] as? Bool == false)
    // Resume (at full speed: the speed may change) and end like the uninterrupted run.
    let resumed = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:" + data, "--state", state])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("resumed at event"))
    #expect(try EngineFixtures.outcome(state) == EngineFixtures.outcome(reference))
  }

  @Test func killSwitchFileRejectsEveryEntry() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(300, in: scratch)
    let state = scratch.url.path + "/state"
    try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: state + "/KILL", contents: nil)
    let run = try CrescentBinary.run(
      ["dryrun", EngineFixtures.strategy("sma_cross"), "--feed", "replay:" + data, "--state", state, "--log-json"])
    #expect(run.status == 0, "\(run.stderr)")
    let events = EngineFixtures.jsonLines(run.stdout)
    #expect(!events.contains { $0["event"] as? String == "fill" })
    let rejections = events.filter { $0["event"] as? String == "rejection" }
    #expect(!rejections.isEmpty)
    #expect(rejections.allSatisfy { ($0["reason"] as? String)?.hasPrefix("kill switch: ") == true })
    #expect(EngineFixtures.read(state + "/trades.csv").split(separator: "\n").count == 1)

    // --kill-switch names another file; without it present, trading goes on.
    let other = scratch.url.path + "/other"
    let free = try CrescentBinary.run(
      ["dryrun", EngineFixtures.strategy("sma_cross"), "--feed", "replay:" + data, "--state", other, "--kill-switch",
       scratch.url.path + "/STOP", "--quiet"])
    #expect(free.status == 0)
    #expect(EngineFixtures.read(other + "/trades.csv").split(separator: "\n").count > 3)
  }

  @Test func webhookReceivesEveryNotificationWithRetries() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(200, in: scratch)
    // The first request fails: the notifier retries it.
    let server = try LoopbackHTTPServer(statuses: [500])
    defer { server.stop() }
    let run = try CrescentBinary.run(
      ["dryrun", EngineFixtures.strategy("sma_cross"), "--feed", "replay:" + data, "--state", scratch.url.path + "/s",
       "--webhook", server.url, "--log-json"])
    #expect(run.status == 0, "\(run.stderr)")
    let console = EngineFixtures.jsonLines(run.stdout)
    let requests = server.requests
    #expect(requests.allSatisfy { $0.method == "POST" && $0.path == "/hook" })
    #expect(requests.allSatisfy { $0.headers["content-type"] == "application/json" })
    let bodies = requests.map(\.body)
    // The failed first delivery came again; every console notification arrived once more.
    #expect(bodies.count == console.count + 1)
    #expect(bodies[0] == bodies[1])
    #expect(Set(bodies) == Set(run.stdout.split(separator: "\n").map(String.init)))
    let kinds = EngineFixtures.jsonLines(bodies.joined(separator: "\n")).compactMap { $0["event"] as? String }
    #expect(kinds.first == "start" && kinds.last == "stop")
    #expect(kinds.contains("fill") && kinds.contains("trade"))
  }

  /// A risk function that raises rejects that intent (fail closed), the reason is recorded,
  /// and the engine runs on.
  @Test func luaRiskFunctionThatRaisesRejectsAndTheEngineRunsOn() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(300, in: scratch)
    let strategy = try scratch.write(
      "risky.lua",
      """
      return {
        name = "risky",
        on_bar = function(ctx, bar)
          if bar.index % 10 == 0 and ctx.position == 0 then ctx:buy{qty = 10} end
          if bar.index % 10 == 5 and ctx.position > 0 then ctx:close() end
        end,
        risk = function(intent, account)
          if account.index % 40 == 0 then error("risk model unavailable at candle " .. account.index) end
          if account.index % 40 == 10 then return nil, "too soon" end
          if account.index % 40 == 20 then intent.qty = 4 return intent end
          return true
        end,
      }
      """)
    let state = scratch.url.path + "/state"
    let run = try CrescentBinary.run(["dryrun", strategy, "--feed", "replay:" + data, "--state", state, "--log-json"])
    #expect(run.status == 0, "\(run.stderr)")
    let rejections = EngineFixtures.jsonLines(run.stdout).filter { $0["event"] as? String == "rejection" }
      .compactMap { $0["reason"] as? String }
    #expect(rejections.contains { $0.hasPrefix("risk function failed: ") && $0.contains("risk model unavailable at candle 40") })
    #expect(rejections.contains("risk: too soon"))
    let status = try CrescentBinary.run(["status", state, "--json", "--decisions", "1000"])
    let object = try #require(EngineFixtures.jsonLines(status.stdout).first)
    #expect(object["finished"] as? Bool == true)
    let decisions = try #require(object["decisions"] as? [[String: Any]])
    let failed = decisions.filter { ($0["reason"] as? String)?.contains("risk model unavailable") == true }
    #expect(failed.count == 7)
    #expect(failed.allSatisfy { $0["verdict"] as? String == "reject" && $0["client_id"] == nil })
    // The engine ran on: entries after the failures filled, resized ones with 4 units.
    let quantities = EngineFixtures.read(state + "/trades.csv").split(separator: "\n").dropFirst()
      .map { $0.split(separator: ",", omittingEmptySubsequences: false)[7] }
    #expect(quantities.contains("10.0") && quantities.contains("4.0"))
    #expect(quantities.count == 14)
  }

  /// --timeout bounds each strategy call: a runaway on_bar is stopped, that decision is
  /// rejected as a strategy error, and the run goes on.
  @Test func runawayStrategyCallTimesOutAndTheRunGoesOn() throws {
    let scratch = try ScratchDirectory()
    let data = try EngineFixtures.googHead(200, in: scratch)
    let strategy = try scratch.write(
      "loop.lua",
      """
      return {
        name = "loop",
        on_bar = function(ctx, bar)
          if bar.index == 50 then while true do end end
          if bar.index % 20 == 0 and ctx.position == 0 then ctx:buy{qty = 1} end
          if bar.index % 20 == 10 and ctx.position > 0 then ctx:close() end
        end,
      }
      """)
    let run = try CrescentBinary.run(
      ["dryrun", strategy, "--feed", "replay:" + data, "--state", scratch.url.path + "/s", "--timeout", "0.3", "--log-json"])
    #expect(run.status == 0, "\(run.stderr)")
    let errors = EngineFixtures.jsonLines(run.stdout).filter { $0["event"] as? String == "error" }
    #expect(errors.count == 1)
    #expect((errors.first?["reason"] as? String)?.contains("timeout") == true)
    #expect(errors.first?["index"] as? Int == 50)
    // Round trips from candles 20, 40 (its close at 50 was lost: held to 70), 80, …, 180; the
    // entry at 200 has no next candle.
    #expect(EngineFixtures.read(scratch.url.path + "/s/trades.csv").split(separator: "\n").count == 1 + 8)
  }
}
