import ExchangeSimulator
import Execution
import Foundation
import Testing
import WebTransport

@testable import BinanceSpot

/// Keys the simulator and the clients share in tests.
let testKey = "sim-key-7d1c0e5b9a"
let testSecret = "sim-secret-f00dfeed4242"

/// A clock tests move by hand: `sleep` advances it at once and records the request.
final class ManualClock: @unchecked Sendable {
  private let lock = NSLock()
  private var value: Int64
  private(set) var sleeps: [Int64] = []

  init(start: Int64 = 1_700_000_000_000) { value = start }

  var now: Int64 { lock.withLock { value } }
  func advance(_ ms: Int64) { lock.withLock { value += ms } }

  var clock: BinanceClock {
    BinanceClock(
      now: { [self] () -> Int64 in self.now },
      sleep: { [self] (ms: Int64) -> Void in self.sleep(ms) })
  }

  func sleep(_ ms: Int64) {
    lock.withLock {
      sleeps.append(ms)
      value += max(0, ms)
    }
  }

  var recordedSleeps: [Int64] { lock.withLock { sleeps } }
}

/// A started simulator with BTCUSDT at `price` and ETHUSDT.
func makeSimulator(price: Double = 50_000, clock: ManualClock? = nil) throws -> ExchangeSimulator {
  let simulator = ExchangeSimulator(
    apiKey: testKey, secret: testSecret,
    symbols: [
      SimulatedSymbol(symbol: "BTCUSDT", baseAsset: "BTC", quoteAsset: "USDT", price: price),
      SimulatedSymbol(
        symbol: "ETHUSDT", baseAsset: "ETH", quoteAsset: "USDT", stepSize: 0.0001, minQuantity: 0.0001,
        price: 3000),
    ],
    balances: ["USDT": 1_000_000, "BTC": 10, "ETH": 100], clock: exchangeClock(clock))
  try simulator.start()
  return simulator
}

func exchangeClock(_ clock: ManualClock?) -> (@Sendable () -> Int64)? {
  guard let clock else { return nil }
  return { clock.now }
}

func endpoints(_ simulator: ExchangeSimulator) throws -> BinanceEndpoints {
  try BinanceEndpoints(
    rest: simulator.restURL, marketStream: simulator.streamURL, webSocketAPI: simulator.webSocketAPIURL)
}

/// Collects log lines and fills from the client's callbacks.
final class Collector<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [T] = []

  func add(_ item: T) { lock.withLock { items.append(item) } }
  var all: [T] { lock.withLock { items } }

  /// Waits (real time) until `count` items arrived.
  func wait(for count: Int, seconds: Double = 5) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if lock.withLock({ items.count }) >= count { return true }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return false
  }
}

func makeREST(
  _ simulator: ExchangeSimulator, clock: BinanceClock = .system, secret: String = testSecret,
  maxWait: Int64 = 60_000,
  log: Collector<String>? = nil
) throws -> BinanceREST {
  var sink: (@Sendable (String) -> Void)?
  if let log { sink = { line in log.add(line) } }
  return try BinanceREST(
    endpoints: try endpoints(simulator), credentials: try BinanceCredentials(apiKey: testKey, secret: secret),
    clock: clock,
    maxWait: maxWait, timeoutMilliseconds: 3_000, log: sink)
}

func makeBroker(
  _ simulator: ExchangeSimulator, clock: BinanceClock = .system, fillTimeout: Int64 = 5_000,
  onFill: (@Sendable (Fill) -> Void)? = nil, log: Collector<String>? = nil
) throws -> BinanceBroker {
  let rest = try makeREST(simulator, clock: clock, log: log)
  return try BinanceBroker(
    rest: rest, credentials: try BinanceCredentials(apiKey: testKey, secret: testSecret),
    symbols: ["BTCUSDT", "ETHUSDT"],
    options: BinanceBrokerOptions(
      fillTimeout: fillTimeout, pollInterval: 50, backoff: try Backoff(base: 10, cap: 100)),
    onFill: onFill)
}

func marketOrder(_ id: String, side: OrderSide = .buy, quantity: Double = 0.01, price: Double = 50_000)
  -> Order
{
  Order(
    clientId: id, symbol: "BTCUSDT", side: side, kind: .market, quantity: quantity, price: price,
    slippageBasis: price,
    atr: .nan, time: 1, purpose: "entry")
}
