import ArgumentParser
import Execution
import Foundation
import LuaBindings

/// `crescent dryrun STRATEGY --feed replay:F[@speed] --state DIR`: paper trading.
struct DryrunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dryrun",
    abstract: "Paper-trade a strategy file on a feed, with crash-safe state in a directory.",
    discussion: """
      Ticks aggregate into candles; the strategy decides on each closed candle; the risk layer
      reviews each intent; the paper broker fills with the backtest's fill model. A bar file
      replays as four ticks per bar (open, the extremes in the intrabar policy's order for
      long trades, close), which reproduces the backtest's trades.
      --state DIR keeps state.sqlite (every order, fill, trade and decision) and gets
      trades.csv, stats.json and equity.csv; run again on the same DIR to resume where it
      stopped (a finished replay stays finished). While DIR/KILL (or --kill-switch PATH)
      exists, every entry is rejected. SIGINT or SIGTERM stops after the current event's
      transaction, writes the reports and exits 130 (SIGINT) or 0 (SIGTERM). --timeout limits
      each call into the strategy (signals, on_bar, risk); a call over it is a strategy error:
      that decision is rejected and the run goes on.
      """)

  @OptionGroup var script: ScriptOptions
  @OptionGroup var engine: EngineOptions

  @Argument(help: "The strategy file (a Lua file returning a strategy table).")
  var strategy: String

  func run() throws {
    try EngineRunner(script: script, engine: engine, strategy: strategy, broker: "paper", mode: .paper, credentials: nil)
      .run()
  }
}

/// Options shared by `dryrun` and `live`.
struct EngineOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The feed: replay:FILE (as fast as possible), replay:FILE@SPEED (SPEED× real time), or an exchange stream binance:SYMBOL[,SYMBOL]@INTERVAL (closed candles, e.g. binance:BTCUSDT@1m).", valueName: "feed"))
  var feed: String

  @Option(help: ArgumentHelp("State directory: state.sqlite, session.json and the reports.", valueName: "dir"))
  var state: String

  @Option(name: .customLong("param"), help: ArgumentHelp("Override a strategy parameter (repeatable).", valueName: "name=value"))
  var params: [String] = []

  @Option(help: ArgumentHelp("Starting cash (default: the strategy's, else 10000).", valueName: "amount"))
  var cash: Double?

  @Option(help: ArgumentHelp("Closed candles the strategy sees at each decision (default 1000).", valueName: "candles"))
  var window: Int?

  @Option(name: .customLong("kill-switch"), help: ArgumentHelp("Reject every entry while this file exists (default: DIR/KILL).", valueName: "path"))
  var killSwitch: String?

  @Option(help: ArgumentHelp("POST each notification (start, fills, trades, rejections, errors, stop) as JSON to this URL.", valueName: "url"))
  var webhook: String?

  @Flag(name: .customLong("log-json"), help: "Log one JSON object per line instead of readable lines.")
  var logJSON = false

  @Flag(help: "Log nothing but errors.")
  var quiet = false

  func validate() throws {
    if let cash, !(cash > 0 && cash.isFinite) { throw ValidationError("--cash must be a positive amount, got \(cash)") }
    if let window, window < 2 { throw ValidationError("--window must be at least 2 candles, got \(window)") }
  }
}
