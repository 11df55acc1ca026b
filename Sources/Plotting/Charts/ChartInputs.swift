/// OHLCV columns for price charts. Times are UTC nanoseconds and must strictly increase;
/// prices may be NaN (that bar is not drawn). `volume` is empty or one value per bar.
public struct CandleData: Sendable {
  public let time: [Int64]
  public let open: [Double]
  public let high: [Double]
  public let low: [Double]
  public let close: [Double]
  public let volume: [Double]

  public init(
    time: [Int64], open: [Double], high: [Double], low: [Double], close: [Double],
    volume: [Double] = []
  ) throws {
    let n = time.count
    guard n >= 1 else { throw PlotError.tooFew(name: "time", minimum: 1, got: 0) }
    for (name, column) in [("open", open), ("high", high), ("low", low), ("close", close)]
    where column.count != n {
      throw PlotError.lengthMismatch(name: name, expected: n, got: column.count)
    }
    guard volume.isEmpty || volume.count == n else {
      throw PlotError.lengthMismatch(name: "volume", expected: n, got: volume.count)
    }
    for i in 1..<max(1, n) where time[i] <= time[i - 1] {
      throw PlotError.unorderedTimes(name: "time", index: i)
    }
    self.time = time
    self.open = open
    self.high = high
    self.low = low
    self.close = close
    self.volume = volume
  }

  public var count: Int { time.count }
}

/// A series drawn over the price or in an indicator pane, one value per bar (NaN = gap).
public struct Overlay: Sendable {
  public enum Kind: Sendable {
    /// A line (decimated to a min/max envelope per pixel column when bars outnumber pixels).
    case line
    /// Columns from zero, coloured by sign (MACD histogram).
    case histogram
    /// Dots at each finite value (Parabolic SAR, signals).
    case dots
  }
  public var name: String
  public var values: [Double]
  public var kind: Kind
  /// nil picks the next palette colour.
  public var color: RGBA?
  public var style: StrokeStyle

  public init(
    name: String, values: [Double], kind: Kind = .line, color: RGBA? = nil,
    style: StrokeStyle = StrokeStyle(width: 1.5)
  ) {
    self.name = name
    self.values = values
    self.kind = kind
    self.color = color
    self.style = style
  }
}

/// A horizontal reference line in a pane, optionally with a shaded band to a second value
/// (RSI's 30–70 band).
public struct ReferenceLine: Sendable {
  public var value: Double
  public var bandTo: Double?
  public var label: String?
  public init(value: Double, bandTo: Double? = nil, label: String? = nil) {
    self.value = value
    self.bandTo = bandTo
    self.label = label
  }
}

/// A separate pane under the price sharing its x axis.
public struct IndicatorPane: Sendable {
  public var title: String
  public var series: [Overlay]
  public var references: [ReferenceLine]
  /// A fixed value range (e.g. 0...100 for RSI); nil fits the data.
  public var range: ClosedRange<Double>?
  /// Height relative to the price pane (which is 1).
  public var heightRatio: Double

  public init(
    title: String, series: [Overlay], references: [ReferenceLine] = [],
    range: ClosedRange<Double>? = nil, heightRatio: Double = 0.3
  ) {
    self.title = title
    self.series = series
    self.references = references
    self.range = range
    self.heightRatio = heightRatio
  }

  /// RSI in 0…100 with dashed 30 and 70 lines and the band between them shaded.
  public static func rsi(_ values: [Double], period: Int = 14, color: RGBA? = nil) -> IndicatorPane {
    IndicatorPane(
      title: "RSI \(period)",
      series: [Overlay(name: "RSI \(period)", values: values, color: color)],
      references: [ReferenceLine(value: 30, bandTo: 70), ReferenceLine(value: 70)],
      range: 0...100)
  }
}

/// Whether a trade (or the marker of one) made money.
public enum Outcome: Sendable { case win, loss, breakEven, open }

/// A point marker on the price pane at bar `index`.
public struct Marker: Sendable {
  public enum Kind: Sendable {
    /// Triangle pointing up under the price.
    case longEntry
    /// Triangle pointing down over the price.
    case shortEntry
    /// A cross-like exit mark at the price.
    case exit
    /// A small circle.
    case point
  }
  public var index: Int
  public var price: Double
  public var kind: Kind
  public var outcome: Outcome
  public var label: String?

  public init(index: Int, price: Double, kind: Kind, outcome: Outcome = .open, label: String? = nil) {
    self.index = index
    self.price = price
    self.kind = kind
    self.outcome = outcome
    self.label = label
  }
}

/// One round trip: draws the entry triangle, the exit mark, and a dotted line between them,
/// all coloured by outcome (from the sign of `pnl`).
public struct TradeMark: Sendable {
  public var entryIndex: Int
  public var entryPrice: Double
  public var exitIndex: Int?
  public var exitPrice: Double?
  public var isLong: Bool
  public var pnl: Double
  /// Optional stop and target levels drawn from entry to exit.
  public var stop: Double?
  public var target: Double?

  public init(
    entryIndex: Int, entryPrice: Double, exitIndex: Int? = nil, exitPrice: Double? = nil,
    isLong: Bool = true, pnl: Double = 0, stop: Double? = nil, target: Double? = nil
  ) {
    self.entryIndex = entryIndex
    self.entryPrice = entryPrice
    self.exitIndex = exitIndex
    self.exitPrice = exitPrice
    self.isLong = isLong
    self.pnl = pnl
    self.stop = stop
    self.target = target
  }

  var outcome: Outcome {
    exitIndex == nil ? .open : (pnl > 0 ? .win : (pnl < 0 ? .loss : .breakEven))
  }
}

/// A horizontal level over a bar range on the price pane (stop, target, entry).
public struct PriceLevel: Sendable {
  public enum Kind: Sendable { case stop, target, entry, other }
  public var startIndex: Int
  public var endIndex: Int
  public var price: Double
  public var kind: Kind
  public var label: String?

  public init(startIndex: Int, endIndex: Int, price: Double, kind: Kind, label: String? = nil) {
    self.startIndex = startIndex
    self.endIndex = endIndex
    self.price = price
    self.kind = kind
    self.label = label
  }
}
