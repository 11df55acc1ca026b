import Foundation
import Testing

@testable import MarketData

/// The row fast path and the parallel runs must be invisible: every input gives the same
/// bars, report or error as the general path reading the whole file in one run.
@Suite struct FastPathTests {
  static func options(fast: Bool, runs: Int) -> LoadOptions {
    var options = LoadOptions()
    options.fastPath = fast
    options.runs = runs
    return options
  }

  /// The load's outcome as one comparable value.
  static func outcome(_ bytes: [UInt8], _ options: LoadOptions) -> Result<LoadResult, DataError> {
    Result { () throws(DataError) in try BarLoader.read(bytes, name: "fast.csv", options: options) }
  }

  /// Equal times and bit-identical numbers (NaN included), symbol and timeframe.
  static func identical(_ a: Bars, _ b: Bars) -> Bool {
    func bits(_ column: [Double]) -> [UInt64] { column.map(\.bitPattern) }
    return a.time == b.time && bits(a.open) == bits(b.open) && bits(a.high) == bits(b.high)
      && bits(a.low) == bits(b.low) && bits(a.close) == bits(b.close) && bits(a.volume) == bits(b.volume)
      && a.symbol == b.symbol && a.timeframe == b.timeframe
  }

  func expectSame(_ bytes: [UInt8], base: LoadOptions = LoadOptions(), _ note: String = "") {
    var general = base
    general.fastPath = false
    general.runs = 1
    let expected = Self.outcome(bytes, general)
    for (fast, runs) in [(true, 1), (true, 2), (true, 3), (false, 2)] {
      var options = base
      options.fastPath = fast
      options.runs = runs
      let got = Self.outcome(bytes, options)
      switch (expected, got) {
      case let (.success(a), .success(b)):
        #expect(Self.identical(a.bars, b.bars), "fast \(fast) runs \(runs) \(note)")
        #expect(a.report == b.report, "fast \(fast) runs \(runs) \(note)")
      case let (.failure(a), .failure(b)):
        #expect(a == b, "fast \(fast) runs \(runs) \(note)")
      default:
        Issue.record("fast \(fast) runs \(runs) \(note): \(expected) vs \(got)")
      }
    }
  }

  /// Rows in the shapes files have: plain decimals, integers, long and short fractions,
  /// exponents, big integer parts, negative numbers, times with and without `Z`.
  static func text(rows: Int, seed: UInt64, lineEnd: String = "\n") -> String {
    var random = RandomSource(seed: seed)
    var text = "time,open,high,low,close,volume" + lineEnd
    var time = SyntheticBars.defaultStart
    for _ in 0..<rows {
      time += Int64(1 + random.next() % 3) * 60_000_000_000
      let scale = [1e-3, 1, 100, 1e6, 1e11, 1e15][Int(random.next() % 6)]
      let low = random.uniform() * scale + 1e-6
      let high = low + random.uniform() * scale
      let open = low + (high - low) * random.uniform()
      let close = low + (high - low) * random.uniform()
      let stamp = UTCTime.iso(time)
      let when = random.next() % 3 == 0 ? String(stamp.dropLast()) : stamp
      func number(_ value: Double) -> String {
        switch random.next() % 5 {
        case 0: return String(format: "%.5f", value)
        case 1: return String(format: "%.2e", value)
        case 2: return String(format: "%.0f", value)
        default: return "\(value)"
        }
      }
      // Formatting may round high below open; keep the row valid by widening.
      let o = number(open), c = number(close)
      let h = String(format: "%.17g", max(high, Double(o) ?? high, Double(c) ?? high) * 1.001)
      let l = String(format: "%.17g", min(low, Double(o) ?? low, Double(c) ?? low) * 0.999)
      let volume = random.next() % 4 == 0 ? "-0" : String(random.next() % 100_000)
      text += "\(when),\(o),\(h),\(l),\(c),\(volume)" + lineEnd
    }
    return text
  }

  @Test func plainAndUnusualShapesGiveTheSameBars() throws {
    for seed in 1...4 as ClosedRange<UInt64> {
      let text = Self.text(rows: 3_000, seed: seed)
      let bars = try #require(try? Fixture.bars(text).bars)
      #expect(bars.count == 3_000)
      expectSame(Array(text.utf8), "seed \(seed)")
      expectSame(Array(Self.text(rows: 500, seed: seed, lineEnd: "\r\n").utf8), "crlf \(seed)")
    }
  }

  @Test func noTrailingNewlineAndBlankLines() {
    var text = Self.text(rows: 400, seed: 9)
    text.removeLast()
    expectSame(Array(text.utf8), "no trailing newline")
    expectSame(Array((text + "\r").utf8), "trailing carriage return")
    let blank = text.replacingOccurrences(of: "\n2024-01-01T01", with: "\n\n  \n2024-01-01T01")
    expectSame(Array(blank.utf8), "blank lines")
  }

  @Test func quotedPaddedAndExtraColumns() {
    let rows = Self.text(rows: 300, seed: 11).split(separator: "\n").map(String.init)
    var quoted = ["\"note\"," + rows[0]]
    for (i, row) in rows.dropFirst().enumerated() {
      let note = i % 3 == 0 ? "\"a,b \"\"c\"\"\"" : i % 3 == 1 ? "plain" : "ünïcode"
      quoted.append(note + "," + row)
    }
    expectSame(Array(quoted.joined(separator: "\n").utf8), "quoted note column")
    let padded = rows.enumerated().map { i, row in i % 7 == 3 ? row.replacingOccurrences(of: ",", with: " , ") : row }
    expectSame(Array(padded.joined(separator: "\n").utf8), "padded fields")
    let quotedNumbers = rows.enumerated().map { i, row in
      i % 5 == 2 ? row.split(separator: ",").map { "\"\($0)\"" }.joined(separator: ",") : row
    }
    expectSame(Array(quotedNumbers.joined(separator: "\n").utf8), "quoted numbers")
  }

  @Test func mutatedFilesGiveTheSameOutcome() {
    var random = RandomSource(seed: 31)
    let base = Array(Self.text(rows: 120, seed: 5).utf8)
    let alphabet = Array("0123456789.,;:\t\n\r\"-+eE TZ/abcNaN".utf8) + [0x00, 0xFF, 0xC3]
    let deadline = Date().addingTimeInterval(6)
    var iterations = 0
    while iterations < 1_500 && Date() < deadline {
      iterations += 1
      var bytes = base
      for _ in 0..<(1 + Int(random.next() % 3)) {
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 4 {
        case 0: bytes[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
        case 1: bytes.remove(at: at)
        case 2: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
        default: bytes.removeSubrange(at..<min(bytes.count, at + Int(random.next() % 30)))
        }
      }
      let options = LoadOptions(
        sort: random.next() % 3 == 0, dedupe: random.next() % 3 == 0, dropInvalid: random.next() % 3 == 0)
      expectSame(bytes, base: options, "iteration \(iterations)")
    }
    #expect(iterations > 50)
  }

  @Test func otherLayoutsGiveTheSameOutcome() throws {
    for name in LoaderFuzzTests.seeds {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixture.path(name))))
      expectSame(bytes, name)
    }
  }

  @Test func firstErrorInFileOrderWins() {
    var lines = Self.text(rows: 600, seed: 3).split(separator: "\n").map(String.init)
    // A number error early, an encoding error and a field-count error later: whatever the
    // runs, the earliest line is reported.
    lines[100] = lines[100].replacingOccurrences(of: ",", with: ",x", options: [], range: nil)
    lines[450] += ",extra"
    var bytes = Array(lines.joined(separator: "\n").utf8)
    var newlines = 0
    var offset = 0
    while newlines < 520 {
      if bytes[offset] == 0x0A { newlines += 1 }
      offset += 1
    }
    bytes[offset + 2] = 0xFF
    for runs in [1, 2, 3, 5] {
      let result = Self.outcome(bytes, Self.options(fast: true, runs: runs))
      guard case let .failure(error) = result else {
        Issue.record("expected an error with \(runs) runs")
        continue
      }
      #expect(error.line == 101, "runs \(runs)")
      #expect(error.kind == .number, "runs \(runs)")
    }
    expectSame(bytes)
  }

  @Test func encodingErrorAfterGoodLinesNamesItsLineAndCharacter() {
    var bytes = Array(Self.text(rows: 200, seed: 4).utf8)
    var newlines = 0
    var offset = 0
    while newlines < 150 {
      if bytes[offset] == 0x0A { newlines += 1 }
      offset += 1
    }
    bytes[offset + 5] = 0xC3
    for runs in [1, 2, 4] {
      guard case let .failure(error) = Self.outcome(bytes, Self.options(fast: true, runs: runs)) else {
        Issue.record("expected an error")
        continue
      }
      #expect(error.kind == .encoding)
      #expect(error.line == 151)
      #expect(error.expected.contains("character 6"))
    }
  }

  @Test func chunkBorderInsideAQuotedField() throws {
    // Every row starts with a long quoted note; the row holding the middle of the file gets
    // a line break inside its note, right where the two runs are split.
    let rows = Self.text(rows: 200, seed: 13).split(separator: "\n").map(String.init)
    let note = "\"" + String(repeating: "n", count: 300) + "\""
    var lines = ["note," + rows[0]] + rows.dropFirst().map { note + "," + $0 }
    let headerLength = lines[0].utf8.count + 1
    let middle = headerLength + (lines.joined(separator: "\n").utf8.count - headerLength) / 2
    var offset = 0
    var row = 0
    while offset + lines[row].utf8.count + 1 <= middle {
      offset += lines[row].utf8.count + 1
      row += 1
    }
    let inRow = middle - offset
    try #require(inRow >= 1 && inRow < 300)
    var chars = Array(lines[row])
    chars[inRow + 1] = "\n"
    lines[row] = String(chars)
    let bytes = Array(lines.joined(separator: "\n").utf8)
    guard case let .failure(error) = Self.outcome(bytes, Self.options(fast: true, runs: 2)) else {
      Issue.record("expected an unclosed quote")
      return
    }
    #expect(error.line == row + 1)
    #expect(error.kind == .fieldCount)
    #expect(error.value == "an unclosed quote")
    expectSame(bytes)
  }
}
