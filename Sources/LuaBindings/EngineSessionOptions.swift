import Execution
import Foundation
import LuaRuntime
import MarketData

/// Why an engine session could not start or go on, classified for exit codes: `usage` (2:
/// a bad option, a state directory of another run, missing keys, an unavailable broker),
/// `data` (3: an unreadable feed file), `strategy` (1: the strategy table), `engine` (1:
/// the state could not be written).
public struct EngineSessionError: Error, CustomStringConvertible, LuaRaisable, Sendable {
  public enum Kind: Sendable { case usage, data, strategy, engine }

  public let kind: Kind
  public let description: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    description = message
  }

  public var luaErrorKind: LuaError.Kind { kind == .data ? .data : .runtime }
}

/// A feed specification: `replay:FILE` (as fast as possible), `replay:FILE@SPEED` (SPEED×
/// real time, e.g. `@60` or `@60x`), or an exchange's market stream
/// `EXCHANGE:SYMBOL[,SYMBOL]@INTERVAL` (closed candles of INTERVAL, e.g.
/// `binance:BTCUSDT,ETHUSDT@1m`; the exchange must be in `LiveFeedRegistry`).
public struct FeedSpec: Sendable, Equatable {
  /// The replay file ("" for an exchange feed).
  public var path: String = ""
  public var speed: Double?
  /// The exchange of a market-stream feed; nil for a replay.
  public var exchange: String?
  /// The streamed symbols, in the engine's order (exchange feeds).
  public var symbols: [String] = []
  /// The candle interval in the exchange's notation (exchange feeds).
  public var interval: String?

  public init(parsing text: String) throws(EngineSessionError) {
    guard text.hasPrefix("replay:") else {
      (exchange, symbols, interval) = try Self.exchangeFeed(text)
      return
    }
    var path = String(text.dropFirst("replay:".count))
    if let at = path.lastIndex(of: "@") {
      var factor = path[path.index(after: at)...]
      if factor.hasSuffix("x") { factor = factor.dropLast() }
      guard let speed = Double(factor), speed.isFinite, speed > 0 else {
        throw EngineSessionError(
          .usage, "the replay speed after @ must be a positive number (×real time), got \"\(path[path.index(after: at)...])\"")
      }
      self.speed = speed
      path = String(path[..<at])
    }
    guard !path.isEmpty else { throw EngineSessionError(.usage, "--feed replay: needs a file, got \"\(text)\"") }
    self.path = path
  }

  private static func exchangeFeed(_ text: String) throws(EngineSessionError) -> (String, [String], String) {
    let usage = EngineSessionError(
      .usage, "--feed must be replay:FILE[@SPEED] or EXCHANGE:SYMBOL[,SYMBOL]@INTERVAL (e.g. binance:BTCUSDT@1m), got \"\(text)\"")
    guard let colon = text.firstIndex(of: ":"), let at = text.lastIndex(of: "@"), colon < at else { throw usage }
    let name = String(text[..<colon])
    let symbols = text[text.index(after: colon)..<at].split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces).uppercased()
    }
    let interval = String(text[text.index(after: at)...])
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) else { throw usage }
    guard !symbols.isEmpty, symbols.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber } }) else {
      throw EngineSessionError(.usage, "--feed \(name): needs symbols like BTCUSDT or BTCUSDT,ETHUSDT, got \"\(text)\"")
    }
    guard Set(symbols).count == symbols.count else {
      throw EngineSessionError(.usage, "--feed \(name): lists a symbol twice in \"\(text)\"")
    }
    guard let tf = Timeframe(interval), tf.unit != .month, tf.nanoseconds != nil else {
      throw EngineSessionError(
        .usage, "--feed \(name): the interval after @ must be like 1s, 1m, 5m, 1h, 1d or 1w, got \"\(interval)\"")
    }
    return (name, symbols, interval)
  }

  /// The candle period of an exchange feed; nil for a replay.
  public var timeframe: Timeframe? { interval.flatMap { Timeframe($0) } }

  public var description: String {
    if let exchange, let interval { return "\(exchange):\(symbols.joined(separator: ","))@\(interval)" }
    return "replay:" + path + (speed.map { "@\($0)" } ?? "")
  }
}

/// Everything a dry-run or live session is started with besides the strategy table.
public struct EngineSessionOptions: Sendable {
  public var feed: FeedSpec
  /// The state directory (state.sqlite, session.json, the reports).
  public var directory: String
  /// `--param` texts, in order.
  public var paramTexts: [String] = []
  /// Overrides from a Lua options table.
  public var overrides: [(name: String, value: ParamValue)] = []
  public var cash: Double?
  /// Candles the strategy sees; nil for `LiveStrategy.defaultWindow`.
  public var window: Int?
  /// While this file exists every entry is rejected; nil for `DIR/KILL`.
  public var killSwitch: String?
  public var broker = "paper"
  public var mode = BrokerMode.paper
  public var credentials: BrokerCredentials?
  /// Seconds each strategy call may take; nil for no limit.
  public var timeout: Double?

  public init(feed: FeedSpec, directory: String) {
    self.feed = feed
    self.directory = directory
  }

  /// The kill-switch file in effect.
  public var killSwitchPath: String {
    killSwitch ?? (directory as NSString).appendingPathComponent("KILL")
  }
}

/// `DIR/session.json`: what the state directory's run was started with, so a restart with
/// other settings is refused instead of mixing two runs (the replay speed may change).
/// Holds no credentials.
struct SessionRecord: Codable, Equatable {
  var strategy: String
  var feed: String
  var params: [String: String]
  var cash: Double
  var window: Int
  var broker: String
  var mode: String
  /// Prefix of the run's client order ids.
  var runId: String

  enum CodingKeys: String, CodingKey {
    case strategy, feed, params, cash, window, broker, mode
    case runId = "run_id"
  }

  static func url(_ directory: String) -> URL {
    URL(fileURLWithPath: directory).appendingPathComponent("session.json")
  }

  /// Reads the directory's record, or writes `self` there for a new run; returns the record
  /// in effect. A record of another run is a usage error naming the first difference.
  func adopt(in directory: String) throws(EngineSessionError) -> SessionRecord {
    let url = Self.url(directory)
    if let data = try? Data(contentsOf: url) {
      guard let saved = try? JSONDecoder().decode(SessionRecord.self, from: data) else {
        throw EngineSessionError(.usage, "\(url.path) is not a session record; use a new --state directory")
      }
      var mine = self
      mine.runId = saved.runId
      if mine != saved {
        let differences = [
          ("strategy", saved.strategy, strategy), ("feed", saved.feed, feed),
          ("params", "\(saved.params.sorted { $0.key < $1.key })", "\(params.sorted { $0.key < $1.key })"),
          ("cash", "\(saved.cash)", "\(cash)"), ("window", "\(saved.window)", "\(window)"),
          ("broker", saved.broker, broker), ("mode", saved.mode, mode),
        ].filter { $0.1 != $0.2 }
        let what = differences.map { "\($0.0) \($0.1) (now \($0.2))" }.joined(separator: ", ")
        throw EngineSessionError(
          .usage, "\(directory) holds another run: \(what); resume it with the same settings or use a new --state directory")
      }
      return saved
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      try (encoder.encode(self) + Data("\n".utf8)).write(to: url, options: .atomic)
    } catch {
      throw EngineSessionError(.engine, "cannot write \(url.path): \(error.localizedDescription)")
    }
    return self
  }
}
