import Testing

@testable import MarketData

/// Files above 4 MiB are parsed in two runs on two cores: rows, line numbers and errors
/// must come out as from one run.
@Suite struct LargeFileTests {
  static let rows = 55_000
  static let twoRuns: LoadOptions = {
    var options = LoadOptions()
    options.runs = 2
    return options
  }()

  func text(_ change: (Int, inout String) -> Void = { _, _ in }) throws -> [UInt8] {
    let bars = try SyntheticBars(count: Self.rows, seed: 12).generate()
    var lines = BarWriter.csv(bars).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for i in lines.indices { change(i, &lines[i]) }
    return Array(lines.joined(separator: "\n").utf8)
  }

  @Test func twoRunsGiveTheSameBars() throws {
    let bytes = try text()
    #expect(bytes.count > 5 << 20)
    let bars = try BarLoader.read(bytes, name: "big.csv", options: Self.twoRuns).bars
    #expect(bars == (try SyntheticBars(count: Self.rows, seed: 12).generate()).withSymbol("big"))
  }

  @Test func errorsInTheSecondHalfNameTheirLine() throws {
    let bad = 50_001  // 1-based line of the damaged row (line 1 is the header)
    let bytes = try text { index, line in
      if index == bad - 1 { line = line.replacingOccurrences(of: ",", with: ";") }
    }
    do {
      _ = try BarLoader.read(bytes, name: "big.csv", options: Self.twoRuns)
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .fieldCount)
      #expect(error.line == bad)
    }
    let unsorted = try text { index, line in if index == bad - 1 { line = "2023" + line.dropFirst(4) } }
    do {
      _ = try BarLoader.read(unsorted, name: "big.csv", options: Self.twoRuns)
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .unsorted)
      #expect(error.line == bad)
    }
  }

  @Test func encodingErrorInTheSecondHalf() throws {
    var bytes = try text()
    let line = 45_000
    var newlines = 0
    var offset = 0
    while newlines < line - 1 {
      if bytes[offset] == 0x0A { newlines += 1 }
      offset += 1
    }
    bytes[offset + 3] = 0xFF
    do {
      _ = try BarLoader.read(bytes, name: "big.csv", options: Self.twoRuns)
      Issue.record("expected an error")
    } catch {
      #expect(error.kind == .encoding)
      #expect(error.line == line)
    }
  }

  @Test func droppedRowsAreCountedAcrossRuns() throws {
    let bytes = try text { index, line in
      if index == 10 || index == 52_000 {
        line = line.replacingOccurrences(of: ",", with: ",x", options: [], range: nil)
      }
    }
    var options = Self.twoRuns
    options.dropInvalid = true
    let result = try BarLoader.read(bytes, name: "big.csv", options: options)
    #expect(result.report.invalidDropped == 2)
    #expect(result.bars.count == Self.rows - 2)
  }
}

extension Bars {
  func withSymbol(_ symbol: String) -> Bars {
    var copy = self
    copy.symbol = symbol
    copy.timeframe = Timeframe.infer(from: time)
    return copy
  }
}
