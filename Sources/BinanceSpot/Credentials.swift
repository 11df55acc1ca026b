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

  /// The names of the environment variables `fromEnvironment` reads.
  public static let keyVariable = "BINANCE_API_KEY"
  public static let secretVariable = "BINANCE_API_SECRET"

  /// Reads `BINANCE_API_KEY` and `BINANCE_API_SECRET`.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(BinanceError) -> BinanceCredentials
  {
    guard let key = environment[keyVariable], let secret = environment[secretVariable] else {
      throw .configuration("set \(keyVariable) and \(secretVariable), or give a key file")
    }
    return try BinanceCredentials(apiKey: key, secret: secret)
  }

  /// Reads a key file: two non-empty lines, the API key then the secret (surrounding blanks
  /// ignored). The file must be readable by its owner only (mode 0600 or 0400): any group or
  /// other permission bit is refused, naming the mode found.
  public static func fromFile(_ path: String) throws(BinanceError) -> BinanceCredentials {
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw .configuration("cannot read the key file \(path)")
    }
    guard let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue else {
      throw .configuration("cannot read the permissions of the key file \(path)")
    }
    guard mode & 0o077 == 0 else {
      throw .configuration(
        "the key file \(path) must be readable by its owner only (mode 0600), got \(String(mode, radix: 8))")
    }
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      throw .configuration("cannot read the key file \(path) as UTF-8 text")
    }
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    guard lines.count == 2 else {
      throw .configuration("the key file \(path) must hold 2 lines (API key, secret), got \(lines.count)")
    }
    return try BinanceCredentials(apiKey: lines[0], secret: lines[1])
  }
}
