#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a whole file, memory-mapped read-only (or empty), with the size and
/// modification time the binary cache keys on. Unmapped when released.
final class FileBytes {
  let path: String
  let size: Int
  /// Modification time, nanoseconds since the epoch.
  let modified: Int64
  private let base: UnsafeMutableRawPointer?

  /// Maps `path`; with `populate` (Linux) the pages are read in up front, which is faster
  /// when every byte will be read and wasteful when only a sample will.
  init(path: String, populate: Bool = true) throws(DataError) {
    self.path = path
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      let reason = String(cString: strerror(errno))
      throw DataError(.io, file: path, expected: "a readable file (\(reason))")
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
      throw DataError(.io, file: path, expected: "a regular file")
    }
    size = Int(status.st_size)
    modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
    if size == 0 {
      base = nil
      return
    }
    #if os(Linux)
      let flags = populate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
    #else
      let flags = MAP_PRIVATE
    #endif
    let mapped = mmap(nil, size, PROT_READ, flags, descriptor, 0)
    guard let mapped, mapped != MAP_FAILED else {
      throw DataError(.io, file: path, expected: "a file that can be mapped into memory")
    }
    base = mapped
  }

  deinit {
    // SAFETY: `base` came from mmap with exactly `size` bytes and is unmapped once.
    if let base { munmap(base, size) }
  }

  /// Runs `body` over the bytes; the pointer must not escape the closure.
  func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    // SAFETY: the mapping lives as long as `self`, which outlives this call.
    try body(UnsafeRawBufferPointer(start: base, count: size))
  }

  /// Size and modification time of a file, or nil when it cannot be stat'ed.
  static func stamp(_ path: String) -> (size: Int, modified: Int64)? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return (Int(status.st_size), Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec))
  }
}
