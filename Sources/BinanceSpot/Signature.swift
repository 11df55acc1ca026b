import Crypto
import Foundation

/// Binance's request signing: HMAC-SHA256 of the exact parameter string sent (query string or
/// form body), keyed by the API secret, as lowercase hex.
public enum BinanceSignature {
  /// The lowercase hex HMAC-SHA256 of `payload` under `secret`.
  public static func hmacSHA256(secret: String, payload: String) -> String {
    let key = SymmetricKey(data: Data(secret.utf8))
    let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
    return hex(mac)
  }

  static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Characters sent as they are; everything else is percent-encoded (RFC 3986 unreserved).
  static let unreserved = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

  /// `k1=v1&k2=v2` in the given order, values percent-encoded; this exact string is signed.
  public static func query(_ parameters: [(String, String)]) -> String {
    parameters.map { key, value in
      "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value)"
    }.joined(separator: "&")
  }

  /// Formats a decimal for a request: no exponent, no trailing zeros, at most 12 decimals.
  public static func decimal(_ value: Double) -> String {
    var text = String(format: "%.12f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}
