/// Everything a run produced; Analytics turns it into stats, tables and files.
public struct BacktestResult: Sendable {
  /// Symbol names, in input order.
  public var symbols: [String]
  /// Closed trades and parts of trades, in the order they closed.
  public var trades: [Trade]
  /// Trades still open after the last bar when `closeAtEnd` is false, valued at the last
  /// close (reason `open`, pnl net of the entry commission only).
  public var openTrades: [Trade]
  /// One point per distinct bar time across all symbols (UTC nanoseconds), ascending.
  public var time: [Int64]
  /// Equity at each time's close: cash plus open trades valued at each symbol's last close.
  /// The last point is after the end-of-data closes.
  public var equity: [Double]
  /// Whether any trade was open at each time's close (before end-of-data closes).
  public var exposed: [Bool]
  public var rejections: [Rejection]
  public var skipped: [SkipReason: Int]
  public var ambiguity: AmbiguityLedger
  /// Sum of all commissions charged.
  public var commissions: Double
  public var initialCash: Double
  /// First and last close per symbol, for the buy-and-hold benchmark.
  public var firstClose: [Double]
  public var lastClose: [Double]

  public init(
    symbols: [String], trades: [Trade], openTrades: [Trade], time: [Int64], equity: [Double],
    exposed: [Bool], rejections: [Rejection], skipped: [SkipReason: Int],
    ambiguity: AmbiguityLedger, commissions: Double, initialCash: Double,
    firstClose: [Double], lastClose: [Double]
  ) {
    self.symbols = symbols
    self.trades = trades
    self.openTrades = openTrades
    self.time = time
    self.equity = equity
    self.exposed = exposed
    self.rejections = rejections
    self.skipped = skipped
    self.ambiguity = ambiguity
    self.commissions = commissions
    self.initialCash = initialCash
    self.firstClose = firstClose
    self.lastClose = lastClose
  }

  /// The last equity point, or the initial cash for an empty run.
  public var finalEquity: Double { equity.last ?? initialCash }
}
