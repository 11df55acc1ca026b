import Execution
import Foundation
import MarketData
import Simulator
import Testing

@testable import BinanceSpot
@testable import ExchangeSimulator

/// A target LIMIT that rests at the exchange, trades in part, and is cancelled at the fill
/// timeout: the engine books the executed part only and exits the rest on a later tick.
@Suite(.serialized) struct PartialExitTests {
  /// Executes `quantity` of the working order `clientId` at its limit, as a trade that
  /// takes only part of it would (the simulator's own matching fills the whole rest).
  static func tradePart(of clientId: String, quantity: Double, in simulator: ExchangeSimulator) -> Bool {
    simulator.state.withLock {
      guard let i = simulator.state.orders.firstIndex(where: { $0.clientId == clientId && $0.working }) else {
        return false
      }
      let price = simulator.state.orders[i].price
      simulator.state.orders[i].executions.append(
        SimulatedExecution(
          tradeId: 9_000, price: price, quantity: quantity, commission: quantity * price * 0.001,
          time: Int64(Date().timeIntervalSince1970 * 1000)))
      simulator.state.orders[i].status = "PARTIALLY_FILLED"
      return true
    }
  }

  @Test func aPartlyFilledTargetIsBookedAsExecutedAndTheRestExitsLater() throws {
    let simulator = ExchangeSimulator(
      apiKey: testKey, secret: testSecret,
      symbols: [
        SimulatedSymbol(
          symbol: "ABCUSDT", baseAsset: "ABC", quoteAsset: "USDT", tickSize: 0.01, stepSize: 0.001,
          minQuantity: 0.001, minNotional: 5, price: 100)
      ],
      balances: ["USDT": 1_000_000, "ABC": 0])
    try simulator.start()
    defer { simulator.stop() }
    let broker = try BinanceBroker(
      rest: try makeREST(simulator), credentials: try BinanceCredentials(apiKey: testKey, secret: testSecret),
      symbols: ["ABCUSDT"],
      options: BinanceBrokerOptions(
        fillTimeout: 600, pollInterval: 20, commission: Commission(percent: 0.001)))
    let config = SimulationConfig(
      exits: ExitRules(targetPercent: 0.05), sizing: Sizing(mode: .units(10)),
      costs: Costs(commission: Commission(percent: 0.001)), fill: .close, cash: 100_000)
    let engine = try Engine(
      symbols: ["ABCUSDT"], timeframe: Timeframe(count: 1, unit: .minute), config: config,
      strategy: ClosureStrategy { input in input.bar == 0 && input.position == 0 ? [.buy()] : [] },
      broker: broker)
    let minute: Int64 = 60_000_000_000
    try engine.process(Tick(time: 0, price: 100), symbol: 0)
    // The first candle closes at 100: the entry buys 10 at market.
    try engine.process(Tick(time: minute, price: 100), symbol: 0)
    #expect(engine.positions.first?.quantity == 10)
    #expect(engine.positions.first?.target == 105)

    // The tick crosses the target; the exchange's book is still below it, so the LIMIT at 105
    // rests. A trade takes 4 of it; the rest is cancelled at the fill timeout.
    simulator.setPrice(symbol: "ABCUSDT", price: 104)
    let traded = Collector<Bool>()
    let trader = Thread {
      let deadline = Date().addingTimeInterval(5)
      while Date() < deadline {
        if let id = simulator.orders.last(where: { $0.status == "NEW" })?.clientId {
          traded.add(Self.tradePart(of: id, quantity: 4, in: simulator))
          return
        }
        Thread.sleep(forTimeInterval: 0.01)
      }
    }
    trader.start()
    try engine.process(Tick(time: minute + 1_000_000_000, price: 106), symbol: 0)
    #expect(traded.wait(for: 1) && traded.all == [true])
    #expect(engine.trades.map(\.quantity) == [4])
    #expect(engine.trades.first?.exitPrice == 105)
    #expect(engine.trades.first?.exitReason == .target)
    #expect(engine.positions.first?.quantity == 6)
    let first = try #require(simulator.orders.first { $0.executed == 4 })
    #expect(first.status == "CANCELED")

    // The next tick past the target exits the 6 left (the book is there now: it fills at once).
    simulator.setPrice(symbol: "ABCUSDT", price: 106)
    try engine.process(Tick(time: minute + 2_000_000_000, price: 106.5), symbol: 0)
    #expect(engine.trades.map(\.quantity) == [4, 6])
    #expect(engine.trades.allSatisfy { $0.exitReason == .target })
    #expect(engine.positions.isEmpty)
    let exits = simulator.orders.dropFirst()
    #expect(exits.map(\.executed) == [4, 6])
    #expect(Set(simulator.orders.map(\.clientId)).count == simulator.orders.count)
  }
}
