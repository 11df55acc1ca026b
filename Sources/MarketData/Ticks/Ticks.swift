/// Trades or quotes of one symbol: parallel columns, time in Int64 nanoseconds (UTC).
///
/// Trade files give `price` and `size`; quote files give `bid` and `ask` (and their sizes),
/// and `price` is then the mid `(bid + ask) / 2` and `size` the sum of the bid and ask sizes
/// that the file has. A missing size is NaN.
public struct Ticks: Sendable, Equatable {
  public var time: [Int64]
  public var price: [Double]
  public var size: [Double]
  /// Present for quote files only.
  public var bid: [Double]?
  public var ask: [Double]?
  public var symbol: String

  public init(
    time: [Int64], price: [Double], size: [Double], bid: [Double]? = nil, ask: [Double]? = nil,
    symbol: String = ""
  ) {
    precondition(
      price.count == time.count && size.count == time.count, "Ticks columns must have equal lengths")
    self.time = time
    self.price = price
    self.size = size
    self.bid = bid
    self.ask = ask
    self.symbol = symbol
  }

  public var count: Int { time.count }

  /// Loads a tick file: a time column (or date and time columns) and either `price`
  /// (+ `size`) or `bid` and `ask` (+ their sizes). Times need not be strictly increasing
  /// (several trades share a millisecond) but must not go backwards unless `sort` is set;
  /// `dedupe` does not apply to ticks.
  public static func load(_ path: String, options: LoadOptions = LoadOptions()) throws(DataError) -> Ticks {
    let file = try FileBytes(path: path)
    return try file.withBytes { (bytes) throws(DataError) in try parse(bytes, name: path, options: options) }
  }

  /// Parses tick text held in memory; `name` stands for the file in messages.
  public static func read(_ text: [UInt8], name: String, options: LoadOptions = LoadOptions())
    throws(DataError) -> Ticks
  {
    let outcome = text.withUnsafeBytes { bytes in
      Result { () throws(DataError) in try parse(bytes, name: name, options: options) }
    }
    return try outcome.get()
  }

  static func parse(_ bytes: UnsafeRawBufferPointer, name: String, options: LoadOptions) throws(DataError)
    -> Ticks
  {
    var zone: TimeZoneRules?
    if let zoneName = options.timeZone { zone = try TimeZoneRules.named(zoneName) }
    let layout = try LayoutDetector(bytes: bytes, file: name, options: options, target: .ticks).detect()
    let quotes = layout.numbers.count == 4
    let rule = TickRule(quotes: quotes, sizeColumns: layout.numbers.map { $0.column != nil })
    var table = try TableParser(
      bytes: bytes, file: name, layout: layout, options: options, zone: zone, rule: rule
    )
    .parse()
    if options.sort {
      _ = TimeOrder.repair(
        time: &table.time, columns: &table.numbers, lines: &table.lines, sort: true, dedupe: false)
    }
    for i in 1..<max(1, table.time.count) where table.time[i] < table.time[i - 1] {
      throw DataError(
        .unsorted, file: name, line: Int(table.lines[i]), column: layout.mapping["time"],
        value: UTCTime.iso(table.time[i]),
        expected:
          "a time not before \(UTCTime.iso(table.time[i - 1])) (line \(table.lines[i - 1])); sort=true reorders"
      )
    }
    let symbol = options.symbol ?? BarLoader.defaultSymbol(name)
    if !quotes {
      return Ticks(time: table.time, price: table.numbers[0], size: table.numbers[1], symbol: symbol)
    }
    let bid = table.numbers[0]
    let ask = table.numbers[1]
    let hasBidSize = layout.numbers[2].column != nil
    let hasAskSize = layout.numbers[3].column != nil
    let mid = Series(count: bid.count) { out in for i in 0..<bid.count { out[i] = (bid[i] + ask[i]) / 2 } }
      .values
    let size = Series(count: bid.count) { out in
      for i in 0..<bid.count {
        switch (hasBidSize, hasAskSize) {
        case (true, true): out[i] = table.numbers[2][i] + table.numbers[3][i]
        case (true, false): out[i] = table.numbers[2][i]
        case (false, true): out[i] = table.numbers[3][i]
        case (false, false): out[i] = .nan
        }
      }
    }.values
    return Ticks(time: table.time, price: mid, size: size, bid: bid, ask: ask, symbol: symbol)
  }
}
