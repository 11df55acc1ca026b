import Foundation
import Testing

@testable import MarketData

@Suite struct CacheTests {
  func synthetic(_ count: Int = 1_000) throws -> Bars {
    try SyntheticBars(count: count, seed: 9, timeframe: Timeframe(count: 5, unit: .minute), symbol: "SYN")
      .generate()
  }

  @Test func roundTripIsExact() throws {
    let directory = Fixture.scratch("cache")
    for count in [0, 1, 3, 1_000] {
      let bars = try synthetic(count)
      let path = directory + "/bars\(count).crsbars"
      try BarCache.write(bars, to: path)
      let back = try BarCache.read(path)
      #expect(back == bars)
      #expect(back.symbol == "SYN" && back.timeframe == Timeframe("5m"))
      #expect(try Bars.load(path) == bars)  // the loader recognises the format
    }
  }

  func corrupt(_ path: String, at offset: Int, to value: UInt8? = nil, truncate: Int? = nil) throws {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    if let truncate { data = data.prefix(data.count - truncate) }
    if let value { data[offset] = value } else if truncate == nil { data[offset] ^= 0x55 }
    try data.write(to: URL(fileURLWithPath: path))
  }

  func cacheError(_ path: String) -> DataError? {
    do {
      _ = try BarCache.read(path)
      return nil
    } catch {
      return error
    }
  }

  @Test func damageIsDetected() throws {
    let directory = Fixture.scratch("damage")
    let bars = try synthetic()
    let cases: [(String, (String) throws -> Void, String)] = [
      ("data", { try self.corrupt($0, at: 128 + 8 * 500) }, "data checksum"),
      ("header", { try self.corrupt($0, at: 20) }, "header checksum"),
      ("truncated", { try self.corrupt($0, at: 0, truncate: 64) }, "does not match"),
      ("magic", { try self.corrupt($0, at: 0, to: UInt8(ascii: "X")) }, "magic"),
      ("version", { try self.corrupt($0, at: 8, to: 9) }, "version"),
    ]
    for (name, damage, message) in cases {
      let path = directory + "/\(name).crsbars"
      try BarCache.write(bars, to: path)
      try damage(path)
      let error = try #require(cacheError(path), "\(name)")
      #expect(error.kind == .cache, "\(name)")
      #expect(error.description.contains(message), "\(name): \(error)")
    }
  }

  @Test func loadWithCacheWritesThenReuses() throws {
    let directory = Fixture.scratch("reuse")
    let source = directory + "/EURUSD.csv"
    let bars = try synthetic()
    try BarWriter.save(bars, to: source)
    let first = try BarLoader.load(source, options: LoadOptions(cache: true))
    #expect(!first.report.fromCache)
    #expect(FileManager.default.fileExists(atPath: source + ".crsbars"))
    let second = try BarLoader.load(source, options: LoadOptions(cache: true))
    #expect(second.report.fromCache)
    #expect(second.bars == first.bars)
    #expect(second.bars.symbol == "EURUSD")
    // Other parse options do not reuse it.
    let zoned = try BarLoader.load(source, options: LoadOptions(timeZone: "Europe/London", cache: true))
    #expect(!zoned.report.fromCache)
    // A changed source is parsed again.
    var changed = bars
    changed.close[0] = changed.high[0]
    Thread.sleep(forTimeInterval: 0.01)
    try BarWriter.save(changed, to: source)
    let third = try BarLoader.load(source, options: LoadOptions(cache: true))
    #expect(!third.report.fromCache)
    #expect(third.bars.close[0] == changed.high[0])
    #expect(try BarLoader.load(source, options: LoadOptions(cache: true)).report.fromCache)
  }

  @Test func cacheDirectoryAndDamagedCacheFallBackToText() throws {
    let directory = Fixture.scratch("dir")
    let cacheDirectory = Fixture.scratch("dir-cache")
    let source = directory + "/prices.csv"
    try BarWriter.save(try synthetic(), to: source)
    let options = LoadOptions(cache: true, cacheDirectory: cacheDirectory)
    _ = try BarLoader.load(source, options: options)
    let cachePath = BarCache.path(for: source, directory: cacheDirectory)
    #expect(cachePath.hasPrefix(cacheDirectory))
    #expect(FileManager.default.fileExists(atPath: cachePath))
    try corrupt(cachePath, at: 300)
    let reloaded = try BarLoader.load(source, options: options)
    #expect(!reloaded.report.fromCache)  // a damaged cache is never trusted
    #expect(try BarLoader.load(source, options: options).report.fromCache)
  }

  @Test func convertAndSaveRoundTrip() throws {
    let directory = Fixture.scratch("convert")
    let report = try BarCache.convert(Fixture.path("layouts/mt5_export.csv"), to: directory + "/mt5.crsbars")
    #expect(report.layout == "mt5")
    let converted = try BarCache.read(directory + "/mt5.crsbars")
    #expect(converted == (try Bars.load(Fixture.path("layouts/mt5_export.csv"))))
    let bars = try synthetic()
    try BarWriter.save(bars, to: directory + "/out.csv")
    #expect(try Bars.load(directory + "/out.csv", options: LoadOptions(symbol: "SYN")) == bars)
  }

  @Test func loadedColumnsCarryLittleSpareCapacity() throws {
    let bars = try synthetic(20_000)
    let text = Array(BarWriter.csv(bars).utf8)
    let loaded = try BarLoader.read(text, name: "big.csv").bars
    for column in [loaded.open, loaded.high, loaded.low, loaded.close, loaded.volume] {
      #expect(column.capacity <= column.count + column.count / 16 + 16)
    }
    #expect(loaded.time.capacity <= loaded.count + loaded.count / 16 + 16)
  }

  @Test func csvOmitsAllNaNVolume() throws {
    let bars = try Fixture.bars("1704153600,1,2,0.5,1.5\n1704153660,1.5,2,1,1.2\n").bars
    let text = BarWriter.csv(bars)
    #expect(text.hasPrefix("time,open,high,low,close\n2024-01-02T00:00:00Z,1,2,0.5,1.5\n"))
  }
}
