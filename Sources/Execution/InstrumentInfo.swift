/// How a broker quotes an instrument's prices: the currency of its quotes and how many quote
/// units make one unit of the currency it settles in. London-listed instruments quoted in
/// pence (`GBX`) settle in pounds: `quoteCurrency` "GBX", `settlementCurrency` "GBP",
/// `unitsPerSettlement` 100, so a price of 7 512.5 GBX is 75.125 GBP.
///
/// Prices, fills and the engine's cash stay in quote units today; FX-aware sizing converts
/// with `settlementValue(_:)` and a rate from the settlement currency to the account's.
public struct InstrumentInfo: Sendable, Equatable, Codable {
  /// The engine's symbol.
  public var symbol: String
  /// The broker's own identifier (IB's contract id as text, Trading212's ticker such as
  /// `VUSAl_EQ`); equal to `symbol` when the broker has no other.
  public var brokerSymbol: String
  /// ISO 4217 code of the quotes, or a minor unit such as `GBX` (pence) or `ZAC`.
  public var quoteCurrency: String
  /// ISO 4217 code of the currency trades settle in (`GBP` for `GBX` quotes).
  public var settlementCurrency: String
  /// Quote units per settlement unit: 1 for major-unit quotes, 100 for pence.
  public var unitsPerSettlement: Double
  /// The smallest quantity step (0: any fraction), as the broker states it.
  public var quantityStep: Double
  /// The smallest quantity the broker accepts (0: no minimum).
  public var minQuantity: Double

  public init(
    symbol: String, brokerSymbol: String? = nil, quoteCurrency: String, quantityStep: Double = 0,
    minQuantity: Double = 0
  ) {
    self.symbol = symbol
    self.brokerSymbol = brokerSymbol ?? symbol
    let unit = Self.minorUnit(quoteCurrency)
    self.quoteCurrency = quoteCurrency
    self.settlementCurrency = unit.major
    self.unitsPerSettlement = unit.per
    self.quantityStep = quantityStep
    self.minQuantity = minQuantity
  }

  /// `value` in quote units (a price or price × quantity) expressed in the settlement currency.
  public func settlementValue(_ value: Double) -> Double { value / unitsPerSettlement }

  /// Minor currency units brokers quote in, with their major currency: pence (`GBX`, also
  /// written `GBp`), South African cents (`ZAC`), Israeli agorot (`ILA`).
  public static func minorUnit(_ code: String) -> (major: String, per: Double) {
    switch code {
    case "GBX", "GBp": return ("GBP", 100)
    case "ZAC", "ZAc": return ("ZAR", 100)
    case "ILA": return ("ILS", 100)
    default: return (code.uppercased(), 1)
    }
  }
}

/// What a broker knows of its account's currency and of the instruments it trades. Brokers
/// that trade in several currencies (Interactive Brokers, Trading212) conform; for the others
/// (paper, Binance) `AnyBroker` answers nil, meaning "the strategy's cash currency, prices in
/// the same unit".
public protocol InstrumentCatalog {
  /// ISO 4217 code of the account's base currency (`GBP`, `USD`).
  var accountCurrency: String { get }
  /// The instrument traded as `symbol`, nil when the broker does not know it.
  func instrument(symbol: String) -> InstrumentInfo?
}

extension AnyBroker {
  /// The wrapped broker's account currency, nil when it has no catalog (paper, Binance).
  public var accountCurrency: String? { (box.base as? any InstrumentCatalog)?.accountCurrency }

  /// The wrapped broker's description of `symbol`, nil when it has no catalog or does not
  /// know the symbol.
  public func instrument(symbol: String) -> InstrumentInfo? {
    (box.base as? any InstrumentCatalog)?.instrument(symbol: symbol)
  }
}
