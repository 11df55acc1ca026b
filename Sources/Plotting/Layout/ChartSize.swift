/// Output size: `width` × `height` in logical pixels, multiplied by `scale` for high-DPI
/// screens (scale 2 gives a 2400×1400 PNG for 1200×700 with every line and glyph twice as
/// large, glyphs rendered at the larger size rather than upscaled).
public struct ChartSize: Sendable, Equatable {
  public var width: Int
  public var height: Int
  public var scale: Double

  public init(width: Int = 1200, height: Int = 700, scale: Double = 1) {
    self.width = width
    self.height = height
    self.scale = scale
  }

  /// Pixel dimensions of the image; throws when width/height are outside 64...8192 or
  /// scale outside 0.5...4.
  public func pixels() throws -> (width: Int, height: Int) {
    guard (64...8192).contains(width) else {
      throw PlotError.invalidParameter(name: "width", expected: "an integer in 64...8192", got: "\(width)")
    }
    guard (64...8192).contains(height) else {
      throw PlotError.invalidParameter(name: "height", expected: "an integer in 64...8192", got: "\(height)")
    }
    guard scale.isFinite, (0.5...4).contains(scale) else {
      throw PlotError.invalidParameter(name: "scale", expected: "a number in 0.5...4", got: "\(scale)")
    }
    let w = Int((Double(width) * scale).rounded())
    let h = Int((Double(height) * scale).rounded())
    guard w <= 16_384, h <= 16_384 else {
      throw PlotError.invalidParameter(
        name: "scale", expected: "width × scale and height × scale ≤ 16384", got: "\(scale)")
    }
    return (w, h)
  }
}

/// A rendered chart: anything that draws itself at a size in a theme.
public protocol Chart: Sendable {
  /// Draws the chart. Throws `PlotError` for invalid sizes or inputs.
  func render(size: ChartSize, theme: Theme) throws -> Canvas
}

extension Chart {
  /// Renders and encodes as PNG bytes.
  public func png(size: ChartSize = ChartSize(), theme: Theme = .light) throws -> [UInt8] {
    try render(size: size, theme: theme).pngData()
  }

  /// Renders and writes a PNG file.
  public func save(
    to path: String, size: ChartSize = ChartSize(), theme: Theme = .light
  ) throws {
    try render(size: size, theme: theme).writePNG(to: path)
  }
}
