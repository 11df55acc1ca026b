/// Colours of a chart. `light` and `dark` are built in; every field can be changed.
///
/// The series palette is Okabe–Ito (Okabe & Ito, "Color Universal Design", 2008), which stays
/// distinguishable under the common forms of colour blindness. Up/down and profit/loss use
/// blue/orange-red pairs from the same palette rather than pure green/red for the same reason.
public struct Theme: Sendable, Equatable {
  public var background: RGBA
  public var paneBackground: RGBA
  public var text: RGBA
  public var mutedText: RGBA
  public var grid: RGBA
  public var axis: RGBA
  public var up: RGBA
  public var down: RGBA
  public var profit: RGBA
  public var loss: RGBA
  public var neutral: RGBA
  public var volumeUp: RGBA
  public var volumeDown: RGBA
  public var band: RGBA
  public var palette: [RGBA]

  /// The Okabe–Ito palette without black: orange, sky blue, bluish green, yellow, blue,
  /// vermillion, reddish purple.
  public static let okabeIto: [RGBA] = [
    RGBA(hex: 0xE69F00), RGBA(hex: 0x56B4E9), RGBA(hex: 0x009E73), RGBA(hex: 0xF0E442),
    RGBA(hex: 0x0072B2), RGBA(hex: 0xD55E00), RGBA(hex: 0xCC79A7),
  ]

  public static let light = Theme(
    background: RGBA(hex: 0xFFFFFF), paneBackground: RGBA(hex: 0xFFFFFF),
    text: RGBA(hex: 0x1F2328), mutedText: RGBA(hex: 0x5A6270),
    grid: RGBA(hex: 0xE6E8EC), axis: RGBA(hex: 0xA4AAB3),
    up: RGBA(hex: 0x0F8A6C), down: RGBA(hex: 0xD55E00),
    profit: RGBA(hex: 0x0072B2), loss: RGBA(hex: 0xD55E00), neutral: RGBA(hex: 0x7A7F87),
    volumeUp: RGBA(hex: 0x0F8A6C).withOpacity(0.45),
    volumeDown: RGBA(hex: 0xD55E00).withOpacity(0.45),
    band: RGBA(hex: 0x56B4E9).withOpacity(0.12),
    palette: [
      RGBA(hex: 0x0072B2), RGBA(hex: 0xE69F00), RGBA(hex: 0xCC79A7), RGBA(hex: 0x009E73),
      RGBA(hex: 0x56B4E9), RGBA(hex: 0xD55E00), RGBA(hex: 0xB8A100),
    ])

  public static let dark = Theme(
    background: RGBA(hex: 0x131722), paneBackground: RGBA(hex: 0x131722),
    text: RGBA(hex: 0xD1D4DC), mutedText: RGBA(hex: 0x8A909C),
    grid: RGBA(hex: 0x232835), axis: RGBA(hex: 0x4A5160),
    up: RGBA(hex: 0x26A69A), down: RGBA(hex: 0xEF7D3C),
    profit: RGBA(hex: 0x56B4E9), loss: RGBA(hex: 0xEF7D3C), neutral: RGBA(hex: 0x8A909C),
    volumeUp: RGBA(hex: 0x26A69A).withOpacity(0.45),
    volumeDown: RGBA(hex: 0xEF7D3C).withOpacity(0.45),
    band: RGBA(hex: 0x56B4E9).withOpacity(0.12),
    palette: [
      RGBA(hex: 0x56B4E9), RGBA(hex: 0xE69F00), RGBA(hex: 0xCC79A7), RGBA(hex: 0x009E73),
      RGBA(hex: 0xF0E442), RGBA(hex: 0xD55E00), RGBA(hex: 0x0072B2),
    ])

  /// The palette colour for series number `index` (wrapping).
  public func series(_ index: Int) -> RGBA {
    palette.isEmpty ? text : palette[((index % palette.count) + palette.count) % palette.count]
  }
}
