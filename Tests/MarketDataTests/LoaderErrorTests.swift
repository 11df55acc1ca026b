import Foundation
import Testing

@testable import MarketData

/// Each malformed input is a typed error naming the line (and column and value where one
/// field is at fault).
@Suite struct LoaderErrorTests {
  static let header = "time,open,high,low,close,volume\n"
  static let good = "2024-01-02,1,2,0.5,1.5,10\n"

  func error(_ text: String, options: LoadOptions = LoadOptions()) -> DataError? {
    do {
      _ = try Fixture.bars(text, options: options)
      return nil
    } catch {
      return error
    }
  }

  @Test func textInNumberColumn() throws {
    let e = try #require(error(Self.header + Self.good + "2024-01-03,1,2,0.5,abc,10\n"))
    #expect(e.kind == .number)
    #expect(e.line == 3)
    #expect(e.column == "close")
    #expect(e.value == "abc")
    #expect(e.description == "test.csv:3: column 'close': expected a number, got 'abc'")
  }

  @Test func highBelowLow() throws {
    let e = try #require(error(Self.header + Self.good + "2024-01-03,1,0.4,0.5,0.45,10\n"))
    #expect(e.kind == .ohlc)
    #expect(e.line == 3)
    #expect(e.column == "high")
    #expect(e.value == "0.4")
  }

  @Test func highBelowOpenAndLowAboveClose() throws {
    let high = try #require(error(Self.header + "2024-01-02,1.8,1.7,0.5,1.5,10\n"))
    #expect(high.kind == .ohlc && high.column == "high" && high.line == 2)
    let low = try #require(error(Self.header + "2024-01-02,1,2,1.2,1.5,10\n"))
    #expect(low.kind == .ohlc && low.column == "low" && low.value == "1.2")
  }

  @Test func nonFinitePriceAndNegativeVolume() throws {
    let nan = try #require(error(Self.header + "2024-01-02,1,NaN,0.5,1.5,10\n"))
    #expect(nan.kind == .nonFinite && nan.column == "high")
    let volume = try #require(error(Self.header + Self.good + "2024-01-03,1,2,0.5,1.5,-3\n"))
    #expect(volume.kind == .volume && volume.line == 3 && volume.value == "-3")
  }

  @Test func truncatedLine() throws {
    let e = try #require(error(Self.header + Self.good + "2024-01-03,1,2"))
    #expect(e.kind == .fieldCount)
    #expect(e.line == 3)
    #expect(e.value == "3 fields")
    let unclosed = try #require(error(Self.header + Self.good + "\"2024-01-03,1,2,0.5,1.5,10\n"))
    #expect(unclosed.kind == .fieldCount && unclosed.line == 3)
  }

  @Test func duplicateTimestamps() throws {
    let text =
      Self.header + Self.good
      + "2024-01-03,1,2,0.5,1.5,10\n2024-01-03,1,2,0.5,1.4,10\n2024-01-04,1,2,0.5,1.5,10\n"
    let e = try #require(error(text))
    #expect(e.kind == .duplicate)
    #expect(e.line == 4)
    #expect(e.value == "2024-01-03T00:00:00Z")
    let repaired = try Fixture.bars(text, options: LoadOptions(dedupe: true))
    #expect(repaired.report.duplicatesRemoved == 1)
    #expect(repaired.bars.count == 3)
    #expect(repaired.bars.close == [1.5, 1.5, 1.5])  // the first of the duplicates is kept
  }

  @Test func unsortedTimestamps() throws {
    let text = Self.header + "2024-01-03,1,2,0.5,1.3,10\n" + Self.good + "2024-01-04,1,2,0.5,1.4,10\n"
    let e = try #require(error(text))
    #expect(e.kind == .unsorted)
    #expect(e.line == 3)
    let repaired = try Fixture.bars(text, options: LoadOptions(sort: true))
    #expect(repaired.report.rowsSorted == 2)
    #expect(repaired.bars.close == [1.5, 1.3, 1.4])
    #expect(TimeOrder.isNonDecreasing(repaired.bars.time))
  }

  @Test func sortThenDuplicateStillNamesItsLine() throws {
    let text = Self.header + "2024-01-03,1,2,0.5,1.3,10\n" + Self.good + Self.good
    let e = try #require(error(text, options: LoadOptions(sort: true)))
    #expect(e.kind == .duplicate)
    #expect(e.line == 4)
  }

  @Test func emptyFileAndBlankFile() throws {
    #expect(error("")?.kind == .empty)
    #expect(error("\n  \n\n")?.kind == .empty)
  }

  @Test func headerOnly() throws {
    let e = try #require(error(Self.header))
    #expect(e.kind == .empty)
    #expect(e.line == 1)
    #expect(e.description.contains("header only"))
  }

  @Test func wrongSeparator() throws {
    let forced = try #require(error(Self.header + Self.good, options: LoadOptions(separator: ";")))
    #expect(forced.kind == .layout)
    #expect(forced.line == 1)
    #expect(forced.value == "1 field")
    let pipes = try #require(error("time|open|high|low|close\n2024-01-02|1|2|0.5|1.5\n"))
    #expect(pipes.kind == .layout && pipes.line == 1)
  }

  @Test func nonUTF8Bytes() throws {
    var bytes = Array((Self.header + Self.good).utf8)
    bytes += Array("2024-01-03,1,2,0.5,1.5,".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
    do {
      _ = try BarLoader.read(bytes, name: "latin.csv")
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .encoding)
      #expect(error.line == 3)
      #expect(error.value?.hasPrefix("\\xFF") == true)
    }
  }

  @Test func tenMegabyteLine() throws {
    let long = String(repeating: "9", count: 10 * 1024 * 1024)
    let e = try #require(error(Self.header + Self.good + "2024-01-03,1,2,0.5,1.5," + long + "\n"))
    #expect(e.kind == .lineTooLong)
    #expect(e.line == 3)
    let first = try #require(error(long + "\n" + Self.good))
    #expect(first.kind == .lineTooLong && first.line == 1)
  }

  @Test func badTimestampNamesTheColumn() throws {
    let e = try #require(
      error(Self.header + "2024-13-02,1,2,0.5,1.5,10\n" + Self.good, options: LoadOptions(header: true)))
    #expect(e.kind == .time && e.line == 2 && e.column == "time" && e.value == "2024-13-02")
  }

  @Test func dropInvalidCountsWhatItRemoves() throws {
    let text =
      Self.header + Self.good + "2024-01-03,1,0.4,0.5,0.45,10\n2024-01-04,1,2\n2024-01-05,x,2,0.5,1,1\n"
      + "2024-01-06,1,2,0.5,1.5,10\n"
    let result = try Fixture.bars(text, options: LoadOptions(dropInvalid: true))
    #expect(result.report.invalidDropped == 3)
    #expect(result.report.rowsRead == 5)
    #expect(result.bars.time == [Fixture.t("2024-01-02"), Fixture.t("2024-01-06")])
  }

  @Test func missingFileIsAnIOError() {
    #expect(throws: DataError.self) { try Bars.load("/nonexistent/prices.csv") }
    do {
      _ = try Bars.load("/nonexistent/prices.csv")
    } catch {
      #expect(error.kind == .io)
      #expect(error.file == "/nonexistent/prices.csv")
    }
  }
}
