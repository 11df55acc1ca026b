#if canImport(Glibc)
  import Glibc
#endif

/// Asks the kernel to back large column buffers with transparent huge pages.
///
/// A 10M-bar column is 80 MB: with 4 KiB pages its first touch takes 20,000 page faults and
/// its scans miss the TLB on every page. Linux distributions ship THP in `madvise` mode, so
/// only advised ranges get 2 MiB pages — numpy advises its large arrays the same way. The
/// advice covers the 2 MiB-aligned interior of the buffer; anything smaller than two huge
/// pages is left alone. It only changes how memory is mapped, never its contents, and a
/// kernel without THP ignores it.
public enum HugePages {
  public static let size = 2 << 20

  @inlinable
  public static func advise<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
    guard let base = buffer.baseAddress else { return }
    advise(UnsafeMutableRawPointer(base), bytes: buffer.count * MemoryLayout<T>.stride)
  }

  public static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
    #if os(Linux)
      guard bytes >= 2 * size else { return }
      let first = (Int(bitPattern: start) + size - 1) & ~(size - 1)
      let end = (Int(bitPattern: start) + bytes) & ~(size - 1)
      guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
      // MADV_HUGEPAGE (14) is a macro Glibc's module does not always export.
      _ = madvise(aligned, end - first, 14)
    #endif
  }
}
