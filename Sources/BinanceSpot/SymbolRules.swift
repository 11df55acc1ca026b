import Foundation

/// A symbol's trading rules from `GET /api/v3/exchangeInfo`: PRICE_FILTER, LOT_SIZE,
/// MARKET_LOT_SIZE and MIN_NOTIONAL/NOTIONAL. Quantities round down to the step (never buy or
/// sell more than asked), prices to the nearest tick; what the exchange would still refuse is
/// refused here, before anything is sent.
public struct SymbolRules: Sendable, Equatable {
  public var symbol: String
  public var baseAsset: String
  public var quoteAsset: String
  /// Whether the symbol trades (`status == "TRADING"`).
  public var trading: Bool
  public var tickSize: Double
  public var minPrice: Double
  public var maxPrice: Double
  public var stepSize: Double
  public var minQuantity: Double
  public var maxQuantity: Double
  /// MARKET_LOT_SIZE (0 when absent or 0: LOT_SIZE applies).
  public var marketStepSize: Double
  public var marketMinQuantity: Double
  public var marketMaxQuantity: Double
  /// Minimum price × quantity (0: none).
  public var minNotional: Double
  /// Maximum price × quantity (infinity: none).
  public var maxNotional: Double
  /// Whether the minimum notional applies to market orders (then at the reference price).
  public var minNotionalAppliesToMarket: Bool

  public init(
    symbol: String, baseAsset: String, quoteAsset: String, trading: Bool = true, tickSize: Double,
    minPrice: Double = 0, maxPrice: Double = 0, stepSize: Double, minQuantity: Double = 0,
    maxQuantity: Double = 0,
    marketStepSize: Double = 0, marketMinQuantity: Double = 0, marketMaxQuantity: Double = 0,
    minNotional: Double = 0,
    maxNotional: Double = .infinity, minNotionalAppliesToMarket: Bool = true
  ) {
    self.symbol = symbol
    self.baseAsset = baseAsset
    self.quoteAsset = quoteAsset
    self.trading = trading
    self.tickSize = tickSize
    self.minPrice = minPrice
    self.maxPrice = maxPrice
    self.stepSize = stepSize
    self.minQuantity = minQuantity
    self.maxQuantity = maxQuantity
    self.marketStepSize = marketStepSize
    self.marketMinQuantity = marketMinQuantity
    self.marketMaxQuantity = marketMaxQuantity
    self.minNotional = minNotional
    self.maxNotional = maxNotional
    self.minNotionalAppliesToMarket = minNotionalAppliesToMarket
  }

  init(_ payload: SymbolPayload) throws(BinanceError) {
    func value(_ text: String?, _ name: String) throws(BinanceError) -> Double {
      guard let text else { return 0 }
      return try number(text, "\(payload.symbol).\(name)")
    }
    self.init(
      symbol: payload.symbol, baseAsset: payload.baseAsset, quoteAsset: payload.quoteAsset,
      trading: payload.status == "TRADING", tickSize: 0, stepSize: 0)
    for filter in payload.filters {
      switch filter.filterType {
      case "PRICE_FILTER":
        tickSize = try value(filter.tickSize, "tickSize")
        minPrice = try value(filter.minPrice, "minPrice")
        maxPrice = try value(filter.maxPrice, "maxPrice")
      case "LOT_SIZE":
        stepSize = try value(filter.stepSize, "stepSize")
        minQuantity = try value(filter.minQty, "minQty")
        maxQuantity = try value(filter.maxQty, "maxQty")
      case "MARKET_LOT_SIZE":
        marketStepSize = try value(filter.stepSize, "stepSize")
        marketMinQuantity = try value(filter.minQty, "minQty")
        marketMaxQuantity = try value(filter.maxQty, "maxQty")
      case "MIN_NOTIONAL":
        minNotional = try value(filter.minNotional, "minNotional")
        minNotionalAppliesToMarket = filter.applyToMarket ?? true
      case "NOTIONAL":
        minNotional = try value(filter.minNotional, "minNotional")
        let maximum = try value(filter.maxNotional, "maxNotional")
        maxNotional = maximum > 0 ? maximum : .infinity
        minNotionalAppliesToMarket = filter.applyMinToMarket ?? true
      default:
        break
      }
    }
  }

  /// `value` rounded down to a multiple of `step` (unchanged when step is 0), tolerating the
  /// binary representation error of a value already on the grid.
  static func floor(_ value: Double, step: Double) -> Double {
    guard step > 0 else { return value }
    let units = (value / step + 1e-9).rounded(.down)
    return clean(units * step, step: step)
  }

  static func nearest(_ value: Double, step: Double) -> Double {
    guard step > 0 else { return value }
    return clean((value / step).rounded() * step, step: step)
  }

  /// Removes the binary noise of `units × step` by rounding to the step's decimals.
  static func clean(_ value: Double, step: Double) -> Double {
    let decimals = max(0, min(16, Int((-log10(step)).rounded(.up)) + 1))
    let scale = pow(10, Double(decimals))
    return (value * scale).rounded() / scale
  }

  /// The quantity an order of `quantity` is sent with: rounded down to the lot step.
  public func quantity(_ quantity: Double, market: Bool) -> Double {
    let step = market && marketStepSize > 0 ? marketStepSize : stepSize
    return Self.floor(quantity, step: step)
  }

  /// The limit price sent for `price`: the nearest tick.
  public func price(_ price: Double) -> Double { Self.nearest(price, step: tickSize) }

  /// Rounds an order and checks it against every filter; `price` is the limit, or for a
  /// market order the reference price its notional is judged at. Returns (quantity, price)
  /// as they will be sent.
  public func validate(quantity raw: Double, price rawPrice: Double, market: Bool) throws(BinanceError) -> (
    quantity: Double, price: Double
  ) {
    guard trading else { throw .rejectedLocally("\(symbol) is not trading") }
    guard raw.isFinite, raw > 0 else {
      throw .rejectedLocally("\(symbol): quantity must be a positive number, got \(raw)")
    }
    guard rawPrice.isFinite, rawPrice > 0 else {
      throw .rejectedLocally("\(symbol): price must be a positive number, got \(rawPrice)")
    }
    let q = quantity(raw, market: market)
    let p = market ? rawPrice : price(rawPrice)
    let (minQ, maxQ) =
      market && marketStepSize > 0 ? (marketMinQuantity, marketMaxQuantity) : (minQuantity, maxQuantity)
    let shown = BinanceSignature.decimal
    if q <= 0 || q < minQ {
      throw .rejectedLocally(
        "\(symbol): quantity \(shown(raw)) rounds to \(shown(q)), below the minimum \(shown(minQ)) (LOT_SIZE)"
      )
    }
    if maxQ > 0 && q > maxQ {
      throw .rejectedLocally("\(symbol): quantity \(shown(q)) above the maximum \(shown(maxQ)) (LOT_SIZE)")
    }
    if !market {
      if p < minPrice || p <= 0 {
        throw .rejectedLocally(
          "\(symbol): price \(shown(p)) below the minimum \(shown(minPrice)) (PRICE_FILTER)")
      }
      if maxPrice > 0 && p > maxPrice {
        throw .rejectedLocally(
          "\(symbol): price \(shown(p)) above the maximum \(shown(maxPrice)) (PRICE_FILTER)")
      }
    }
    let notional = q * p
    if (!market || minNotionalAppliesToMarket) && notional < minNotional {
      throw .rejectedLocally(
        "\(symbol): notional \(shown(notional)) below the minimum \(shown(minNotional)) (NOTIONAL)")
    }
    if notional > maxNotional {
      throw .rejectedLocally(
        "\(symbol): notional \(shown(notional)) above the maximum \(shown(maxNotional)) (NOTIONAL)")
    }
    return (q, p)
  }
}
