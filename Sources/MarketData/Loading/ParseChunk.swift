/// The rows one worker parsed from its run of lines.
struct Chunk {
  var time: RawColumn<Int64>
  var lines: RawColumn<UInt32>
  var numbers: [RawColumn<Double>]
  var rowsRead = 0
  var dropped = 0
  var firstDropped: DataError?
  /// The error that stopped this run (strict mode).
  var failure: DataError?

  init(roleCount: Int, capacity: Int) {
    time = RawColumn(capacity: capacity)
    lines = RawColumn(capacity: capacity)
    numbers = (0..<roleCount).map { _ in RawColumn(capacity: capacity) }
  }

  mutating func release() {
    time.release()
    lines.release()
    for k in numbers.indices { numbers[k].release() }
  }

  /// The columns of all runs, in order, as one Array of exactly `count` elements.
  static func concatenate<T: BitwiseCopyable>(_ parts: [RawColumn<T>], count: Int) -> [T] {
    [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      var offset = 0
      for part in parts {
        // SAFETY: the parts' counts sum to `count`, the buffer's capacity.
        if let target = buffer.baseAddress { (target + offset).update(from: part.base, count: part.count) }
        offset += part.count
      }
      initialized = offset
    }
  }
}

/// A buffer handed to parallel workers, each of which writes only its own element.
struct SendableSlots<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>

  init(_ buffer: UnsafeMutableBufferPointer<Element>) {
    self.buffer = buffer
  }
}
