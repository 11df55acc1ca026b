/// The TWS API's framing on the socket (TWS and IB Gateway, API v100+): every message is a
/// 4-byte big-endian length followed by that many bytes of fields, each field ASCII/UTF-8 text
/// ended by a NUL. The client opens with the bytes `API\0` and one framed text
/// `v<min>..<max>` naming the server versions it speaks; the server answers with a framed
/// message of two fields, its version and its connection time.
public enum IBWire {
  /// The one server version this client speaks (min = max): TWS/IB Gateway 10.19 and later
  /// answer it. Field layouts of every message in this module follow it.
  public static let serverVersion = 176

  /// The opening bytes: `API\0` and the framed version range.
  public static func handshake(minVersion: Int = serverVersion, maxVersion: Int = serverVersion) -> [UInt8] {
    Array("API\0".utf8) + frame(Array("v\(minVersion)..\(maxVersion)".utf8))
  }

  /// One message: its fields, each NUL-ended, behind the length prefix.
  public static func encode(_ fields: [String]) -> [UInt8] {
    var body: [UInt8] = []
    for field in fields {
      body += field.utf8
      body.append(0)
    }
    return frame(body)
  }

  static func frame(_ body: [UInt8]) -> [UInt8] {
    let n = UInt32(body.count)
    return [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)] + body
  }

  /// Largest message accepted (TWS's own limit is 16 MiB less framing).
  public static let maxMessage = 0x00FF_FFFF
}

/// Splits received bytes into messages of fields. Bytes may arrive in any pieces.
public struct IBFrameReader: Sendable {
  private var buffer: [UInt8] = []
  private var start = 0

  public init() {}

  public enum ReadError: Error, Equatable { case oversized(Int) }

  public mutating func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

  /// The next whole message's fields, nil until one has arrived.
  public mutating func next() throws(ReadError) -> [String]? {
    guard buffer.count - start >= 4 else { return nil }
    let n =
      Int(buffer[start]) << 24 | Int(buffer[start + 1]) << 16 | Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
    guard n <= IBWire.maxMessage else { throw .oversized(n) }
    guard buffer.count - start >= 4 + n else { return nil }
    let body = buffer[(start + 4)..<(start + 4 + n)]
    start += 4 + n
    if start > 65_536 {
      buffer.removeFirst(start)
      start = 0
    }
    var fields = body.split(separator: 0, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
    // Every field ends with a NUL, so the split leaves one empty piece after the last.
    if fields.last == "" { fields.removeLast() }
    return fields
  }

  /// Reads the server's handshake prefix `API\0` (what a server receives first); false until
  /// four bytes have arrived, throws when they are something else.
  public mutating func consumeAPIPrefix() -> Bool? {
    guard buffer.count - start >= 4 else { return nil }
    let ok = Array(buffer[start..<(start + 4)]) == Array("API\0".utf8)
    start += 4
    return ok
  }
}
