import BrokerSupport
import Execution
import Foundation

/// Interactive Brokers through the TWS API (TWS or IB Gateway), behind `Broker`.
///
/// Order ids: TWS wants a fresh positive id per order and client id, at least its
/// `nextValidId`. The broker takes max(nextValidId, largest id in its journal + 1), writes the
/// engine's client id, the order and the chosen id to its `OrderJournal` (fsync'd) and only
/// then sends `placeOrder`, with the engine's client id as `orderRef`. So a restart never
/// reuses an id, and an order the previous process may have sent is found again — by the
/// journal's id, or by `orderRef` among TWS's open orders (`reqAllOpenOrders`) and the day's
/// executions (`reqExecutions`) — and followed instead of placed again. An id the journal
/// holds but TWS does not know is sent again under the same id: TWS refuses a second order
/// with an id it has seen (error 103), so it cannot execute twice.
///
/// Fills are the order's executions (`execDetails`, de-duplicated by execId): quantity their
/// sum, price their volume-weighted average, commission the sum of their `commissionReport`s
/// (in the report's currency, the contract's for stocks). A working order is followed until
/// done; the rest is cancelled at `fillTimeout`. When the socket drops, the broker reconnects
/// with `backoff` and re-reads open orders and executions before going on. Without executions
/// today (TWS keeps them for the day) an order that ended unfilled before a restart reads as
/// unknown.
public final class IBBroker: AccountBroker, InstrumentCatalog, @unchecked Sendable {
  let client: IBClient
  public let options: IBBrokerOptions
  let journal: OrderJournal
  /// The account orders go to.
  public let account: String
  /// The account's base currency, from the account summary.
  public let accountCurrency: String
  /// Contract details of the traded symbols.
  let contracts: [String: IBContractDetails]
  let ledger: FillLedger

  /// Connects, checks the account and loads the symbols' contracts.
  ///
  /// - Parameters:
  ///   - journal: the order journal's path (nil: in memory only; then a restart relies on
  ///     `orderRef` alone).
  public init(
    options: IBBrokerOptions, symbols: [String], fills: [Fill] = [], journal: String? = nil,
    log: (@Sendable (String) -> Void)? = nil
  ) throws(IBError) {
    guard !symbols.isEmpty else { throw .configuration("the broker needs at least one symbol") }
    self.options = options
    do { self.journal = try OrderJournal(path: journal) } catch { throw .configuration(error.message) }
    let client = IBClient(
      host: options.host, port: options.port, clientId: options.clientId, timeout: Double(options.timeout) / 1000,
      messagesPerSecond: options.messagesPerSecond, log: log)
    self.client = client
    try retrying(attempts: options.reconnectAttempts, backoff: options.backoff, isRetryable: { $0.isTransient }) {
      () throws(IBError) in try client.connect()
    }
    let accounts = client.read { $0.accounts }
    if options.account.isEmpty {
      account = accounts[0]
    } else {
      guard accounts.contains(options.account) else {
        throw .configuration("account \(options.account) is not among those TWS manages for this login (\(accounts.count) accounts)")
      }
      account = options.account
    }
    var loaded: [String: IBContractDetails] = [:]
    for symbol in symbols {
      loaded[symbol] = try Self.contractDetails(client, options.contracts[symbol] ?? IBContract(symbol: symbol))
    }
    contracts = loaded
    accountCurrency = try Self.baseCurrency(client, account: account)
    ledger = FillLedger(fills)
  }

  deinit { client.disconnect() }

  /// Closes the session.
  public func stop() { client.disconnect() }

  static func contractDetails(_ client: IBClient, _ contract: IBContract) throws(IBError) -> IBContractDetails {
    let reqId = client.nextRequestId()
    try client.send(IBOutbound.reqContractDetails(reqId: reqId, contract: contract))
    let done = client.wait(seconds: client.timeout) {
      $0.finished.contains("details \(reqId)") || !$0.errors(for: Int64(reqId)).isEmpty
    }
    if let e = client.read({ $0.errors(for: Int64(reqId)).first }) {
      throw .configuration("contract \(contract.symbol) \(contract.secType) \(contract.exchange) \(contract.currency): IB error \(e.code): \(e.message)")
    }
    guard done, let list = client.read({ $0.details[reqId] }), let first = list.first else {
      throw .configuration("TWS knows no contract \(contract.symbol) \(contract.secType) \(contract.exchange) \(contract.currency)")
    }
    guard list.count == 1 else {
      throw .configuration(
        "\(contract.symbol) matches \(list.count) contracts; name one in CRESCENT_IB_CONTRACTS (SYMBOL=SECTYPE:EXCHANGE:CURRENCY[:PRIMARY])")
    }
    return first
  }

  static func baseCurrency(_ client: IBClient, account: String) throws(IBError) -> String {
    let reqId = client.nextRequestId()
    try client.send(IBOutbound.reqAccountSummary(reqId: reqId, tags: "TotalCashValue"))
    defer { try? client.send(IBOutbound.cancelAccountSummary(reqId: reqId)) }
    client.wait(seconds: client.timeout) { $0.finished.contains("summary \(reqId)") }
    let rows = client.read { $0.summaries[reqId] ?? [] }
    guard let row = rows.first(where: { $0.account == account && $0.tag == "TotalCashValue" }), !row.currency.isEmpty
    else { throw .timeout("no account summary for \(account)") }
    return row.currency
  }

  // MARK: Broker

  /// Market orders fill at TWS's price; the reference is the best estimate.
  public func expectedPrice(side: OrderSide, reference: Double, atr: Double) -> Double { reference }

  public func commission(quantity: Double, price: Double) -> Double {
    options.commission.amount(quantity: quantity, price: price)
  }

  /// Idempotent per client id: a booked fill is returned, an order sent before is followed,
  /// a new one is journalled and sent.
  public func submit(_ order: Order) throws(BrokerError) -> Fill {
    do { return try ledger.once(order.clientId) { () throws(IBError) in try execute(order) } } catch {
      throw BrokerError(clientId: order.clientId, error)
    }
  }

  public func lotRules(symbol: String) -> LotRules? {
    guard let d = contracts[symbol] else { return nil }
    return LotRules(step: d.sizeIncrement, minQuantity: d.minSize)
  }

  // MARK: InstrumentCatalog

  public func instrument(symbol: String) -> InstrumentInfo? {
    guard let d = contracts[symbol] else { return nil }
    return InstrumentInfo(
      symbol: symbol, brokerSymbol: String(d.contract.conId), quoteCurrency: d.contract.currency,
      quantityStep: d.sizeIncrement, minQuantity: d.minSize)
  }
}
