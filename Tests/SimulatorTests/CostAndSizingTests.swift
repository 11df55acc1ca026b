import Testing

@testable import Simulator

@Suite struct CostAndSizingTests {
  let flat = (100.0, 101.0, 99.0, 100.0)

  @Test func tieredCommissionClampsToMinimumAndMaximumPercent() {
    let tiered = Commission(perUnit: 0.005, minimum: 1, maximumPercent: 0.01)
    #expect(tiered.amount(quantity: 100, price: 50) == 1)
    #expect(tiered.amount(quantity: 1_000, price: 50) == 5)
    #expect(tiered.amount(quantity: -1_000, price: 50) == 5)
    #expect(abs(tiered.amount(quantity: 1_000, price: 0.2) - 2) < 1e-12)
    // 1% of a 0.5 order is below the minimum: the maximum wins.
    #expect(tiered.amount(quantity: 10, price: 0.05) == 0.005)
    let capped = Commission(percent: 0.01, fixed: 2, maximum: 5)
    #expect(capped.amount(quantity: 10, price: 10) == 3)
    #expect(capped.amount(quantity: 100, price: 10) == 5)
  }

  @Test func tieredCommissionIsChargedOnBothFills() throws {
    var config = unitConfig()
    config.sizing = Sizing(mode: .units(100))
    config.cash = 20_000
    config.costs = Costs(commission: Commission(perUnit: 0.005, minimum: 1, maximumPercent: 0.01))
    let r = try runLong([flat, flat, (100, 111, 99, 110)], config)
    let t = try #require(r.trades.first)
    #expect(t.commission == 2)
    #expect(t.pnl == 998)
    #expect(r.commissions == 2)
    #expect(r.finalEquity == 20_998)
  }

  @Test func slippageGoesAgainstTheTrader() throws {
    var config = unitConfig()
    config.costs = Costs(slippage: .bps(10))
    let bars = makeBars([flat, flat, (110, 111, 109, 110), flat])
    let set = SignalSet(longEntry: flags(4, [0]), longExit: flags(4, [1]))
    let r = try Backtest.run([BacktestInput(bars: bars, signals: [set])], config: config)
    let t = try #require(r.trades.first)
    #expect(t.entryPrice == 100.1)
    #expect(t.exitPrice == 110 - 0.11)
    var ticks = unitConfig()
    ticks.costs = Costs(slippage: .ticks(count: 2, size: 0.25))
    let s = try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet(shortEntry: flags(4, [0]), shortExit: flags(4, [1]))])], config: ticks)
    #expect(s.trades.first?.entryPrice == 99.5)
    #expect(s.trades.first?.exitPrice == 110.5)
  }

  @Test func stopFillsTakeSlippageTargetsDoNot() throws {
    var config = unitConfig(ExitRules(stopPercent: 0.1, targetPercent: 0.2))
    config.costs = Costs(slippage: .ticks(count: 1, size: 0.5))
    let stopped = try runLong([flat, (100, 101, 85, 90), flat], config)
    #expect(stopped.trades.first?.entryPrice == 100.5)
    #expect(stopped.trades.first?.exitPrice == 100.5 * 0.9 - 0.5)
    let won = try runLong([flat, (100, 130, 99, 125), flat], config)
    #expect(won.trades.first?.exitPrice == 100.5 * 1.2)
  }

  @Test func riskSizingDividesTheRiskedEquityByTheStopDistance() throws {
    var config = unitConfig(ExitRules(stopPercent: 0.05))
    config.sizing = Sizing(mode: .risk(fraction: 0.01))
    let r = try runLong([flat, flat, flat], config)
    #expect(r.trades.first?.quantity == 20)
  }

  @Test func riskSizingWithoutAStopIsRejected() throws {
    var config = unitConfig()
    config.sizing = Sizing(mode: .risk(fraction: 0.01))
    let r = try runLong([flat, flat, flat], config)
    #expect(r.trades.isEmpty)
    #expect(r.rejections.first?.reason.contains("needs a stop") == true)
  }

  @Test func cashAndEquitySizing() throws {
    var config = unitConfig()
    config.sizing = Sizing(mode: .cash(2_550), wholeUnits: true)
    #expect(try runLong([flat, flat, flat], config).trades.first?.quantity == 25)
    config.sizing = Sizing(mode: .cash(2_550))
    #expect(try runLong([flat, flat, flat], config).trades.first?.quantity == 25.5)
    config.sizing = Sizing(mode: .equity(fraction: 0.5))
    config.costs = Costs(commission: Commission(percent: 0.01))
    let q = try #require(try runLong([flat, flat, flat], config).trades.first?.quantity)
    #expect(abs(q - 5_000 / 101.0) < 1e-9)
  }

  @Test func volatilityTargetSizing() throws {
    // Returns +1%, −1%, +1%, −1% around 100: sample deviation known in closed form.
    let rows = [(100.0, 100.0, 100.0, 100.0), (101, 101, 101, 101), (99.99, 99.99, 99.99, 99.99), (100.9899, 100.9899, 100.9899, 100.9899), (100, 100, 100, 100), (100, 100, 100, 100)]
    let bars = makeBars(rows)
    var config = unitConfig()
    config.sizing = Sizing(mode: .volatility(target: 0.01, period: 4))
    let r = try Backtest.run([BacktestInput(bars: bars, signals: [SignalSet(longEntry: flags(6, [4]))])], config: config)
    let closes = bars.close
    let returns = (1...4).map { closes[$0] / closes[$0 - 1] - 1 }
    let mean = returns.reduce(0, +) / 4
    let sigma = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
    let q = try #require(r.trades.first?.quantity)
    #expect(abs(q - 0.01 * 10_000 / sigma / 100) < 1e-6)
  }

  @Test func anOrderTheAccountCannotPayForIsRejected() throws {
    var config = unitConfig()
    config.sizing = Sizing(mode: .units(200))
    let r = try runLong([flat, flat, flat], config)
    #expect(r.trades.isEmpty)
    let rejection = try #require(r.rejections.first)
    #expect(rejection.bar == 1 && rejection.quantity == 200 && rejection.side == .long)
    #expect(rejection.reason.hasPrefix("insufficient funds"))
    #expect(r.finalEquity == 10_000)
  }

  @Test func aSizeRoundingToZeroIsRejected() throws {
    var config = unitConfig()
    config.sizing = Sizing(mode: .equity(fraction: 1), wholeUnits: true)
    config.cash = 50
    let r = try runLong([flat, flat, flat], config)
    #expect(r.rejections.first?.reason == "the size rounds to 0 units")
  }

  @Test func commissionCountsAgainstTheFunds() throws {
    var config = unitConfig()
    config.sizing = Sizing(mode: .units(100))
    config.costs = Costs(commission: Commission(fixed: 1))
    let r = try runLong([flat, flat, flat], config)
    #expect(r.rejections.count == 1)
  }

  @Test func pythonFloorDivision() {
    #expect(Arithmetic.floorDivide(7, 2) == 3)
    #expect(Arithmetic.floorDivide(-7, 2) == -4)
    #expect(Arithmetic.floorDivide(7, -2) == -4)
    #expect(Arithmetic.floorDivide(0.3, 0.1) == 2)
    #expect(Arithmetic.floorDivide(1, 0).isNaN)
  }
}
