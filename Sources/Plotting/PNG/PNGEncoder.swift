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
    // Unfiltered rows first (RGB or RGBA), one extra zero row above the first.
    var raw = [UInt8](repeating: 0, count: stride * (h + 1))
    canvas.pixels.withUnsafeBufferPointer { src in
      raw.withUnsafeMutableBufferPointer { dst in
        guard let s = src.baseAddress, let d = dst.baseAddress else { return }
        if channels == 4 {
          (d + stride).update(from: s, count: stride * h)
        } else {
          var o = stride
          for i in 0..<(w * h) {
            d[o] = s[i * 4]
            d[o + 1] = s[i * 4 + 1]
            d[o + 2] = s[i * 4 + 2]
            o += 3
          }
        }
      }
    }
    var out = [UInt8](repeating: 0, count: (stride + 1) * h)
    raw.withUnsafeBufferPointer { rawBuf in
      out.withUnsafeMutableBufferPointer { outBuf in
        guard let r = rawBuf.baseAddress, let o = outBuf.baseAddress else { return }
        for y in 0..<h {
          let cur = r + (y + 1) * stride
          let prev = r + y * stride
          let best = bestFilter(cur: cur, prev: prev, count: stride, bpp: channels)
          let row = o + y * (stride + 1)
          row[0] = UInt8(best)
          apply(filter: best, cur: cur, prev: prev, count: stride, bpp: channels, into: row + 1)
        }
      }
    }
    return out
  }

  @inline(__always) static func cost(_ v: UInt8) -> Int { Int(Int8(bitPattern: v).magnitude) }

  /// The filter whose output has the smallest sum of |byte as Int8|, all five scored in one
  /// pass over the row (ties go to the lower filter number).
  static func bestFilter(
    cur: UnsafePointer<UInt8>, prev: UnsafePointer<UInt8>, count n: Int, bpp: Int
  ) -> Int {
    var s0 = 0
    var s1 = 0
    var s2 = 0
    var s3 = 0
    var s4 = 0
    let head = min(bpp, n)
    // The first pixel has no left neighbour: a = c = 0, so Sub = None and Paeth = Up.
    for i in 0..<head {
      let x = cur[i]
      let b = prev[i]
      s0 &+= cost(x)
      s1 &+= cost(x)
      s2 &+= cost(x &- b)
      s3 &+= cost(x &- (b >> 1))
      s4 &+= cost(x &- b)
    }
    for i in head..<n {
      let x = cur[i]
      let a = cur[i - bpp]
      let b = prev[i]
      let c = prev[i - bpp]
      s0 &+= cost(x)
      s1 &+= cost(x &- a)
      s2 &+= cost(x &- b)
      s3 &+= cost(x &- UInt8(truncatingIfNeeded: (UInt16(a) &+ UInt16(b)) >> 1))
      let ia = Int(a)
      let ib = Int(b)
      let ic = Int(c)
      let pa = abs(ib - ic)
      let pb = abs(ia - ic)
      let pc = abs(ia + ib - 2 * ic)
      let p = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
      s4 &+= cost(x &- p)
    }
    var best = 0
    var score = s0
    for (k, v) in [s1, s2, s3, s4].enumerated() where v < score {
      score = v
      best = k + 1
    }
    return best
  }

  /// Writes one row under filter `filter` (0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth) into
  /// `dst`.
  static func apply(
    filter: Int, cur: UnsafePointer<UInt8>, prev: UnsafePointer<UInt8>, count n: Int, bpp: Int,
    into dst: UnsafeMutablePointer<UInt8>
  ) {
    let head = min(bpp, n)
    switch filter {
    case 0:
      for i in 0..<n {
        dst[i] = cur[i]
      }
    case 1:
      for i in 0..<head {
        dst[i] = cur[i]
      }
      for i in head..<n {
        let v = cur[i] &- cur[i - bpp]
        dst[i] = v
      }
    case 2:
      for i in 0..<n {
        let v = cur[i] &- prev[i]
        dst[i] = v
      }
    case 3:
      for i in 0..<head {
        let v = cur[i] &- (prev[i] >> 1)
        dst[i] = v
      }
      for i in head..<n {
        let v = cur[i] &- UInt8(truncatingIfNeeded: (UInt16(cur[i - bpp]) &+ UInt16(prev[i])) >> 1)
        dst[i] = v
      }
    default:
      for i in 0..<head {
        let v = cur[i] &- prev[i]  // Paeth with a = c = 0 predicts b
        dst[i] = v
      }
      for i in head..<n {
        let a = Int(cur[i - bpp])
        let b = Int(prev[i])
        let c = Int(prev[i - bpp])
        let pa = abs(b - c)
        let pb = abs(a - c)
        let pc = abs(a + b - 2 * c)
        let predictor = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
        let v = cur[i] &- UInt8(truncatingIfNeeded: predictor)
        dst[i] = v
      }
    }
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
