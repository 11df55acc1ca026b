/// A point in canvas pixel coordinates: x to the right, y down; pixel (i, j) covers
/// [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5).
public struct Point: Sendable, Hashable {
  public var x: Double
  public var y: Double
  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// An axis-aligned rectangle in pixel coordinates (may be fractional).
public struct Rect: Sendable, Hashable {
  public var x: Double
  public var y: Double
  public var width: Double
  public var height: Double
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }
  public var minX: Double { x }
  public var minY: Double { y }
  public var maxX: Double { x + width }
  public var maxY: Double { y + height }
  public var midX: Double { x + width / 2 }
  public var midY: Double { y + height / 2 }

  /// The overlap of two rectangles (empty, with zero size, when they do not meet).
  public func intersection(_ other: Rect) -> Rect {
    let x0 = max(minX, other.minX)
    let y0 = max(minY, other.minY)
    let x1 = min(maxX, other.maxX)
    let y1 = min(maxY, other.maxY)
    return Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
  }

  /// The rectangle shrunk by `d` on every side.
  public func inset(_ d: Double) -> Rect {
    Rect(x: x + d, y: y + d, width: max(0, width - 2 * d), height: max(0, height - 2 * d))
  }
}

/// An RGBA image with straight alpha, rows top to bottom, 4 bytes per pixel.
///
/// Every drawing operation blends with source-over compositing and is limited to `clip`
/// (the whole canvas unless set). Coordinates outside the canvas are clipped, never an error;
/// NaN or infinite coordinates draw nothing.
public struct Canvas: Sendable {
  public let width: Int
  public let height: Int
  /// Row-major RGBA bytes, `width * height * 4` of them.
  public internal(set) var pixels: [UInt8]
  /// The region drawing is limited to, in whole pixels.
  public internal(set) var clip: (x0: Int, y0: Int, x1: Int, y1: Int)

  /// A canvas filled with `background`. Sizes must be 1...16384.
  public init(width: Int, height: Int, background: RGBA = RGBA(hex: 0xFFFFFF)) throws {
    guard (1...16_384).contains(width) else {
      throw PlotError.invalidParameter(name: "width", expected: "1...16384", got: "\(width)")
    }
    guard (1...16_384).contains(height) else {
      throw PlotError.invalidParameter(name: "height", expected: "1...16384", got: "\(height)")
    }
    self.width = width
    self.height = height
    var bytes = [UInt8](repeating: 0, count: width * height * 4)
    bytes.withUnsafeMutableBufferPointer { buffer in
      var i = 0
      while i < buffer.count {
        buffer[i] = background.r
        buffer[i + 1] = background.g
        buffer[i + 2] = background.b
        buffer[i + 3] = background.a
        i += 4
      }
    }
    pixels = bytes
    clip = (0, 0, width, height)
  }

  /// The colour of pixel (x, y); transparent black outside the canvas.
  public func pixel(x: Int, y: Int) -> RGBA {
    guard x >= 0, y >= 0, x < width, y < height else { return RGBA(r: 0, g: 0, b: 0, a: 0) }
    let o = (y * width + x) * 4
    return RGBA(r: pixels[o], g: pixels[o + 1], b: pixels[o + 2], a: pixels[o + 3])
  }

  /// Limits drawing to `rect` (rounded outward to whole pixels, intersected with the canvas).
  public mutating func setClip(_ rect: Rect) {
    guard rect.minX.isFinite, rect.minY.isFinite, rect.maxX.isFinite, rect.maxY.isFinite else {
      clip = (0, 0, 0, 0)
      return
    }
    let x0 = max(0, min(width, Int(rect.minX.rounded(.down))))
    let y0 = max(0, min(height, Int(rect.minY.rounded(.down))))
    let x1 = max(x0, min(width, Int(rect.maxX.rounded(.up))))
    let y1 = max(y0, min(height, Int(rect.maxY.rounded(.up))))
    clip = (x0, y0, x1, y1)
  }

  /// Removes the clipping rectangle.
  public mutating func resetClip() { clip = (0, 0, width, height) }

  /// Runs `body` with drawing clipped to `rect` (within the current clip), then restores it.
  public mutating func withClip(_ rect: Rect, _ body: (inout Canvas) -> Void) {
    let saved = clip
    intersectClip(rect)
    body(&self)
    clip = saved
  }

  /// Narrows the clip to its intersection with `rect`.
  mutating func intersectClip(_ rect: Rect) {
    let saved = clip
    setClip(rect)
    clip = (
      max(clip.x0, saved.x0), max(clip.y0, saved.y0), min(clip.x1, saved.x1),
      min(clip.y1, saved.y1)
    )
    if clip.x1 < clip.x0 { clip.x1 = clip.x0 }
    if clip.y1 < clip.y0 { clip.y1 = clip.y0 }
  }

  /// Blends `color` at `coverage` (0...1) over the pixel at byte offset `o`.
  @inline(__always)
  static func blend(_ p: UnsafeMutablePointer<UInt8>, _ color: RGBA, _ coverage: Float) {
    let sa = Float(color.a) * (1 / 255) * min(max(coverage, 0), 1)
    if sa <= 0.001 { return }
    let da = Float(p[3]) * (1 / 255)
    if da >= 0.999 {
      let ia = 1 - sa
      p[0] = UInt8(Float(color.r) * sa + Float(p[0]) * ia + 0.5)
      p[1] = UInt8(Float(color.g) * sa + Float(p[1]) * ia + 0.5)
      p[2] = UInt8(Float(color.b) * sa + Float(p[2]) * ia + 0.5)
      return
    }
    let oa = sa + da * (1 - sa)
    let k = da * (1 - sa)
    p[0] = UInt8(min(255, (Float(color.r) * sa + Float(p[0]) * k) / oa + 0.5))
    p[1] = UInt8(min(255, (Float(color.g) * sa + Float(p[1]) * k) / oa + 0.5))
    p[2] = UInt8(min(255, (Float(color.b) * sa + Float(p[2]) * k) / oa + 0.5))
    p[3] = UInt8(min(255, oa * 255 + 0.5))
  }

  /// Blends `color` over the pixels x0..<x1 of row `y` at `coverage`, within the clip.
  public mutating func blendSpan(y: Int, x0: Int, x1: Int, color: RGBA, coverage: Float = 1) {
    guard y >= clip.y0, y < clip.y1 else { return }
    let a = max(x0, clip.x0)
    let b = min(x1, clip.x1)
    guard a < b else { return }
    let w = width
    pixels.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var p = base + (y * w + a) * 4
      for _ in a..<b {
        Canvas.blend(p, color, coverage)
        p += 4
      }
    }
  }

  /// Blends `color` over row `y` from `x0`, each pixel at its own coverage in `coverage`.
  mutating func blendRow(
    y: Int, x0: Int, coverage: UnsafeBufferPointer<Float>, color: RGBA
  ) {
    guard y >= clip.y0, y < clip.y1 else { return }
    let a = max(x0, clip.x0)
    let b = min(x0 + coverage.count, clip.x1)
    guard a < b else { return }
    let w = width
    pixels.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var p = base + (y * w + a) * 4
      for x in a..<b {
        let c = coverage[x - x0]
        if c > 0.001 { Canvas.blend(p, color, c) }
        p += 4
      }
    }
  }

  /// Fills an axis-aligned rectangle; fractional edges are anti-aliased by area coverage.
  public mutating func fill(_ rect: Rect, color: RGBA) {
    guard rect.width > 0, rect.height > 0, rect.minX.isFinite, rect.minY.isFinite,
      rect.maxX.isFinite, rect.maxY.isFinite
    else { return }
    let x0 = max(rect.minX, Double(clip.x0))
    let x1 = min(rect.maxX, Double(clip.x1))
    let y0 = max(rect.minY, Double(clip.y0))
    let y1 = min(rect.maxY, Double(clip.y1))
    guard x0 < x1, y0 < y1 else { return }
    let ix0 = Int(x0.rounded(.down))
    let ix1 = Int(x1.rounded(.up))
    let iy0 = Int(y0.rounded(.down))
    let iy1 = Int(y1.rounded(.up))
    // Horizontal coverage of each column, computed once (no heap allocation).
    let count = ix1 - ix0
    withUnsafeTemporaryAllocation(of: Float.self, capacity: count * 2) { buffer in
      guard let base = buffer.baseAddress else { return }
      let cols = UnsafeMutableBufferPointer(start: base, count: count)
      let scaled = UnsafeMutableBufferPointer(start: base + count, count: count)
      for i in 0..<count {
        let px = Double(ix0 + i)
        cols[i] = Float(min(px + 1, x1) - max(px, x0))
      }
      for y in iy0..<iy1 {
        let py = Double(y)
        let vy = Float(min(py + 1, y1) - max(py, y0))
        if vy >= 0.999 {
          blendRow(y: y, x0: ix0, coverage: UnsafeBufferPointer(cols), color: color)
        } else {
          for i in 0..<count { scaled[i] = cols[i] * vy }
          blendRow(y: y, x0: ix0, coverage: UnsafeBufferPointer(scaled), color: color)
        }
      }
    }
  }

  /// Draws a 1-pixel-wide crisp horizontal line through row `y` from x0 to x1 (inclusive
  /// of x0, exclusive of x1, fractional ends anti-aliased).
  public mutating func hline(y: Double, x0: Double, x1: Double, color: RGBA, width: Double = 1) {
    fill(Rect(x: min(x0, x1), y: y - width / 2, width: abs(x1 - x0), height: width), color: color)
  }

  /// Draws a crisp vertical line of `width` pixels centred on `x` from y0 to y1.
  public mutating func vline(x: Double, y0: Double, y1: Double, color: RGBA, width: Double = 1) {
    fill(Rect(x: x - width / 2, y: min(y0, y1), width: width, height: abs(y1 - y0)), color: color)
  }
}
