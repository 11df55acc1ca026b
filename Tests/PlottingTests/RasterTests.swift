import Foundation
import Testing

@testable import Plotting

let white = RGBA(hex: 0xFFFFFF)
let red = RGBA(hex: 0xFF0000)
let blue = RGBA(hex: 0x0000FF)

/// Decodes the canvas through PNG with the test decoder (so every check also exercises the
/// encoder, zlib and the CRCs).
func roundTrip(_ c: Canvas) throws -> DecodedPNG { try decodePNG(try c.pngData()) }

@Suite struct RasterTests {
  @Test func pngRoundTripIsExactForOpaqueAndTranslucentImages() throws {
    for alpha in [false, true] {
      var c = try Canvas(width: 37, height: 23)
      var rng = SampleData.Random(state: 1)
      for i in stride(from: 0, to: c.pixels.count, by: 4) {
        let x = (i / 4) % 37
        let y = (i / 4) / 37
        // Gradients (favour Sub/Up/Average/Paeth) mixed with noise (favours None).
        c.pixels[i] = UInt8((x * 7) & 0xFF)
        c.pixels[i + 1] = UInt8((y * 11) & 0xFF)
        c.pixels[i + 2] = y % 5 == 0 ? UInt8(rng.next() * 255) : UInt8((x * y) & 0xFF)
        c.pixels[i + 3] = alpha ? UInt8((x + y) * 5 & 0xFF) : 255
      }
      let bytes = try c.pngData()
      let png = try decodePNG(bytes)
      #expect(png.width == 37 && png.height == 23)
      #expect(png.colorType == (alpha ? 6 : 2))
      #expect(png.rgba == c.pixels)
      #expect(png.chunkTypes == ["IHDR", "IDAT", "IEND"])
    }
  }

  @Test func decoderRejectsACorruptedChunk() throws {
    var bytes = try Canvas(width: 8, height: 8).pngData()
    bytes[bytes.count - 20] ^= 0x5A  // inside IDAT
    #expect(throws: PNGDecodeError.self) { try decodePNG(bytes) }
  }

  @Test func canvasRejectsBadSizes() {
    #expect(throws: PlotError.invalidParameter(name: "width", expected: "1...16384", got: "0")) {
      try Canvas(width: 0, height: 10)
    }
    #expect(throws: PlotError.self) { try ChartSize(width: 10, height: 500).pixels() }
    #expect(throws: PlotError.self) { try ChartSize(width: 500, height: 500, scale: .nan).pixels() }
  }

  @Test func thickLinesCarryTheirColourAndStayThin() throws {
    var c = try Canvas(width: 100, height: 100, background: white)
    c.stroke([Point(10, 50.5), Point(90, 50.5)], color: red, style: StrokeStyle(width: 3))
    c.stroke([Point(10, 10), Point(90, 90)], color: blue, style: StrokeStyle(width: 2))
    let png = try roundTrip(c)
    for x in 15..<85 where abs(x - 50) > 8 {
      #expect(png.pixel(x, 50) == (255, 0, 0, 255))
      #expect(png.pixel(x, 49) == (255, 0, 0, 255))
      #expect(png.pixel(x, 51) == (255, 0, 0, 255))
      #expect(png.pixel(x, 47) == (255, 255, 255, 255))
      #expect(png.pixel(x, 53) == (255, 255, 255, 255))
    }
    // On the diagonal the pixel centred on the line is blue; 4 px off it is white.
    for k in 15..<40 {
      let p = png.pixel(k, k)
      #expect(p.b == 255 && p.r < 40 && p.g < 40)
      #expect(png.pixel(k + 4, k) == (255, 255, 255, 255))
    }
  }

  @Test func antiAliasedLineCoverageMatchesItsWidth() throws {
    // A 1-px line at 30°: summed coverage down any interior column is 1/cos(30°).
    var c = try Canvas(width: 200, height: 200, background: white)
    let angle = Double.pi / 6
    c.stroke([Point(0, 20), Point(200, 20 + 200 * tan(angle))], color: RGBA(hex: 0x000000))
    for x in stride(from: 40, to: 160, by: 13) {
      var sum = 0.0
      for y in 0..<200 { sum += Double(255 - Int(c.pixel(x: x, y: y).r)) / 255 }
      #expect(abs(sum - 1 / cos(angle)) < 0.06, "column \(x): \(sum)")
    }
  }

  @Test func fillsCoverTheirAreaWithPartialEdges() throws {
    var c = try Canvas(width: 64, height: 64, background: white)
    c.fill(polygon: [Point(10.5, 10), Point(40, 10), Point(40, 30.25), Point(10.5, 30.25)], color: blue)
    let png = try roundTrip(c)
    for y in 10..<30 {
      for x in 11..<40 { #expect(png.pixel(x, y) == (0, 0, 255, 255)) }
      #expect(png.pixel(41, y) == (255, 255, 255, 255))
      // Half-covered left column: halfway between white and blue.
      #expect(abs(png.pixel(10, y).r - 128) <= 2)
    }
    #expect(abs(png.pixel(20, 30).r - 191) <= 3)  // a quarter covered
    #expect(png.pixel(20, 9) == (255, 255, 255, 255))
  }

  @Test func fillRulesDifferOnNestedOutlines() throws {
    let outer = [Point(0, 0), Point(40, 0), Point(40, 40), Point(0, 40)]
    let inner = [Point(10, 10), Point(30, 10), Point(30, 30), Point(10, 30)]
    var a = try Canvas(width: 40, height: 40, background: white)
    a.fill(polygons: [outer, inner], color: red, rule: .nonZero)
    var b = try Canvas(width: 40, height: 40, background: white)
    b.fill(polygons: [outer, inner], color: red, rule: .evenOdd)
    #expect(a.pixel(x: 20, y: 20) == red)
    #expect(b.pixel(x: 20, y: 20) == white)
    #expect(b.pixel(x: 5, y: 20) == red)
    // A self-intersecting star: the pentagon in the middle is inside only under non-zero.
    let star = (0..<5).map { k -> Point in
      let t = Double(k * 2) * 2 * Double.pi / 5 - Double.pi / 2
      return Point(50 + 45 * cos(t), 50 + 45 * sin(t))
    }
    var nz = try Canvas(width: 100, height: 100, background: white)
    nz.fill(polygon: star, color: red, rule: .nonZero)
    var eo = try Canvas(width: 100, height: 100, background: white)
    eo.fill(polygon: star, color: red, rule: .evenOdd)
    #expect(nz.pixel(x: 50, y: 52) == red)
    #expect(eo.pixel(x: 50, y: 52) == white)
  }

  @Test func alphaBlendsSourceOver() throws {
    var c = try Canvas(width: 4, height: 4, background: white)
    c.fill(Rect(x: 0, y: 0, width: 4, height: 4), color: RGBA(hex: 0x000000).withOpacity(0.5))
    let p = c.pixel(x: 1, y: 1)
    #expect(abs(Int(p.r) - 128) <= 1 && p.a == 255)
    // Over a transparent canvas the result keeps the source colour and its alpha.
    var t = try Canvas(width: 4, height: 4, background: RGBA(r: 0, g: 0, b: 0, a: 0))
    t.fill(Rect(x: 0, y: 0, width: 4, height: 4), color: red.withOpacity(0.5))
    let q = t.pixel(x: 2, y: 2)
    #expect(q.r == 255 && abs(Int(q.a) - 128) <= 1)
  }

  @Test func clippingLimitsEveryOperation() throws {
    var c = try Canvas(width: 50, height: 50, background: white)
    c.withClip(Rect(x: 10, y: 10, width: 20, height: 20)) { c in
      c.fill(Rect(x: 0, y: 0, width: 50, height: 50), color: red)
      c.stroke([Point(0, 40), Point(50, 40)], color: blue, style: StrokeStyle(width: 4))
      c.draw(text: "WWWW", at: Point(0, 45), font: Font.sized(14), color: blue)
    }
    for y in 0..<50 {
      for x in 0..<50 {
        let inside = (10..<30).contains(x) && (10..<30).contains(y)
        #expect(c.pixel(x: x, y: y) == (inside ? red : white))
      }
    }
    // NaN and far-away coordinates draw nothing and do not trap.
    c.stroke([Point(.nan, 1), Point(1e300, -1e300)], color: blue)
    c.fill(polygon: [Point(-1e9, -1e9), Point(.infinity, 0), Point(0, 1)], color: blue)
  }

  @Test func dashesLeaveGaps() throws {
    var c = try Canvas(width: 120, height: 10, background: white)
    c.stroke([Point(0, 5), Point(120, 5)], color: red, style: StrokeStyle(width: 2, dash: [10, 10]))
    var runs = 0
    var inRun = false
    for x in 0..<120 {
      let on = c.pixel(x: x, y: 5).g < 128
      if on && !inRun { runs += 1 }
      inRun = on
    }
    #expect(runs == 6)
    #expect(c.pixel(x: 5, y: 5) == red)
    #expect(c.pixel(x: 15, y: 5) == white)
  }

  @Test func textRendersInsideItsBox() throws {
    var c = try Canvas(width: 200, height: 60, background: white)
    let font = Font.sized(16)
    let box = c.draw(text: "1234.50", at: Point(10, 30), font: font, color: RGBA(hex: 0x000000))
    let png = try roundTrip(c)
    var dark = 0
    var outside = 0
    for y in 0..<60 {
      for x in 0..<200 where png.pixel(x, y).r < 100 {
        if Double(x) >= box.minX - 1 && Double(x) <= box.maxX + 1 && Double(y) >= box.minY && Double(y) <= box.maxY {
          dark += 1
        } else {
          outside += 1
        }
      }
    }
    #expect(dark > 60)
    #expect(outside == 0)
    // Glyphs are crisp: plenty of fully dark pixels, not a blur.
    let solid = (0..<60).flatMap { y in (0..<200).map { png.pixel($0, y).r } }.filter { $0 < 20 }.count
    #expect(solid > 30)
  }

  @Test func fontsCoverEverySizeWithTabularDigits() {
    #expect(Font.availableSizes.count >= 2)
    for size in Font.availableSizes {
      for bold in [false, true] {
        let f = Font.sized(Double(size), bold: bold)
        #expect(f.pixelSize == size)
        #expect(f.ascent > 0 && f.descent > 0)
        for code in 33..<127 { #expect(f.ascii[code] != nil, "size \(size) char \(code)") }
        let widths = Set("0123456789".map { f.measure(String($0)) })
        #expect(widths.count == 1)
        #expect(f.measure("−") > 0 && f.measure("·") > 0)
      }
    }
    #expect(Font.sized(24).measure("Price") > Font.sized(12).measure("Price") * 1.7)
  }

  @Test func rotatedTextRunsUpwards() throws {
    var c = try Canvas(width: 40, height: 120, background: white)
    let box = c.draw(text: "Volume", at: Point(20, 60), font: Font.sized(14), color: RGBA(hex: 0x000000),
                     align: .center, baseline: .middle, rotated: true)
    #expect(box.height > box.width)
    var ys: [Int] = []
    var xs: [Int] = []
    for y in 0..<120 {
      for x in 0..<40 where c.pixel(x: x, y: y).r < 128 {
        ys.append(y)
        xs.append(x)
      }
    }
    #expect((ys.max() ?? 0) - (ys.min() ?? 0) > 35)
    #expect((xs.max() ?? 0) - (xs.min() ?? 0) < 16)
  }
}
