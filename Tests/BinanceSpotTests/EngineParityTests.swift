import ExchangeSimulator
import Execution
import Foundation
import MarketData
import Simulator
import Testing

@testable import BinanceSpot

/// The engine with the Binance broker against the simulator trades like the paper broker:
/// market orders fill at the simulator's price, which follows the replayed ticks.
@Suite(.serialized) struct EngineParityTests {
  /// A seeded random walk of daily bars, prices on a 0.01 tick.
  static func bars(count: Int) -> Bars {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    func tick(_ x: Double) -> Double { (x * 100).rounded() / 100 }
    var time: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = []
    var price = 200.0
    for i in 0..<count {
      let o = tick(price)
      let c = tick(o * (1 + (uniform() - 0.49) * 0.04))
      time.append(1_600_000_000_000_000_000 + Int64(i) * 86_400_000_000_000)
      open.append(o)
      close.append(c)
      high.append(tick(max(o, c) * (1 + uniform() * 0.01)))
      low.append(tick(min(o, c) * (1 - uniform() * 0.01)))
      price = c
    }
    return Bars(
      time: time, open: open, high: high, low: low, close: close,
      volume: Array(repeating: 1_000, count: count),
      symbol: "ABCUSDT", timeframe: Timeframe(count: 1, unit: .day))
  }

  /// Long on an up-cross of SMA 5 over SMA 20, flat on a down-cross.
  static func strategy() -> ClosureStrategy {
    ClosureStrategy { input in
      let closes = input.candles.map(\.close)
      guard closes.count > 21 else { return [] }
      func mean(_ end: Int, _ n: Int) -> Double { closes[(end - n)..<end].reduce(0, +) / Double(n) }
      let n = closes.count
      let (f1, s1, f0, s0) = (mean(n, 5), mean(n, 20), mean(n - 1, 5), mean(n - 1, 20))
      if f0 <= s0 && f1 > s1 && input.position <= 0 { return [.buy()] }
      if f0 >= s0 && f1 < s1 && input.position > 0 { return [.close()] }
      return []
    }
  }

  @Test func sameTradesAsThePaperBroker() throws {
    let bars = Self.bars(count: 250)
    let config = SimulationConfig(
      sizing: Sizing(mode: .units(10)), costs: Costs(commission: Commission(percent: 0.001)), cash: 100_000)
    let feed = try ReplayFeed(bars: [bars], policy: config.intrabar)
    let timeframe = Timeframe(count: 1, unit: .day)

    let paper = try Engine(
      symbols: ["ABCUSDT"], timeframe: timeframe, config: config, strategy: Self.strategy(),
      broker: PaperBroker(costs: config.costs))
    try feed.run(paper)

    let simulator = ExchangeSimulator(
      apiKey: testKey, secret: testSecret,
      symbols: [
        SimulatedSymbol(
          symbol: "ABCUSDT", baseAsset: "ABC", quoteAsset: "USDT", tickSize: 0.01, stepSize: 0.001,
          minQuantity: 0.001,
          minNotional: 5, price: bars.open[0])
      ],
      balances: ["USDT": 1_000_000])
    try simulator.start()
    defer { simulator.stop() }
    let rest = try makeREST(simulator)
    let broker = try BinanceBroker(
      rest: rest, credentials: try BinanceCredentials(apiKey: testKey, secret: testSecret),
      symbols: ["ABCUSDT"],
      options: BinanceBrokerOptions(
        fillTimeout: 2_000, pollInterval: 20, commission: Commission(percent: 0.001)))
    let stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crescent-binance-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: stateDirectory) }
    let live = try Engine(
      symbols: ["ABCUSDT"], timeframe: timeframe, config: config, strategy: Self.strategy(), broker: broker,
      journal: try StateStore(directory: stateDirectory.path))
    for event in feed.events {
      if let tick = event.tick { simulator.setPrice(symbol: "ABCUSDT", price: tick.price) }
      try live.handle(event)
    }
    try live.finish()

    #expect(paper.trades.count >= 4)
    #expect(live.trades.count == paper.trades.count)
    #expect(live.rejections.isEmpty)
    for (a, b) in zip(live.trades, paper.trades) {
      #expect(
        a.entryBar == b.entryBar && a.exitBar == b.exitBar && a.side == b.side && a.exitReason == b.exitReason
      )
      #expect(a.quantity == b.quantity)
      #expect(abs(a.entryPrice - b.entryPrice) <= 1e-9 * b.entryPrice)
      #expect(abs(a.exitPrice - b.exitPrice) <= 1e-9 * b.exitPrice)
      #expect(abs(a.pnl - b.pnl) <= 1e-6)
      #expect(abs(a.commission - b.commission) <= 1e-6)
    }
    // The state directory (SQLite and its WAL) holds no key material.
    let files = try FileManager.default.contentsOfDirectory(atPath: stateDirectory.path)
    #expect(!files.isEmpty)
    for file in files {
      let bytes = try Data(contentsOf: stateDirectory.appendingPathComponent(file))
      #expect(bytes.range(of: Data(testKey.utf8)) == nil, "the API key is in \(file)")
      #expect(bytes.range(of: Data(testSecret.utf8)) == nil, "the secret is in \(file)")
    }
    // Every engine order reached the exchange exactly once.
    let placed = simulator.orders
    #expect(placed.count == 2 * paper.trades.count)
    #expect(Set(placed.map(\.clientId)).count == placed.count)
    #expect(placed.allSatisfy { $0.status == "FILLED" })
  }
}
