import Foundation

/// Where the adapter connects: the REST API, the market-data streams and the WebSocket API
/// (which carries the user-data stream since Binance retired Spot listen keys on 2026-02-20:
/// `userDataStream.subscribe.signature`).
///
/// `testnet` is the default everywhere; `production` is only reachable by naming it.
public struct BinanceEndpoints: Sendable, Equatable {
  /// REST base, e.g. `https://testnet.binance.vision` (paths `/api/v3/...` are appended).
  public var rest: URL
  /// Market streams base, e.g. `wss://stream.testnet.binance.vision` (`/stream?streams=...`).
  public var marketStream: URL
  /// WebSocket API endpoint, e.g. `wss://ws-api.testnet.binance.vision/ws-api/v3`.
  public var webSocketAPI: URL
  /// Whether these are Binance's production endpoints (real money).
  public let isProduction: Bool

  public init(rest: URL, marketStream: URL, webSocketAPI: URL) throws(BinanceError) {
    for (name, url, schemes) in [
      ("REST URL", rest, ["http", "https"]), ("stream URL", marketStream, ["ws", "wss"]),
      ("WebSocket API URL", webSocketAPI, ["ws", "wss"]),
    ] {
      guard let scheme = url.scheme?.lowercased(), schemes.contains(scheme), url.host != nil else {
        throw .configuration("the \(name) must be \(schemes.joined(separator: " or "))://host..., got \(url)")
      }
    }
    self.rest = rest
    self.marketStream = marketStream
    self.webSocketAPI = webSocketAPI
    self.isProduction = [rest, marketStream, webSocketAPI].contains {
      Self.productionHosts.contains($0.host ?? "")
    }
  }

  static let productionHosts: Set<String> = ["api.binance.com", "stream.binance.com", "ws-api.binance.com"]

  static func url(_ text: String) -> URL {
    // The literals below are valid URLs; URL(string:) only fails on malformed text.
    URL(string: text) ?? URL(fileURLWithPath: "/")
  }

  /// Binance's Spot test network.
  public static var testnet: BinanceEndpoints {
    BinanceEndpoints(
      unchecked: url("https://testnet.binance.vision"), url("wss://stream.testnet.binance.vision"),
      url("wss://ws-api.testnet.binance.vision/ws-api/v3"), production: false)
  }

  /// Binance's production Spot endpoints: real orders, real money.
  public static var production: BinanceEndpoints {
    BinanceEndpoints(
      unchecked: url("https://api.binance.com"), url("wss://stream.binance.com:9443"),
      url("wss://ws-api.binance.com:443/ws-api/v3"), production: true)
  }

  init(unchecked rest: URL, _ stream: URL, _ api: URL, production: Bool) {
    self.rest = rest
    self.marketStream = stream
    self.webSocketAPI = api
    self.isProduction = production
  }

  /// Environment variables that override single URLs (tests point them at the simulator).
  public static let restVariable = "CRESCENT_BINANCE_REST_URL"
  public static let streamVariable = "CRESCENT_BINANCE_STREAM_URL"
  public static let webSocketAPIVariable = "CRESCENT_BINANCE_WS_API_URL"

  /// Testnet, or production when `production` is true, with any URL the environment overrides.
  /// Overrides that point at a production host are refused unless `production` is true.
  public static func resolve(
    production: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    throws(BinanceError) -> BinanceEndpoints
  {
    let base = production ? BinanceEndpoints.production : .testnet
    func pick(_ variable: String, _ fallback: URL) throws(BinanceError) -> URL {
      guard let text = environment[variable], !text.isEmpty else { return fallback }
      guard let url = URL(string: text) else {
        throw .configuration("\(variable) must be a URL, got \(text)")
      }
      return url
    }
    let resolved = try BinanceEndpoints(
      rest: try pick(restVariable, base.rest), marketStream: try pick(streamVariable, base.marketStream),
      webSocketAPI: try pick(webSocketAPIVariable, base.webSocketAPI))
    if resolved.isProduction && !production {
      throw .configuration("a production Binance URL needs the explicit production flag (--live)")
    }
    return resolved
  }
}

/// Time for the adapter: wall-clock milliseconds and a sleep, injected so tests can run rate
/// limits and backoff without waiting.
public struct BinanceClock: Sendable {
  /// Milliseconds since the epoch (UTC).
  public var now: @Sendable () -> Int64
  /// Blocks the calling thread for the given milliseconds.
  public var sleep: @Sendable (Int64) -> Void

  public init(now: @escaping @Sendable () -> Int64, sleep: @escaping @Sendable (Int64) -> Void) {
    self.now = now
    self.sleep = sleep
  }

  /// The system clock.
  public static let system = BinanceClock(
    now: { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) },
    sleep: { ms in if ms > 0 { Thread.sleep(forTimeInterval: Double(ms) / 1000) } })
}
