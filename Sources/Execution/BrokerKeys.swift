import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Why API keys could not be read. Messages name files and variables, never key material.
public struct CredentialError: Error, CustomStringConvertible, Sendable, Equatable {
  public let description: String

  public init(_ message: String) { description = message }
}

/// Reading exchange API keys: from a key file readable by its owner only, or from the
/// environment (`CRESCENT_BINANCE_KEY`, `CRESCENT_BINANCE_SECRET`).
public enum BrokerKeys {
  public static let keyVariable = "CRESCENT_BINANCE_KEY"
  public static let secretVariable = "CRESCENT_BINANCE_SECRET"

  /// The environment variables one broker reads its key and secret from.
  public struct Variables: Sendable, Equatable {
    public var key: String
    public var secret: String

    public init(key: String, secret: String) {
      self.key = key
      self.secret = secret
    }

    public static let binance = Variables(key: keyVariable, secret: secretVariable)
  }

  /// The credentials from `file` when given (it wins over the environment), else from the
  /// environment; nil when neither has them and `required` is false.
  ///
  /// The file holds `key=...` and `secret=...` lines (the variable names above are accepted
  /// as keys too; blank lines and `#` comments are skipped) and must grant no permission to
  /// group or others (mode 0600 or 0400).
  public static func load(
    file: String?, environment: [String: String], required: Bool, variables: Variables = .binance
  ) throws(CredentialError) -> BrokerCredentials? {
    let keyVariable = variables.key
    let secretVariable = variables.secret
    if let file { return try read(file, variables: variables) }
    let key = environment[keyVariable] ?? ""
    let secret = environment[secretVariable] ?? ""
    if !key.isEmpty && !secret.isEmpty { return BrokerCredentials(key: key, secret: secret) }
    if !key.isEmpty || !secret.isEmpty {
      throw CredentialError(
        "\(key.isEmpty ? keyVariable : secretVariable) is not set (\(key.isEmpty ? secretVariable : keyVariable) is): set both, or pass --keys FILE"
      )
    }
    if required {
      throw CredentialError(
        "--live trades real money and needs API keys: set \(keyVariable) and \(secretVariable), or pass --keys FILE (mode 0600)")
    }
    return nil
  }

  static func read(_ path: String, variables: Variables = .binance) throws(CredentialError) -> BrokerCredentials {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw CredentialError("cannot read the key file \(path): \(String(cString: strerror(errno)))")
    }
    let mode = info.st_mode & 0o777
    guard mode & 0o077 == 0 else {
      throw CredentialError(
        "the key file \(path) has mode 0\(String(mode, radix: 8)); it must be readable by its owner only: chmod 600 \(path)")
    }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CredentialError("cannot read the key file \(path) as UTF-8 text")
    }
    var key = ""
    var secret = ""
    for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let eq = line.firstIndex(of: "=") else {
        throw CredentialError("\(path):\(n + 1): expected name=value (key=... or secret=...)")
      }
      let name = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      switch name {
      case "key", variables.key.lowercased(): key = value
      case "secret", variables.secret.lowercased(): secret = value
      default: throw CredentialError("\(path):\(n + 1): unknown name '\(name)' (expected key or secret)")
      }
    }
    guard !key.isEmpty, !secret.isEmpty else {
      throw CredentialError("the key file \(path) needs both key=... and secret=... lines")
    }
    return BrokerCredentials(key: key, secret: secret)
  }
}
