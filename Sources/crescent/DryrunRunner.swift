import ArgumentParser
import Execution
import Foundation
import LuaBindings
import LuaRuntime
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The signal that asked a running engine to stop (0: none yet).
let stopSignal = Atomic<Int32>(0)

/// Runs a dry-run or live session for the CLI: console log lines, webhook, signals, reports.
struct EngineRunner {
  let script: ScriptOptions
  let engine: EngineOptions
  let strategy: String
  let broker: String
  let mode: BrokerMode
  let credentials: BrokerCredentials?

  /// Exit status after a graceful stop by each signal.
  static func exitStatus(afterSignal signal: Int32) -> Int32 { signal == SIGINT ? 130 : 0 }

  func run() throws {
    let feed: FeedSpec
    do { feed = try FeedSpec(parsing: engine.feed) } catch { throw fail(error) }
    try ScriptRunner.requireReadable(strategy)
    let json = engine.logJSON
    let quiet = engine.quiet
    var webhook: Webhook?
    if let text = engine.webhook {
      guard let url = URL(string: text) else { throw fail(EngineSessionError(.usage, "--webhook must be a URL")) }
      do {
        webhook = try Webhook(url: url) { message in FileHandleOutput.standardError.write("crescent: \(message)\n") }
      } catch {
        throw fail(EngineSessionError(.usage, "--webhook: \(error)"))
      }
    }
    let notify: (EngineNotice) -> Void = { n in
      if !quiet || n.kind == .error { FileHandleOutput.standardOutput.write((json ? n.json : n.line) + "\n") }
      webhook?.post(n)
    }
    var options = EngineSessionOptions(feed: feed, directory: engine.state)
    options.paramTexts = engine.params
    options.cash = engine.cash
    options.window = engine.window
    options.killSwitch = engine.killSwitch
    options.broker = broker
    options.mode = mode
    options.credentials = credentials
    options.timeout = script.timeout

    let state: LuaState
    let session: EngineSession
    do {
      state = try CrescentLibrary.makeState(options: script.stateOptions)
      try StrategyFile.load(strategy, in: state)
      session = try EngineSession(
        state: state, strategyAt: -1, name: StrategyFile.baseName(strategy), options: options, notify: notify)
    } catch let error as LuaError {
      report(error)
      throw ExitCode(error.exitCode)
    } catch {
      throw fail(error)
    }
    let resumedAt = session.engine.state.events
    notify(
      EngineNotice(
        .start,
        message:
          "\(mode == .paper ? "dryrun" : "live") \(session.strategy.spec.name) on \(feed.description) with broker \(broker) (\(mode.rawValue)), state \(engine.state)"
          + (session.finished ? " (finished run)" : resumedAt > 0 ? " (resumed at event \(resumedAt))" : ""),
        fields: [
          ("strategy", .text(session.strategy.spec.name)), ("feed", .text(feed.description)),
          ("state", .text(engine.state)), ("broker", .text(broker)), ("mode", .text(mode.rawValue)),
          ("resumed_at", .integer(resumedAt)), ("run_id", .text(session.runId)),
        ]))

    let handler: @convention(c) (Int32) -> Void = { signal in stopSignal.store(signal, ordering: .relaxed) }
    let previousInt = Glibc.signal(SIGINT, handler)
    let previousTerm = Glibc.signal(SIGTERM, handler)
    // A parent may have started us with these signals blocked; a stop request must arrive.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    defer {
      Glibc.signal(SIGINT, previousInt)
      Glibc.signal(SIGTERM, previousTerm)
    }
    var failure: Error?
    do {
      try session.step(nil) { stopSignal.load(ordering: .relaxed) != 0 }
    } catch {
      failure = error
    }
    var reportFailure: Error?
    do { try session.writeReports() } catch { reportFailure = error }
    let signal = stopSignal.load(ordering: .relaxed)
    let summary = (try? session.status(decisions: 0))
    var fields: [(String, EngineNotice.Value)] = [
      ("finished", .bool(session.finished)), ("events", .integer(session.engine.state.events)),
      ("trades", .integer(session.engine.trades.count)), ("equity", .number(summary?.equity ?? .nan)),
    ]
    let how: String
    if let failure {
      how = "stopped by an error: \(failure)"
      fields.append(("reason", .text("error")))
    } else if signal != 0 && !session.finished {
      how = "stopped by \(signal == SIGINT ? "SIGINT" : "SIGTERM") at event \(session.engine.state.events); run again to resume"
      fields.append(("reason", .text(signal == SIGINT ? "sigint" : "sigterm")))
    } else {
      how = "finished"
      fields.append(("reason", .text("finished")))
    }
    notify(
      EngineNotice(
        .stop,
        message: "\(how): \(session.engine.trades.count) trades, equity \(summary.map { "\($0.equity)" } ?? "unknown")",
        fields: fields))
    webhook?.flush(seconds: 5)
    if let failure { throw fail(failure) }
    if let reportFailure { throw fail(reportFailure) }
    if signal != 0 && !session.finished { throw ExitCode(Self.exitStatus(afterSignal: signal)) }
  }

  /// Reports `error` on stderr (one line) and returns the exit code for it.
  func fail(_ error: Error) -> ExitCode {
    FileHandleOutput.standardError.write("crescent: \(error)\n")
    if let error = error as? EngineSessionError {
      switch error.kind {
      case .usage: return ExitCode(ExitStatus.usage)
      case .data: return ExitCode(ExitStatus.badData)
      case .strategy, .engine: return ExitCode(ExitStatus.scriptError)
      }
    }
    if let error = error as? LuaMessageError, error.luaErrorKind == .data { return ExitCode(ExitStatus.badData) }
    return ExitCode(ExitStatus.scriptError)
  }
}
