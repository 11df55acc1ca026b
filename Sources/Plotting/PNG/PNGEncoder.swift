import Foundation
import CZlib

/// Encodes canvases as PNG (ISO/IEC 15948): 8-bit truecolour, with alpha only when some
/// pixel is not opaque. Each row gets the filter (None, Sub, Up, Average, Paeth) whose output
/// has the smallest sum of absolute values, the usual heuristic; the filtered rows are
/// compressed with the system zlib, and every chunk carries zlib's CRC-32.
public enum PNGEncoder {
  /// The PNG file bytes of `canvas`. `level` is zlib's compression level (1 fastest … 9).
  public static func encode(_ canvas: Canvas, level: Int32 = 6) throws -> [UInt8] {
    guard (0...9).contains(level) else {
      throw PlotError.invalidParameter(name: "level", expected: "0...9", got: "\(level)")
    }
    let opaque = canvas.pixels.withUnsafeBufferPointer { p -> Bool in
      var i = 3
      while i < p.count {
        if p[i] != 255 { return false }
        i += 4
      }
      return true
    }
    let channels = opaque ? 3 : 4
    let filtered = filterRows(canvas, channels: channels)
    let compressed = try deflate(filtered, level: level)
    var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    out.reserveCapacity(compressed.count + 64)
    var header: [UInt8] = []
    appendBigEndian(UInt32(canvas.width), to: &header)
    appendBigEndian(UInt32(canvas.height), to: &header)
    header += [8, opaque ? 2 : 6, 0, 0, 0]
    appendChunk("IHDR", header, to: &out)
    appendChunk("IDAT", compressed, to: &out)
    appendChunk("IEND", [], to: &out)
    return out
  }

  static func appendBigEndian(_ v: UInt32, to out: inout [UInt8]) {
    out += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
  }

  static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
    appendBigEndian(UInt32(data.count), to: &out)
    let start = out.count
    out += Array(type.utf8)
    out += data
    let crc = out[start...].withUnsafeBufferPointer { p in
      crc32(0, p.baseAddress, uInt(p.count))
    }
    appendBigEndian(UInt32(crc), to: &out)
  }

  /// Rows prefixed with their filter byte, RGB or RGBA.
  static func filterRows(_ canvas: Canvas, channels: Int) -> [UInt8] {
    let w = canvas.width
    let h = canvas.height
    let stride = w * channels
    var out = [UInt8](repeating: 0, count: (stride + 1) * h)
    var previous = [UInt8](repeating: 0, count: stride)
    var current = [UInt8](repeating: 0, count: stride)
    var candidate = [UInt8](repeating: 0, count: stride)
    var best = [UInt8](repeating: 0, count: stride)
    canvas.pixels.withUnsafeBufferPointer { src in
      for y in 0..<h {
        let rowBase = y * w * 4
        if channels == 4 {
          for i in 0..<stride { current[i] = src[rowBase + i] }
        } else {
          for x in 0..<w {
            current[x * 3] = src[rowBase + x * 4]
            current[x * 3 + 1] = src[rowBase + x * 4 + 1]
            current[x * 3 + 2] = src[rowBase + x * 4 + 2]
          }
        }
        var bestType: UInt8 = 0
        var bestScore = Int.max
        for type in UInt8(0)...4 {
          if y == 0 && (type == 2) { continue }  // Up on the first row equals None
          let score = apply(
            filter: type, current: current, previous: previous, bpp: channels, into: &candidate)
          if score < bestScore {
            bestScore = score
            bestType = type
            swap(&best, &candidate)
          }
        }
        let o = y * (stride + 1)
        out[o] = bestType
        for i in 0..<stride { out[o + 1 + i] = best[i] }
        swap(&previous, &current)
      }
    }
    return out
  }

  /// Writes the filtered row into `out` and returns the sum of |byte as Int8|.
  static func apply(
    filter: UInt8, current: [UInt8], previous: [UInt8], bpp: Int, into out: inout [UInt8]
  ) -> Int {
    var score = 0
    let n = current.count
    current.withUnsafeBufferPointer { cur in
      previous.withUnsafeBufferPointer { prev in
        out.withUnsafeMutableBufferPointer { dst in
          for i in 0..<n {
            let a = i >= bpp ? Int(cur[i - bpp]) : 0
            let b = Int(prev[i])
            let c = i >= bpp ? Int(prev[i - bpp]) : 0
            let predictor: Int
            switch filter {
            case 0: predictor = 0
            case 1: predictor = a
            case 2: predictor = b
            case 3: predictor = (a + b) >> 1
            default:
              let p = a + b - c
              let pa = abs(p - a)
              let pb = abs(p - b)
              let pc = abs(p - c)
              predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
            }
            let v = UInt8(truncatingIfNeeded: Int(cur[i]) - predictor)
            dst[i] = v
            score += v < 128 ? Int(v) : 256 - Int(v)
          }
        }
      }
    }
    return score
  }

  /// Compresses with zlib (zlib format, as IDAT requires).
  static func deflate(_ input: [UInt8], level: Int32) throws -> [UInt8] {
    var stream = z_stream()
    let initStatus = crs_deflate_init(&stream, level)
    guard initStatus == Z_OK else { throw PlotError.compression(code: initStatus) }
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
    var status: Int32 = Z_OK
    var input = input
    input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        stream.next_in = inBuf.baseAddress
        stream.avail_in = uInt(inBuf.count)
        stream.next_out = outBuf.baseAddress
        stream.avail_out = uInt(outBuf.count)
        status = CZlib.deflate(&stream, Z_FINISH)
      }
    }
    guard status == Z_STREAM_END else { throw PlotError.compression(code: status) }
    output.removeLast(output.count - Int(stream.total_out))
    return output
  }
}

extension Canvas {
  /// The canvas as PNG file bytes.
  public func pngData() throws -> [UInt8] { try PNGEncoder.encode(self) }
}

extension Canvas {
  /// Writes the canvas as a PNG file at `path` (replacing it atomically).
  public func writePNG(to path: String) throws {
    let bytes = try pngData()
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw PlotError.io(path: path, reason: "\(error.localizedDescription)")
    }
  }
}
