/// A recognised file layout: separator, header, and which column feeds which role.
struct Layout {
  enum TimeSource: Equatable {
    /// One column holds the whole timestamp.
    case single(Int)
    /// A date column and a time-of-day column (MT4/MT5, Stooq).
    case split(date: Int, clock: Int)
  }

  var name: String
  var separator: UInt8
  var hasHeader: Bool
  /// Number of fields every data line must have.
  var fieldCount: Int
  /// Column names: header text, or `#1`, `#2`… without a header.
  var names: [String]
  var time: TimeSource
  /// Number roles in output order with their column (nil: absent, filled with NaN).
  var numbers: [(role: String, column: Int?)]
  /// Accept `,` as the decimal point (only when the separator is not `,`).
  var decimalComma: Bool
  /// Offset of the first data line and its line number.
  var dataStart: Int
  var dataLine: Int

  /// Role → column name, for the report.
  var mapping: [String: String] {
    var result: [String: String] = [:]
    switch time {
    case let .single(column): result["time"] = names[column]
    case let .split(date, clock):
      result["date"] = names[date]
      result["time"] = names[clock]
    }
    for (role, column) in numbers { if let column { result[role] = names[column] } }
    return result
  }
}

/// Column-name vocabulary for automatic mapping. Names are compared after lowercasing and
/// removing spaces, `_`, `-`, `<` and `>` (so `<TICKVOL>`, `tick_volume` and `Tick Volume`
/// agree). The first synonym present wins.
enum ColumnNames {
  static func normalize(_ name: String) -> String {
    String(name.lowercased().unicodeScalars.filter { !" _-<>\"'".unicodeScalars.contains($0) })
  }

  static let time = [
    "datetime", "timestamp", "gmttime", "localtime", "opentime", "time", "date", "", "unnamed:0", "index",
    "dt", "ts", "timeutc", "utc",
  ]
  static let synonyms: [String: [String]] = [
    "open": ["open", "o", "openprice", "first"],
    "high": ["high", "h", "highprice", "max"],
    "low": ["low", "l", "lowprice", "min"],
    "close": ["close", "c", "closeprice", "last"],
    // MT5 writes both <TICKVOL> and <VOL>; for forex and CFDs only the tick volume is filled.
    "volume": ["volume", "tickvol", "tickvolume", "vol", "v", "basevolume", "realvolume"],
    "price": ["price", "last", "tradeprice", "p", "close"],
    "size": ["size", "volume", "qty", "quantity", "amount", "vol", "lastsize", "tradesize"],
    "bid": ["bid", "bidprice", "bestbid"],
    "ask": ["ask", "askprice", "bestask", "offer"],
    "bidsize": ["bidvolume", "bidsize", "bidqty"],
    "asksize": ["askvolume", "asksize", "askqty"],
  ]
}
