import Foundation
import Testing

@testable import MarketData

/// The shipped sample files load cleanly in the layout their names promise.
@Suite struct SampleDataTests {
  static let directory: String = {
    let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    return tests.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "examples/data"
    ).path
  }()

  @Test(arguments: [
    ("synthetic_BTCUSD_1h.csv", "generic", "1h", 4_000),
    ("synthetic_SPY_1d_yahoo.csv", "yahoo", "1d", 1_000),
    ("synthetic_EURUSD_1m_mt5.csv", "mt5", "1m", 7_200),
    ("synthetic_ETHUSDT_15m_binance.csv", "binance", "15m", 2_000),
  ])
  func barsLoad(file: String, layout: String, timeframe: String, rows: Int) throws {
    let result = try BarLoader.load(Self.directory + "/" + file)
    #expect(result.report.layout == layout)
    #expect(result.bars.timeframe == Timeframe(timeframe))
    #expect(result.bars.count == rows)
    let info = try BarsInfo.inspect(Self.directory + "/" + file)
    #expect(info.invalidRows == 0 && info.duplicates == 0 && info.unsorted == 0)
  }

  @Test func ticksLoadAndAggregate() throws {
    let ticks = try Ticks.load(Self.directory + "/synthetic_XAUUSD_ticks.csv")
    #expect(ticks.count > 3_000)
    let minutes = ticks.timeBars(Timeframe(count: 1, unit: .minute))
    #expect(minutes.count == 60)
  }
}

/// backtesting.py's real sample data (AGPL, not shipped here), read from the reference
/// environment when it is installed.
@Suite struct BacktestingSampleTests {
  static let directory = "/work/refvenv/lib/python3.11/site-packages/backtesting/test"
  static let present = FileManager.default.fileExists(atPath: directory + "/GOOG.csv")

  @Test(.enabled(if: present)) func realFilesLoadStrictly() throws {
    let goog = try BarLoader.load(Self.directory + "/GOOG.csv")
    #expect(goog.report.layout == "pandas")
    #expect(goog.bars.count == 2_148)
    #expect(goog.bars.time[0] == Fixture.t("2004-08-19"))
    #expect(goog.bars.close[0] == 100.34)
    let eurusd = try BarLoader.load(Self.directory + "/EURUSD.csv")
    #expect(eurusd.bars.count == 5_000 && eurusd.bars.timeframe == Timeframe("1h"))
    let btc = try BarLoader.load(Self.directory + "/BTCUSD.csv")
    #expect(btc.bars.timeframe == Timeframe("1M"))
    let weekly = try eurusd.bars.resample(to: Timeframe(count: 1, unit: .week))
    #expect(weekly.high.max() == eurusd.bars.high.max())
  }
}
