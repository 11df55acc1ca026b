#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file writes through POSIX calls.
enum FileOutput {
  static func write(_ bytes: [UInt8], to path: String) -> Bool {
    withFile(path) { writeAll($0, bytes) }
  }

  /// Creates (or truncates) `path`, runs `body` with its descriptor and closes it; false
  /// when any step fails.
  static func withFile(_ path: String, _ body: (Int32) -> Bool) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { return false }
    let ok = body(descriptor)
    return close(descriptor) == 0 && ok
  }

  static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { writeAll(descriptor, $0) }
  }

  static func writeAll(_ descriptor: Int32, _ raw: UnsafeRawBufferPointer) -> Bool {
    guard let base = raw.baseAddress else { return true }
    var offset = 0
    while offset < raw.count {
      #if canImport(Glibc)
        let written = Glibc.write(descriptor, base + offset, raw.count - offset)
      #else
        let written = Darwin.write(descriptor, base + offset, raw.count - offset)
      #endif
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }

  static func rename(_ from: String, to: String) -> Bool {
    #if canImport(Glibc)
      Glibc.rename(from, to) == 0
    #else
      Darwin.rename(from, to) == 0
    #endif
  }

  static func remove(_ path: String) {
    unlink(path)
  }
}
