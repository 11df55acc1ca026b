/// The one error type for bad market data: unreadable files, layouts that cannot be
/// recognised, values that do not parse, and rows that break the validation rules.
///
/// Each error names the file and, where it applies, the 1-based line, the column and the
/// offending value, so a user can open the file and find it. The CLI maps it to exit code 3.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable, CaseIterable {
    /// The file could not be opened or read.
    case io
    /// The file holds no data rows (empty, blank, or a header only).
    case empty
    /// The layout could not be recognised, or a requested column is missing.
    case layout
    /// A line has fewer or more fields than the header (or the first data row).
    case fieldCount
    /// A field that must hold a number does not.
    case number
    /// A field that must hold a timestamp does not.
    case time
    /// The bytes are not UTF-8.
    case encoding
    /// A line is longer than the loader accepts.
    case lineTooLong
    /// A timestamp is not after the previous one.
    case unsorted
    /// A timestamp equals the previous one.
    case duplicate
    /// A price is NaN or infinite.
    case nonFinite
    /// high < max(open, close) or low > min(open, close) or high < low.
    case ohlc
    /// Volume is negative.
    case volume
    /// A time zone name is unknown or its rules cannot be read, or a local time does not exist.
    case timeZone
    /// A binary cache file is damaged, of another version, or does not match its source.
    case cache
    /// An option has a value the loader cannot use.
    case option
  }

  public var kind: Kind
  public var file: String
  /// 1-based line in the file; nil when the error is not about one line.
  public var line: Int?
  /// Column name as the file spells it (or `#n`, 1-based, when there is no header).
  public var column: String?
  /// The offending text or value, shortened to 80 characters.
  public var value: String?
  /// What was expected, as a phrase: "a number", "a time after 2024-01-02T00:00:00Z".
  public var expected: String

  public init(
    _ kind: Kind, file: String, line: Int? = nil, column: String? = nil, value: String? = nil,
    expected: String
  ) {
    self.kind = kind
    self.file = file
    self.line = line
    self.column = column
    self.value = value.map(DataError.shorten)
    self.expected = expected
  }

  /// `prices.csv:42: column 'high': expected a number, got '1.2x'`.
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": "
    if let column { text += "column '\(column)': " }
    text += "expected \(expected)"
    if let value { text += ", got '\(value)'" }
    return text
  }

  static func shorten(_ text: String) -> String {
    guard text.count > 80 else { return text }
    return String(text.prefix(77)) + "..."
  }

  /// Printable text of raw field bytes: invalid UTF-8 and control bytes appear as `\xNN`.
  static func printable(_ bytes: UnsafeRawBufferPointer) -> String {
    let limit = min(bytes.count, 120)
    var scalars = String.UnicodeScalarView()
    var text = ""
    var index = 0
    while index < limit {
      let byte = bytes[index]
      if byte >= 0x20 && byte < 0x7F {
        scalars.append(Unicode.Scalar(byte))
      } else if byte >= 0x80, let (scalar, length) = UTF8Check.decode(bytes, at: index) {
        scalars.append(scalar)
        index += length
        continue
      } else {
        scalars.append(contentsOf: "\\x".unicodeScalars)
        let hex = String(byte, radix: 16, uppercase: true)
        scalars.append(contentsOf: (hex.count == 1 ? "0" + hex : hex).unicodeScalars)
      }
      index += 1
    }
    text = String(scalars)
    return bytes.count > limit ? text + "..." : text
  }
}
