import Foundation

/// An sRGB colour with straight (not premultiplied) alpha, 8 bits per channel.
public struct RGBA: Sendable, Hashable, CustomStringConvertible {
  public var r: UInt8
  public var g: UInt8
  public var b: UInt8
  public var a: UInt8

  public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
    self.r = r
    self.g = g
    self.b = b
    self.a = a
  }

  /// `0xRRGGBB`, opaque.
  public init(hex: UInt32) {
    self.init(
      r: UInt8((hex >> 16) & 0xFF), g: UInt8((hex >> 8) & 0xFF), b: UInt8(hex & 0xFF), a: 255)
  }

  /// Parses `#rgb`, `#rrggbb` or `#rrggbbaa` (the `#` is optional); nil if malformed.
  public init?(css text: String) {
    var digits = Substring(text)
    if digits.first == "#" { digits = digits.dropFirst() }
    guard let value = UInt32(digits, radix: 16) else { return nil }
    switch digits.count {
    case 3:
      let r = UInt8((value >> 8) & 0xF) * 17
      let g = UInt8((value >> 4) & 0xF) * 17
      self.init(r: r, g: g, b: UInt8(value & 0xF) * 17)
    case 6: self.init(hex: value)
    case 8:
      self.init(
        r: UInt8(value >> 24), g: UInt8((value >> 16) & 0xFF), b: UInt8((value >> 8) & 0xFF),
        a: UInt8(value & 0xFF))
    default: return nil
    }
  }

  /// The same colour with its alpha multiplied by `opacity` (clamped to 0...1).
  public func withOpacity(_ opacity: Double) -> RGBA {
    let o = opacity.isNaN ? 0 : min(max(opacity, 0), 1)
    return RGBA(r: r, g: g, b: b, a: UInt8((Double(a) * o).rounded()))
  }

  /// Linear interpolation in sRGB between `self` (t = 0) and `other` (t = 1).
  public func mixed(with other: RGBA, _ t: Double) -> RGBA {
    let u = t.isNaN ? 0 : min(max(t, 0), 1)
    func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8((Double(x) + (Double(y) - Double(x)) * u).rounded())
    }
    return RGBA(r: mix(r, other.r), g: mix(g, other.g), b: mix(b, other.b), a: mix(a, other.a))
  }

  /// Relative luminance (0 black … 1 white), for choosing legible text on a fill.
  public var luminance: Double {
    func lin(_ c: UInt8) -> Double {
      let s = Double(c) / 255
      return s <= 0.040_45 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }

  public var description: String {
    func h(_ v: UInt8) -> String {
      let s = String(v, radix: 16)
      return s.count == 1 ? "0" + s : s
    }
    return "#" + h(r) + h(g) + h(b) + (a == 255 ? "" : h(a))
  }
}
