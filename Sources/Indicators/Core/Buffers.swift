import CMemoryHints

#if canImport(Glibc)
  import Glibc
#endif
#if arch(x86_64)
  import _Builtin_intrinsics.intel
#endif

/// Input buffer of a kernel: contiguous Float64 values.
typealias Buf = UnsafeBufferPointer<Double>
/// Output buffer of a kernel; kernels write every element.
typealias Out = UnsafeMutableBufferPointer<Double>

extension UnsafeBufferPointer where Element == Double {
  /// The values from `start` on, as a buffer whose index 0 is `self[start]`.
  @inline(__always)
  func from(_ start: Int) -> Buf {
    // SAFETY: rebasing a slice of a live buffer; callers keep `start <= count`.
    Buf(rebasing: self[Swift.min(start, count)...])
  }
}

extension UnsafeMutableBufferPointer where Element == Double {
  /// The elements from `start` on, as a buffer whose index 0 is `self[start]`.
  @inline(__always)
  func from(_ start: Int) -> Out {
    // SAFETY: rebasing a slice of a live buffer; callers keep `start <= count`.
    Out(rebasing: self[Swift.min(start, count)...])
  }

  /// The same memory viewed as an input buffer.
  @inline(__always)
  var input: Buf { Buf(self) }

  /// Writes NaN to positions `0..<min(end, count)`.
  @inline(__always)
  func fillNaN(upTo end: Int) {
    let stop = Swift.min(end, count)
    var i = 0
    while i < stop {
      self[i] = .nan
      i += 1
    }
  }
}

/// Calls `body` with a scratch buffer of `count` Float64 values (uninitialised; the body
/// writes before it reads). Small buffers live on the stack.
@inline(__always)
func withScratch<R>(_ count: Int, _ body: (Out) -> R) -> R {
  withUnsafeTemporaryAllocation(of: Double.self, capacity: Swift.max(count, 1)) { raw in
    let buffer = Out(rebasing: raw[0..<count])
    adviseHugePages(buffer)
    return body(buffer)
  }
}

/// Calls `body` with buffers over each array, in order.
func withBuffers<R>(_ arrays: [[Double]], _ body: ([Buf]) throws(IndicatorError) -> R)
  throws(IndicatorError) -> R
{
  var buffers: [Buf] = []
  buffers.reserveCapacity(arrays.count)
  func level(_ j: Int) throws(IndicatorError) -> R {
    if j == arrays.count { return try body(buffers) }
    return try arrays[j].withUnsafeBufferPointer { (b: Buf) throws(IndicatorError) -> R in
      buffers.append(b)
      return try level(j + 1)
    }
  }
  return try level(0)
}

/// Allocates `k` arrays of `n` values and calls `body` with their buffers; `body` must write
/// every element of each. One allocation per output, no zero fill.
func makeOutputs(_ k: Int, _ n: Int, _ body: ([Out]) -> Void) -> [[Double]] {
  var buffers: [Out] = []
  buffers.reserveCapacity(k)
  var results: [[Double]] = []
  results.reserveCapacity(k)
  func level(_ j: Int) {
    if j == k {
      body(buffers)
      return
    }
    let array = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
      // SAFETY: the buffer is used only while this closure (and the nested ones) run.
      adviseHugePages(buffer)
      buffers.append(buffer)
      level(j + 1)
      initialized = n
    }
    results.append(array)
  }
  level(0)
  return results.reversed()
}

/// Asks the kernel to back a large, not yet touched buffer with transparent huge pages (as
/// numpy does for its arrays): first-touch page faults are a large share of the cost of
/// writing a fresh output. Buffers under 4 MB and systems without the call are left alone.
@inline(__always)
func adviseHugePages(_ buffer: Out) {
  #if canImport(Glibc)
    let bytes = buffer.count * MemoryLayout<Double>.stride
    guard bytes >= 4 << 20, let base = buffer.baseAddress else { return }
    let page = 4096
    let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
    let end = (Int(bitPattern: base) + bytes) & ~(page - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    // SAFETY: the range lies inside the buffer's own allocation; the advice changes no data.
    _ = madvise(pointer, end - start, MADV_HUGEPAGE)
  #endif
}

/// Four values from `base + i` (no alignment needed).
@inline(__always)
func load4(_ base: UnsafePointer<Double>, _ i: Int) -> SIMD4<Double> {
  // SAFETY: callers keep `i + 4 <= count` of the buffer `base` points into.
  UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<Double>.self)
}

/// Writes four values at `base + i` (no alignment needed).
@inline(__always)
func store4(_ v: SIMD4<Double>, _ base: UnsafeMutablePointer<Double>, _ i: Int) {
  // SAFETY: callers keep `i + 4 <= count` of the buffer `base` points into.
  UnsafeMutableRawPointer(base + i).storeBytes(of: v, as: SIMD4<Double>.self)
}

/// Whether an output of `count` values at `base` is written with non-temporal stores: when it
/// is far larger than the caches (16 MB and up), so whoever reads it next reads it from memory
/// anyway, and 16-byte aligned as those stores need (Swift arrays of Double are). They skip
/// reading each line before overwriting it, and a streaming kernel's speed then no longer
/// depends on where its output lies relative to its inputs (with ordinary stores, 15–27 ms
/// for the same 10M-value kernel at different relative offsets; 11–12 ms streamed).
@inline(__always)
func streams(_ base: UnsafeMutablePointer<Double>, count: Int) -> Bool {
  #if arch(x86_64)
    count >= 1 << 21 && Int(bitPattern: base) & 15 == 0
  #else
    false
  #endif
}

/// Writes four values at `base + i` with non-temporal stores (`base + i` 16-byte aligned; see
/// ``streams(_:count:)``). The kernel calls ``streamed()`` after its last one.
@inline(__always)
func stream4(_ v: SIMD4<Double>, _ base: UnsafeMutablePointer<Double>, _ i: Int) {
  #if arch(x86_64)
    // SAFETY: callers keep `i + 4 <= count` of the buffer `base` points into.
    _mm_stream_pd(base + i, v.lowHalf)
    _mm_stream_pd(base + i + 2, v.highHalf)
  #else
    store4(v, base, i)
  #endif
}

/// Orders the non-temporal stores before every later store, so the output is complete for any
/// thread that is later handed it.
@inline(__always)
func streamed() {
  #if arch(x86_64)
    crs_store_fence()
  #endif
}
