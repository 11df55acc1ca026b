/// Writes bars as CSV (`time,open,high,low,close,volume`, times ISO-8601 UTC, numbers in
/// the shortest form that reads back to the same double) or, for paths ending in
/// `.crsbars`, in the binary format. A volume column that is entirely NaN (a file without
/// volume) is left out; the loader then fills NaN again.
public enum BarWriter {
  public static func save(_ bars: Bars, to path: String) throws(DataError) {
    if path.hasSuffix(".crsbars") {
      try BarCache.write(bars, to: path)
      return
    }
    let text = csv(bars)
    try write(Array(text.utf8), to: path)
  }

  /// The CSV text of `bars`.
  public static func csv(_ bars: Bars) -> String {
    let hasVolume = bars.volume.contains { !$0.isNaN }
    var text = hasVolume ? "time,open,high,low,close,volume\n" : "time,open,high,low,close\n"
    text.reserveCapacity(bars.count * 80)
    for i in 0..<bars.count {
      text += UTCTime.iso(bars.time[i])
      for value in [bars.open[i], bars.high[i], bars.low[i], bars.close[i]] {
        text += ","
        text += number(value)
      }
      if hasVolume {
        text += ","
        text += number(bars.volume[i])
      }
      text += "\n"
    }
    return text
  }

  /// Shortest round-trip text; integral values without `.0`.
  static func number(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  static func write(_ bytes: [UInt8], to path: String) throws(DataError) {
    let temporary = path + ".tmp"
    guard FileOutput.write(bytes, to: temporary), FileOutput.rename(temporary, to: path) else {
      FileOutput.remove(temporary)
      throw DataError(.io, file: path, expected: "a writable location")
    }
  }
}

extension BarCache {
  /// Reads a text file with `options` and writes its bars in the binary format to
  /// `destination` (default: the source path with `.crsbars` appended). Returns what the
  /// load found.
  @discardableResult
  public static func convert(
    _ source: String, to destination: String? = nil, options: LoadOptions = LoadOptions()
  ) throws(DataError) -> LoadReport {
    var textOptions = options
    textOptions.cache = false
    let result = try BarLoader.load(source, options: textOptions)
    try write(result.bars, to: destination ?? source + ".crsbars")
    return result.report
  }
}
