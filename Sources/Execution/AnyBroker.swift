import Simulator

/// A broker of any concrete type, so one engine type (`Engine<AnyBroker>`) serves every
/// broker the registry can make. Calls go straight to the wrapped broker; `submit` keeps its
/// idempotence per client id.
public struct AnyBroker: Broker {
  /// The wrapped broker, boxed so the wrapper stays a value.
  final class Box {
    var base: any Broker
    init(_ base: any Broker) { self.base = base }
  }

  let box: Box
  /// The registry name of the wrapped broker (`paper`, `binance`, …).
  public let name: String

  public init(_ base: some Broker, name: String) {
    box = Box(base)
    self.name = name
  }

  public func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double {
    box.base.expectedPrice(side: side, reference: reference, atr: atr)
  }

  public func commission(quantity: Double, price: Double) -> Double {
    box.base.commission(quantity: quantity, price: price)
  }

  public mutating func submit(_ order: Order) throws(BrokerError) -> Fill {
    try box.base.submit(order)
  }

  public func lookup(_ order: Order) throws(BrokerError) -> OrderLookup {
    try box.base.lookup(order)
  }

  public func lotRules(symbol: String) -> LotRules? {
    box.base.lotRules(symbol: symbol)
  }
}
