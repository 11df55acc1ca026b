import Execution
import Foundation

/// An API key and its secret. Both stay inside this type: its description, debug description
/// and mirror (so `print`, string interpolation, `dump` and `Codable`-free logging) show only
/// `BinanceCredentials(<redacted>)`, and no error of this module carries either.
public struct BinanceCredentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// Sent in the `X-MBX-APIKEY` header.
  let apiKey: String
  /// The HMAC-SHA256 key; never sent.
  let secret: String

  public init(apiKey: String, secret: String) throws(BinanceError) {
    guard !apiKey.isEmpty, !secret.isEmpty else {
      throw .configuration("API key and secret must both be non-empty")
    }
    guard apiKey.allSatisfy({ $0.isASCII && !$0.isWhitespace }),
      secret.allSatisfy({ $0.isASCII && !$0.isWhitespace })
    else {
      throw .configuration("API key and secret must be printable ASCII without spaces")
    }
    self.apiKey = apiKey
    self.secret = secret
  }

  public var description: String { "BinanceCredentials(<redacted>)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

  /// The exchange-neutral credentials (from `BrokerKeys`), checked for Binance.
  public init(_ credentials: BrokerCredentials) throws(BinanceError) {
    try self.init(apiKey: credentials.key, secret: credentials.secret)
  }

  /// Reads the keys the way `crescent live` does (`BrokerKeys`): from `file` when given (lines
  /// `key=...` and `secret=...`, mode 0600 or 0400), else from `CRESCENT_BINANCE_KEY` and
  /// `CRESCENT_BINANCE_SECRET`. Errors name files and variables, never key material.
  public static func load(
    file: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    throws(BinanceError) -> BinanceCredentials
  {
    let loaded: BrokerCredentials?
    do { loaded = try BrokerKeys.load(file: file, environment: environment, required: true) } catch {
      throw .configuration(error.description)
    }
    guard let loaded else {
      throw .configuration(
        "set \(BrokerKeys.keyVariable) and \(BrokerKeys.secretVariable), or give a key file")
    }
    return try BinanceCredentials(loaded)
  }
}
