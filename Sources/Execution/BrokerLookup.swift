import Foundation

/// What a broker knows of an order the engine may have sent before a crash, settled: a
/// working order has been waited for (and its rest cancelled at the broker's fill timeout),
/// so the answer no longer changes.
public enum OrderLookup: Sendable, Equatable {
  /// The broker never accepted an order with this client id.
  case unknown
  /// Accepted, but it ended (cancelled, rejected, expired) with nothing executed.
  case unfilled(OrderStatus)
  /// Executed, in whole or in part (`quantity` is what executed).
  case filled(Fill)
}

/// The quantity grid of a symbol at a broker (an exchange's lot filter): quantities are
/// multiples of `step`, at least `minQuantity`, and worth at least `minNotional` in the quote
/// currency. Entries round down to the grid so every exit, partial or whole, stays sellable.
/// A 0 means "no such rule".
public struct LotRules: Sendable, Equatable {
  public var step: Double
  public var minQuantity: Double
  public var minNotional: Double

  public init(step: Double, minQuantity: Double = 0, minNotional: Double = 0) {
    self.step = step
    self.minQuantity = minQuantity
    self.minNotional = minNotional
  }

  /// `quantity` rounded down to a multiple of `step` (unchanged when step ≤ 0 or the value
  /// is not finite), tolerating the binary error of a value already on the grid; the
  /// result carries no more decimals than the step.
  public func floor(_ quantity: Double) -> Double {
    guard step > 0, quantity.isFinite else { return quantity }
    let units = (quantity / step + 1e-9).rounded(.down)
    let decimals = max(0, min(16, Int((-log10(step)).rounded(.up)) + 1))
    let scale = pow(10, Double(decimals))
    return (units * step * scale).rounded() / scale
  }

  /// Why `quantity` at `price` cannot trade, or nil when it can: below the minimum quantity,
  /// or worth less than the minimum notional.
  public func problem(quantity: Double, price: Double) -> String? {
    if !(quantity > 0) || quantity < minQuantity {
      return "quantity \(quantity) below the lot minimum \(minQuantity)"
    }
    if price.isFinite && quantity * price < minNotional {
      return "notional \(quantity * price) below the minimum \(minNotional)"
    }
    return nil
  }
}

extension PaperBroker {
  /// The paper broker fills an order the instant it receives it, with a deterministic model;
  /// an order sent before a crash therefore filled, and exactly as `submit` fills it now.
  public func lookup(_ order: Order) throws(BrokerError) -> OrderLookup {
    if let done = fills[order.clientId] { return .filled(done) }
    var copy = self
    return .filled(try copy.submit(order))
  }
}
