import Foundation
import Testing

@testable import BinanceSpot

@Suite struct SigningTests {
  /// Binance's worked example in "SIGNED endpoint examples for POST /api/v3/order".
  @Test func matchesBinanceDocumentedExample() {
    let secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j"
    let query = BinanceSignature.query([
      ("symbol", "LTCBTC"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"), ("quantity", "1"),
      ("price", "0.1"), ("recvWindow", "5000"), ("timestamp", "1499827319559"),
    ])
    #expect(
      query
        == "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
    )
    #expect(
      BinanceSignature.hmacSHA256(secret: secret, payload: query)
        == "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71")
  }

  /// RFC 4231 test case 2 (key "Jefe").
  @Test func matchesRFC4231() {
    #expect(
      BinanceSignature.hmacSHA256(secret: "Jefe", payload: "what do ya want for nothing?")
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test func encodesReservedCharactersAndFormatsDecimals() {
    #expect(
      BinanceSignature.query([("symbols", "[\"BTCUSDT\"]"), ("id", "a b")])
        == "symbols=%5B%22BTCUSDT%22%5D&id=a%20b")
    #expect(BinanceSignature.decimal(0.1) == "0.1")
    #expect(BinanceSignature.decimal(1e-8) == "0.00000001")
    #expect(BinanceSignature.decimal(50_000) == "50000")
    #expect(BinanceSignature.decimal(0.30000000000000004) == "0.3")
  }

  @Test func testnetUnlessProductionIsExplicit() throws {
    let testnet = try BinanceEndpoints.resolve(production: false, environment: [:])
    #expect(testnet.rest.absoluteString == "https://testnet.binance.vision")
    #expect(testnet.marketStream.absoluteString == "wss://stream.testnet.binance.vision")
    #expect(!testnet.isProduction)
    let production = try BinanceEndpoints.resolve(production: true, environment: [:])
    #expect(production.rest.absoluteString == "https://api.binance.com")
    #expect(production.isProduction)
    #expect(throws: BinanceError.self) {
      try BinanceEndpoints.resolve(
        production: false, environment: [BinanceEndpoints.restVariable: "https://api.binance.com"])
    }
    let local = try BinanceEndpoints.resolve(
      production: false, environment: [BinanceEndpoints.restVariable: "http://127.0.0.1:9"])
    #expect(local.rest.absoluteString == "http://127.0.0.1:9")
    #expect(throws: BinanceError.self) {
      try BinanceEndpoints.resolve(
        production: false, environment: [BinanceEndpoints.streamVariable: "http://x"])
    }
  }
}
