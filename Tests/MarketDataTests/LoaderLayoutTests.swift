import Testing

@testable import MarketData

@Suite struct LoaderLayoutTests {
  @Test func yahooDaily() throws {
    let result = try BarLoader.load(Fixture.path("layouts/yahoo_daily.csv"))
    let bars = result.bars
    #expect(result.report.layout == "yahoo")
    #expect(result.report.columns["close"] == "Close")
    #expect(bars.count == 5)
    #expect(bars.time[0] == Fixture.t("2024-01-02"))
    #expect(bars.time[4] == Fixture.t("2024-01-08"))
    #expect(bars.close[1] == 184.25)  // Close, not Adj Close
    #expect(bars.volume[0] == 82_488_700)
    #expect(bars.symbol == "yahoo_daily")
    #expect(bars.timeframe == Timeframe("1d"))
  }

  @Test func pandasDumpWithEmptyIndexName() throws {
    let result = try BarLoader.load(Fixture.path("layouts/pandas_dump.csv"))
    #expect(result.report.layout == "pandas")
    #expect(
      result.bars.time == [
        Fixture.t("2024-01-02T09:00:00Z"), Fixture.t("2024-01-02T10:00:00Z"),
        Fixture.t("2024-01-02T11:00:00Z"),
      ])
    #expect(result.bars.open[0] == 1.10420)
    #expect(result.bars.timeframe == Timeframe("1h"))
  }

  @Test func semicolonsWithDecimalCommas() throws {
    let result = try BarLoader.load(Fixture.path("layouts/semicolon_decimal_comma.csv"))
    #expect(result.report.separator == ";")
    #expect(result.bars.open == [101.25, 101.60, 101.15])
    #expect(result.bars.low[0] == 100.80)
    #expect(result.bars.volume == [12_500, 9_800, 7_600])
  }

  @Test func tabsAndOffsets() throws {
    let result = try BarLoader.load(Fixture.path("layouts/tab_separated.tsv"))
    #expect(result.report.separator == "\t")
    #expect(result.bars.time[1] == Fixture.t("2024-01-02T09:35:00Z"))
    #expect(result.bars.timeframe == Timeframe("5m"))
  }

  @Test func quotedFieldsAndCRLF() throws {
    let bars = try Bars.load(Fixture.path("layouts/quoted_crlf.csv"))
    #expect(bars.count == 2)
    #expect(bars.close == [44179.55, 42838.56])
    #expect(bars.volume[1] == 35211.89)
  }

  @Test func mt5ExportUsesTickVolume() throws {
    let result = try BarLoader.load(Fixture.path("layouts/mt5_export.csv"))
    #expect(result.report.layout == "mt5")
    #expect(result.report.columns["date"] == "<DATE>")
    #expect(result.report.columns["time"] == "<TIME>")
    #expect(result.report.columns["volume"] == "<TICKVOL>")
    #expect(result.bars.time[2] == Fixture.t("2024-01-02T02:00:00Z"))
    #expect(result.bars.volume == [412, 655, 590])
  }

  @Test func mt4WithoutHeader() throws {
    let result = try BarLoader.load(Fixture.path("layouts/mt4_headerless.csv"))
    #expect(result.report.layout == "mt4")
    #expect(!result.report.hasHeader)
    #expect(result.bars.time[1] == Fixture.t("2024-01-02T00:01:00Z"))
    #expect(result.bars.close[2] == 1.10405)
    #expect(result.bars.timeframe == Timeframe("1m"))
  }

  @Test func binanceKlines() throws {
    let result = try BarLoader.load(Fixture.path("layouts/binance_klines_1h.csv"))
    #expect(result.report.layout == "binance")
    #expect(result.bars.time[0] == Fixture.t("2024-01-02T00:00:00Z"))
    #expect(result.bars.volume[0] == 1271.68108)
    #expect(result.bars.timeframe == Timeframe("1h"))
  }

  @Test func dukascopyGmtTime() throws {
    let result = try BarLoader.load(Fixture.path("layouts/dukascopy_1m.csv"))
    #expect(result.report.layout == "dukascopy")
    #expect(result.bars.time[2] == Fixture.t("2024-01-02T00:02:00Z"))
    #expect(result.bars.volume[0] == 1523.41)
  }

  @Test func stooqDailyAndIntraday() throws {
    let daily = try BarLoader.load(Fixture.path("layouts/stooq_daily.csv"))
    #expect(daily.bars.low[0] == 183.885)
    let intraday = try BarLoader.load(Fixture.path("layouts/stooq_intraday.txt"))
    #expect(intraday.report.layout == "stooq")
    #expect(intraday.bars.time == [Fixture.t("2024-01-02T15:35:00Z"), Fixture.t("2024-01-02T15:40:00Z")])
    #expect(intraday.bars.volume == [512_000, 401_000])
  }

  @Test func columnMappingOverridesDetection() throws {
    let text =
      "Gmt time,Bid Open,Hi,Lo,Last,Qty\n2024-01-02 00:00,1,2,0.5,1.5,10\n2024-01-02 00:01,1.5,2,1,1.2,11\n"
    let mapping = [
      "time": "gmt time", "open": "Bid Open", "high": "#3", "low": "Lo", "close": "Last", "volume": "QTY",
    ]
    let result = try Fixture.bars(text, options: LoadOptions(columns: mapping))
    #expect(result.bars.close == [1.5, 1.2])
    #expect(result.bars.high == [2, 2])
    #expect(result.bars.volume == [10, 11])
    #expect(throws: DataError.self) {
      try Fixture.bars(text, options: LoadOptions(columns: ["close": "Nope"]))
    }
    #expect(throws: DataError.self) {
      try Fixture.bars(text, options: LoadOptions(columns: ["colour": "Last"]))
    }
  }

  @Test func headerlessWithoutVolumeFillsNaN() throws {
    let result = try Fixture.bars("1704153600,1,2,0.5,1.5\n1704153660,1.5,2,1,1.2\n")
    #expect(result.report.layout == "headerless")
    #expect(result.bars.time[1] == Fixture.t("2024-01-02T00:01:00Z"))
    #expect(result.bars.volume[0].isNaN)
  }

  @Test func tradeTicks() throws {
    let ticks = try Ticks.load(Fixture.path("layouts/ticks_trades.csv"))
    #expect(ticks.count == 5)
    #expect(ticks.time[0] == Fixture.t("2024-01-02T09:30:00.012Z"))
    #expect(ticks.size == [100, 25, 300, 50, 10])
    #expect(ticks.bid == nil)
  }

  @Test func quoteTicks() throws {
    let ticks = try Ticks.load(Fixture.path("layouts/ticks_quotes_dukascopy.csv"))
    #expect(ticks.bid == [1.10374, 1.10375, 1.10379])
    #expect(ticks.ask == [1.10382, 1.10383, 1.10386])
    #expect(abs(ticks.price[0] - 1.10378) < 1e-12)
    #expect(ticks.size[0] == 3.75)
  }
}
