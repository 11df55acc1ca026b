#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The binary bar file: versioned, checksummed, columnar, memory-mappable.
///
/// Layout (little-endian), version 1:
/// ```
/// 0   magic "CRSBARS\0"            8  version u32, header size u32
/// 16  rows u64                     24 source size u64
/// 32  source mtime i64 (ns)        40 source fingerprint u64 (sampled content hash)
/// 48  options fingerprint u64      56 data checksum u64 (over the six columns)
/// 64  timeframe count u32, unit u8 (0 none, else its character), 3 bytes zero
/// 72  symbol length u32, then the symbol's UTF-8 bytes (at most 256)
/// …   zero padding to 64 bytes; header checksum u64 in the last 8 bytes of the header
/// H   columns time (i64), open, high, low, close, volume (f64), each `rows` long,
///     each starting on a 64-byte boundary
/// ```
/// A reader checks magic, version, header checksum, file size and the data checksum, which
/// it computes while copying the columns out (one pass at memory speed).
public enum BarCache {
  public static let version: UInt32 = 1
  static let magic: [UInt8] = Array("CRSBARS\0".utf8)

  /// Where `load(_:options:)` keeps the cache of `source`: beside it as `NAME.crsbars`, or in
  /// `directory` as `NAME-<hash of the absolute path>.crsbars`.
  public static func path(for source: String, directory: String?) -> String {
    guard let directory else { return source + ".crsbars" }
    let name = source.split(separator: "/").last.map(String.init) ?? source
    let hash = String(Hash64.of(absolute(source)), radix: 16)
    return directory + "/" + name + "-" + hash + ".crsbars"
  }

  /// Key of a source file: its size and modification time from `stat`, plus a content hash of
  /// its first and last 64 KiB (the whole file when smaller than 128 KiB).
  struct SourceKey: Equatable {
    var size: UInt64
    var modified: Int64
    var fingerprint: UInt64
    var options: UInt64
  }

  static func key(of file: FileBytes, options: LoadOptions) -> SourceKey {
    let fingerprint = file.withBytes { bytes in
      var hasher = Hash64(seed: UInt64(bytes.count))
      let window = 64 * 1024
      if bytes.count <= 2 * window {
        hasher.update(bytes)
      } else {
        hasher.update(UnsafeRawBufferPointer(rebasing: bytes[0..<window]))
        hasher.update(UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - window)...]))
      }
      return hasher.finalize()
    }
    return SourceKey(
      size: UInt64(file.size), modified: file.modified, fingerprint: fingerprint,
      options: optionsFingerprint(options))
  }

  /// The options that change what a parse produces (not symbol or timeframe, applied after).
  static func optionsFingerprint(_ options: LoadOptions) -> UInt64 {
    var text = "v\(version)|tz=\(options.timeZone ?? "")|sep=\(options.separator.map(String.init) ?? "")"
    text +=
      "|header=\(options.header.map { $0 ? "1" : "0" } ?? "")|sort=\(options.sort)|dedupe=\(options.dedupe)"
    text += "|drop=\(options.dropInvalid)|max=\(options.maxLineLength)|cols="
    text += options.columns.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    return Hash64.of(text)
  }

  static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return path }
    let cwd = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress.unsafelyUnwrapped) }
    return cwd + "/" + path
  }
}
