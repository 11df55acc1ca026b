import Foundation
import Testing

@testable import BinanceSpot

@Suite struct SymbolRulesTests {
  let rules = SymbolRules(
    symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT", tickSize: 0.01, minPrice: 0.01,
    maxPrice: 1_000_000,
    stepSize: 0.00001, minQuantity: 0.00001, maxQuantity: 9000, minNotional: 5)

  @Test func quantitiesRoundDownToTheStep() {
    #expect(rules.quantity(0.123456789, market: true) == 0.12345)
    #expect(rules.quantity(0.00001, market: true) == 0.00001)
    // On the grid already, despite binary noise.
    #expect(rules.quantity(0.1 + 0.2, market: true) == 0.3)
    #expect(rules.quantity(0.000009, market: true) == 0)
  }

  @Test func pricesRoundToTheNearestTick() {
    #expect(rules.price(50_000.004) == 50_000)
    #expect(rules.price(50_000.006) == 50_000.01)
    #expect(rules.price(0.015) == 0.02 || rules.price(0.015) == 0.01)
  }

  @Test func refusesWhatTheExchangeWould() throws {
    #expect(throws: BinanceError.self) { try rules.validate(quantity: 0.000009, price: 50_000, market: true) }
    // 0.0001 × 40,000 = 4 < 5 (NOTIONAL).
    do {
      _ = try rules.validate(quantity: 0.0001, price: 40_000, market: true)
      Issue.record("a notional below the minimum passed")
    } catch {
      #expect(error.description.contains("NOTIONAL"))
    }
    #expect(throws: BinanceError.self) { try rules.validate(quantity: 10_000, price: 1, market: false) }
    #expect(throws: BinanceError.self) { try rules.validate(quantity: .nan, price: 1, market: false) }
    #expect(throws: BinanceError.self) { try rules.validate(quantity: 1, price: 0, market: false) }
    let ok = try rules.validate(quantity: 0.0123456, price: 50_000.004, market: false)
    #expect(ok.quantity == 0.01234 && ok.price == 50_000)
  }

  @Test func parsesExchangeInfoFromTheSimulator() throws {
    let simulator = try makeSimulator()
    defer { simulator.stop() }
    let rest = try makeREST(simulator)
    let info = try rest.exchangeInfo(symbols: ["BTCUSDT", "ETHUSDT"])
    let btc = try #require(info["BTCUSDT"])
    #expect(
      btc.tickSize == 0.01 && btc.stepSize == 0.00001 && btc.minNotional == 5 && btc.quoteAsset == "USDT")
    #expect(info["ETHUSDT"]?.stepSize == 0.0001)
    #expect(throws: BinanceError.self) { try rest.exchangeInfo(symbols: ["NOPE"]) }
  }
}
