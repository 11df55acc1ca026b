import CZlib
import Foundation

/// One glyph's coverage bitmap and metrics, in pixels at its font's size.
struct Glyph: Sendable {
  /// Horizontal advance in 1/64 pixel.
  var advance64: Int
  var width: Int
  var height: Int
  /// Offset from the pen position to the bitmap's left edge.
  var left: Int
  /// Rows of the bitmap above the baseline (the bitmap's top is `top` pixels above it).
  var top: Int
  /// Offset of the bitmap in `Font.coverage`.
  var offset: Int
}

/// A bitmap font: DejaVu Sans rendered (hinted) at one pixel size. Text drawn with it is
/// crisp because glyphs are never scaled; pick the size you need with `Font.sized(_:bold:)`.
public struct Font: Sendable {
  /// The pixel size (em height) the glyphs were rendered at.
  public let pixelSize: Int
  public let bold: Bool
  /// Pixels from the baseline up to the top of tall glyphs, and down to the bottom.
  public let ascent: Int
  public let descent: Int
  var ascii: [Glyph?]
  var others: [UInt32: Glyph]
  var coverage: [UInt8]

  /// Line height in pixels.
  public var lineHeight: Int { ascent + descent }

  /// The sizes available, in pixels.
  public static var availableSizes: [Int] { FontData.sizes }

  /// The embedded font nearest to `pixelSize` (ties go to the smaller size).
  public static func sized(_ pixelSize: Double, bold: Bool = false) -> Font {
    let fonts = bold ? FontCache.bold : FontCache.regular
    var best = 0
    for (i, size) in FontData.sizes.enumerated()
    where abs(Double(size) - pixelSize) < abs(Double(FontData.sizes[best]) - pixelSize) {
      best = i
    }
    return fonts[best]
  }

  func glyph(_ scalar: Unicode.Scalar) -> Glyph? {
    let v = scalar.value
    if v < 128 { return ascii[Int(v)] }
    if let g = others[v] { return g }
    return ascii[63]  // "?"
  }

  /// The advance width of `text` in pixels (unrounded).
  public func measure(_ text: String) -> Double {
    var total = 0
    for scalar in text.unicodeScalars {
      if let g = glyph(scalar) { total += g.advance64 }
    }
    return Double(total) / 64
  }

  /// Decodes one generated table (see scripts/fixtures/font_glyphs.py for the layout).
  init(encoded: String, pixelSize: Int, bold: Bool) {
    self.pixelSize = pixelSize
    self.bold = bold
    let raw = Font.inflate(Data(base64Encoded: encoded) ?? Data())
    var ascii = [Glyph?](repeating: nil, count: 128)
    var others: [UInt32: Glyph] = [:]
    var coverage: [UInt8] = []
    var ascent = pixelSize
    var descent = pixelSize / 4
    if raw.count >= 5 {
      ascent = Int(raw[0])
      descent = Int(raw[1])
      let count = Int(raw[3]) | Int(raw[4]) << 8
      var p = 5
      coverage.reserveCapacity(raw.count)
      for _ in 0..<count {
        guard p + 10 <= raw.count else { break }
        let code = UInt32(raw[p]) | UInt32(raw[p + 1]) << 8 | UInt32(raw[p + 2]) << 16
          | UInt32(raw[p + 3]) << 24
        let advance = Int(raw[p + 4]) | Int(raw[p + 5]) << 8
        let w = Int(raw[p + 6])
        let h = Int(raw[p + 7])
        let left = Int(Int8(bitPattern: raw[p + 8]))
        let top = Int(Int8(bitPattern: raw[p + 9]))
        p += 10
        guard p + w * h <= raw.count else { break }
        let glyph = Glyph(
          advance64: advance, width: w, height: h, left: left, top: top, offset: coverage.count)
        coverage.append(contentsOf: raw[p..<(p + w * h)])
        p += w * h
        if code < 128 { ascii[Int(code)] = glyph } else { others[code] = glyph }
      }
    }
    self.ascent = ascent
    self.descent = descent
    self.ascii = ascii
    self.others = others
    self.coverage = coverage
  }

  /// Inflates zlib data with the system zlib; empty on any error (the generated data is
  /// checked by the tests, so an error here means a corrupted build).
  static func inflate(_ data: Data) -> [UInt8] {
    var input = [UInt8](data)
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var stream = z_stream()
    guard crs_inflate_init(&stream) == Z_OK else { return [] }
    defer { inflateEnd(&stream) }
    var status = Z_OK
    input.withUnsafeMutableBufferPointer { inBuf in
      stream.next_in = inBuf.baseAddress
      stream.avail_in = uInt(inBuf.count)
      repeat {
        chunk.withUnsafeMutableBufferPointer { outBuf in
          stream.next_out = outBuf.baseAddress
          stream.avail_out = uInt(outBuf.count)
          status = CZlib.inflate(&stream, Z_NO_FLUSH)
          let produced = outBuf.count - Int(stream.avail_out)
          output.append(contentsOf: outBuf[0..<produced])
        }
      } while status == Z_OK
    }
    return status == Z_STREAM_END ? output : []
  }
}

/// Fonts decoded once, on first use.
enum FontCache {
  static let regular: [Font] = FontData.sizes.enumerated().map { i, size in
    Font(encoded: FontData.regular[i], pixelSize: size, bold: false)
  }
  static let bold: [Font] = FontData.sizes.enumerated().map { i, size in
    Font(encoded: FontData.bold[i], pixelSize: size, bold: true)
  }
}
