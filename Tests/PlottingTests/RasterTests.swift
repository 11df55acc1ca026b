import Testing

@testable import Plotting

@Suite struct RasterTests {
  @Test func sketch() throws {
    var c = try Canvas(width: 300, height: 200)
    c.stroke([Point(10, 190), Point(100, 20), Point(200, 150), Point(290, 30)], color: RGBA(hex: 0x0072B2), style: StrokeStyle(width: 3))
    c.stroke([Point(10, 100), Point(290, 110)], color: RGBA(hex: 0xD55E00), style: .dashed(1.5))
    c.fill(polygon: [Point(150, 20), Point(190, 100), Point(110, 100)], color: RGBA(hex: 0x009E73).withOpacity(0.5))
    c.draw(text: "Hello 1234.56 -0.5% Jan", at: Point(10, 30), font: Font.sized(12), color: RGBA(hex: 0x000000))
    c.draw(text: "Bold 2024", at: Point(10, 60), font: Font.sized(20, bold: true), color: RGBA(hex: 0x000000))
    c.draw(text: "Rotated", at: Point(280, 100), font: Font.sized(12), color: RGBA(hex: 0x000000), align: .center, rotated: true)
    try c.writePNG(to: "/tmp/sketch.png")
    let png = try decodePNG(try c.pngData())
    #expect(png.width == 300)
  }
}
