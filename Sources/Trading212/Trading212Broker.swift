import BrokerSupport
import Execution
import Foundation

/// Trading212 through its public REST API (v0), behind `Broker`.
///
/// Trading212's order endpoints take no client order id and are not idempotent, so the
/// broker keeps an `OrderJournal` in the run's state directory (`trading212-orders.jsonl`):
/// the engine's client id, ticker, side, quantity and wall-clock time are made durable before
/// the POST, Trading212's order id as soon as its answer arrives. An order whose id is
/// journalled is followed by that id. An order journalled without an id (the process died,
/// or the connection failed, between the POST and its answer) is looked for among pending
/// orders (`GET /equity/orders`) and the ticker's order history
/// (`GET /equity/history/orders?ticker=`): the oldest order of the same ticker, side and
/// quantity created no earlier than the journal's time less `clockSkew`, and not tied to
/// another client id, is taken as it, so it is never placed twice. Only when none exists is
/// the order sent again. (A manual order of the same ticker, side and quantity in that
/// window would be mistaken for it.)
///
/// Fills: a pending order is re-read every `pollInterval`; once it is no longer pending its
/// history items give the executed quantity and the volume-weighted price, in the
/// instrument's currency (pence for `GBX` instruments). The rest is cancelled at
/// `fillTimeout`. Trading212 charges no commission on these orders; its FX fee and taxes are
/// in the account currency and are not booked as commission.
public final class Trading212Broker: AccountBroker, InstrumentCatalog, @unchecked Sendable {
  public let rest: T212REST
  public let options: Trading212BrokerOptions
  let journal: OrderJournal
  /// The account's primary currency (orders execute in it).
  public let accountCurrency: String
  /// Instruments of the traded symbols, by engine symbol.
  public let instruments: [String: T212Instrument]
  let ledger: FillLedger

  public init(
    rest: T212REST, symbols: [String], options: Trading212BrokerOptions = .init(), fills: [Fill] = [],
    journal: String? = nil
  ) throws(T212Error) {
    guard !symbols.isEmpty else { throw .configuration("the broker needs at least one symbol") }
    self.rest = rest
    self.options = options
    do { self.journal = try OrderJournal(path: journal) } catch { throw .configuration(error.message) }
    let retries = options.retries, backoff = options.backoff
    accountCurrency = try retrying(attempts: retries, backoff: backoff, isRetryable: { $0.isAmbiguous }) {
      () throws(T212Error) in try rest.accountSummary().currency
    }
    let all = try retrying(attempts: retries, backoff: backoff, isRetryable: { $0.isAmbiguous }) {
      () throws(T212Error) in try rest.instruments()
    }
    let byTicker = Dictionary(all.map { ($0.ticker, $0) }) { a, _ in a }
    var found: [String: T212Instrument] = [:]
    for symbol in symbols {
      let ticker = options.tickers[symbol] ?? symbol
      guard let instrument = byTicker[ticker] else {
        throw .configuration(
          "Trading212 lists no instrument \(ticker) for symbol \(symbol); map it with CRESCENT_TRADING212_TICKERS (SYMBOL=TICKER, e.g. VUSA=VUSAl_EQ)")
      }
      found[symbol] = instrument
    }
    instruments = found
    ledger = FillLedger(fills)
  }

  // MARK: Broker

  public func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double { reference }

  /// Trading212 charges no commission on share orders.
  public func commission(quantity: Double, price: Double) -> Double { 0 }

  /// Idempotent per client id: a booked fill is returned, an order sent before is followed,
  /// a new one is journalled and sent.
  public func submit(_ order: Order) throws(BrokerError) -> Fill {
    do { return try ledger.once(order.clientId) { () throws(T212Error) in try execute(order) } } catch {
      throw BrokerError(clientId: order.clientId, error)
    }
  }

  public func lookup(_ order: Order) throws(BrokerError) -> OrderLookup {
    if let done = ledger[order.clientId] { return .filled(done) }
    do {
      guard let instrument = instruments[order.symbol] else { return .unknown }
      guard let id = try locate(order, ticker: instrument.ticker) else { return .unknown }
      let (quantity, price, time, status) = try follow(id: id, order: order, ticker: instrument.ticker)
      guard quantity > 0 else { return .unfilled(status) }
      let fill = Fill(
        clientId: order.clientId, symbol: order.symbol, side: order.side, quantity: quantity, price: price,
        commission: 0, time: time)
      _ = ledger.once(order.clientId) { fill }
      return .filled(fill)
    } catch {
      throw BrokerError(clientId: order.clientId, error)
    }
  }

  public func lotRules(symbol: String) -> LotRules? { nil }

  // MARK: InstrumentCatalog

  public func instrument(symbol: String) -> InstrumentInfo? {
    guard let i = instruments[symbol] else { return nil }
    return InstrumentInfo(symbol: symbol, brokerSymbol: i.ticker, quoteCurrency: i.currency)
  }
}
