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
  /// Number of the last line this run read.
  var lastLine = 0

  init(roleCount: Int, capacity: Int) {
    time = RawColumn(capacity: capacity)
    lines = RawColumn(capacity: capacity)
    numbers = (0..<roleCount).map { _ in RawColumn(capacity: capacity) }
  }

  /// Adds `offset` to every line number this run recorded (its rows and its errors).
  mutating func shiftLines(by offset: Int) {
    guard offset != 0 else { return }
    lastLine += offset
    failure?.line? += offset
    firstDropped?.line? += offset
  }

  mutating func release() {
    time.release()
    lines.release()
    for k in numbers.indices { numbers[k].release() }
  }

  /// Line numbers of all runs, each shifted by its run's offset, as one Array.
  static func concatenate(_ parts: [RawColumn<UInt32>], offsets: [Int], count: Int) -> [UInt32] {
    [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
      var index = 0
      for (part, offset) in zip(parts, offsets) {
        let shift = UInt32(truncatingIfNeeded: offset)
        for i in 0..<part.count {
          // SAFETY: i < part.count, and the parts' counts sum to `count`.
          buffer[index] = part.base[i] &+ shift
          index += 1
        }
      }
      initialized = index
    }
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
