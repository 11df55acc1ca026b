/// One effect a symbol's trading has on the shared account, logged by a speculative
/// one-symbol engine (see `Portfolio`) and replayed in the sequential engine's order.
enum AccountEvent {
  /// An entry filled at `bar`: the symbol's last price at that moment (`mark`), what the
  /// cash check compares (`cost` = quantity × price + commission) and the trade opened.
  case enter(bar: Int, mark: Double, cost: Double, commission: Double, direction: Double, quantity: Double, price: Double)
  /// Open trade number `index` of the symbol (in opening order among the symbol's open
  /// trades) closed some quantity: the cash changed by `change`; `remaining` units are left,
  /// or the trade is gone (`removed`). The closed part is the symbol's next `Trade`.
  case book(bar: Int, index: Int, change: Double, commission: Double, remaining: Double, removed: Bool)
  /// The sizing refused an entry: the symbol's next `Rejection`.
  case reject(bar: Int)
  /// An ambiguous bar's P&L under each intrabar policy.
  case ambiguity(bar: Int, pessimistic: Double, optimistic: Double, nearest: Double)

  var bar: Int {
    switch self {
    case let .enter(bar, _, _, _, _, _, _), let .book(bar, _, _, _, _, _), let .reject(bar), let .ambiguity(bar, _, _, _):
      return bar
    }
  }
}

/// The account events of one symbol, in the order its engine produced them.
final class AccountLog {
  @exclusivity(unchecked) var events: [AccountEvent] = []
  /// How many events came from the bars; the rest are the end-of-data closes.
  @exclusivity(unchecked) var barEvents = 0
}
