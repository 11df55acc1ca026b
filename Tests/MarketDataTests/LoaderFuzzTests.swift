import Foundation
import Testing

@testable import MarketData

/// Random and mutated bytes through the loaders: every input either loads bars that obey
/// the validation rules or gives a DataError; nothing crashes or hangs (each run is bounded
/// by an iteration count and a wall-clock budget).
@Suite struct LoaderFuzzTests {
  static let seeds = [
    "layouts/yahoo_daily.csv", "layouts/mt5_export.csv", "layouts/mt4_headerless.csv",
    "layouts/binance_klines_1h.csv",
    "layouts/dukascopy_1m.csv", "layouts/quoted_crlf.csv", "layouts/semicolon_decimal_comma.csv",
    "layouts/stooq_intraday.txt", "layouts/ticks_quotes_dukascopy.csv",
  ]

  func checkInvariants(_ bars: Bars) {
    for i in 0..<bars.count {
      #expect(bars.high[i] >= max(bars.open[i], bars.close[i]))
      #expect(bars.low[i] <= min(bars.open[i], bars.close[i]))
      #expect(!(bars.volume[i] < 0))
      if i > 0 { #expect(bars.time[i] > bars.time[i - 1]) }
    }
  }

  func run(_ bytes: [UInt8], options: LoadOptions) -> Bool {
    do {
      let result = try BarLoader.read(bytes, name: "fuzz.csv", options: options)
      checkInvariants(result.bars)
      _ = try? Ticks.read(bytes, name: "fuzz.csv", options: options)
      return true
    } catch {
      #expect(!error.description.isEmpty)
      return false
    }
  }

  @Test func mutatedFixtures() throws {
    var random = RandomSource(seed: 20_240_102)
    let corpus = try Self.seeds.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixture.path($0)))) }
    let alphabet = Array("0123456789.,;:\t\n\r\"-+eE TZ<>/abcNaN".utf8) + [0x00, 0xFF, 0xC3]
    let deadline = Date().addingTimeInterval(8)
    var loaded = 0
    var iterations = 0
    while iterations < 6_000 && Date() < deadline {
      iterations += 1
      var bytes = corpus[Int(random.next() % UInt64(corpus.count))]
      for _ in 0..<(1 + Int(random.next() % 4)) {
        guard !bytes.isEmpty else { break }
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 5 {
        case 0: bytes[at] = alphabet[Int(random.next() % UInt64(alphabet.count))]
        case 1: bytes.remove(at: at)
        case 2: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: at)
        case 3: bytes.removeSubrange(at..<min(bytes.count, at + Int(random.next() % 40)))
        default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int(random.next() % 60))], at: at)
        }
      }
      let options = LoadOptions(
        sort: random.next() % 2 == 0, dedupe: random.next() % 2 == 0, dropInvalid: random.next() % 3 == 0)
      if run(bytes, options: options) { loaded += 1 }
    }
    #expect(iterations > 100)
    #expect(loaded > 0)  // some mutations leave a loadable file
  }

  @Test func randomBytes() {
    var random = RandomSource(seed: 7)
    let deadline = Date().addingTimeInterval(4)
    var iterations = 0
    while iterations < 4_000 && Date() < deadline {
      iterations += 1
      let count = Int(random.next() % 512)
      var bytes = [UInt8](repeating: 0, count: count)
      for i in 0..<count { bytes[i] = UInt8(truncatingIfNeeded: random.next()) }
      _ = run(bytes, options: LoadOptions(dropInvalid: random.next() % 2 == 0))
    }
    #expect(iterations > 100)
  }
}
