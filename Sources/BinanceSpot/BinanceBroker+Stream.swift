import Execution
import Foundation

extension BinanceBroker {
  /// Records an `executionReport` (a repeated trade id is ignored) and wakes `submit`.
  func receive(_ report: ExecutionReport) {
    var fill: Fill?
    let fresh: Bool = withState { latest, executions in
      if report.executionType == "TRADE" {
        if executions[report.clientId, default: []].contains(where: { $0.tradeId == report.tradeId }) {
          return false
        }
        executions[report.clientId, default: []].append(report)
      }
      let state = report.report
      if let known = latest[report.clientId], !Self.isNewer(state, than: known) { return true }
      latest[report.clientId] = state
      return true
    }
    guard fresh, report.executionType == "TRADE", let rules = rules[report.symbol] else { return }
    var commission = report.commission
    if report.commissionAsset == rules.baseAsset {
      commission *= report.lastPrice
    } else if let asset = report.commissionAsset, asset != rules.quoteAsset {
      commission = options.commission.amount(quantity: report.lastQuantity, price: report.lastPrice)
    }
    fill = Fill(
      clientId: report.clientId, symbol: report.symbol, side: report.side, quantity: report.lastQuantity,
      price: report.lastPrice, commission: commission, time: report.time * 1_000_000)
    if let fill { onFill?(fill) }
  }

  /// Applies an `outboundAccountPosition` to the balances (held back while they are read).
  func receive(_ position: AccountPosition) {
    mutate {
      if accountBacklog != nil {
        accountBacklog?.append(position)
        return
      }
      guard account != nil else { return }
      for balance in position.balances { account?[balance.asset] = balance }
    }
  }

  /// Keeps `streamLive` and the notices in step with the connection: a (re)connection is
  /// reconciled over REST before the stream counts as live; a drop makes `submit` poll.
  func streamChanged(_ status: StreamStatus) {
    switch status {
    case let .connected(reconnect):
      var notice: UserStreamNotice
      do {
        let count = try reconcile()
        notice = UserStreamNotice(reconnect ? .reconnected : .connected, reconciled: reconnect ? count : nil)
      } catch {
        notice = UserStreamNotice(.unreconciled, reason: error.description)
      }
      let sink = mutate {
        streamEverConnected = true
        return notify
      }
      sink?(notice)
    case let .disconnected(reason):
      let (wasLive, ever, sink) = mutate {
        let was = streamLive
        streamLive = false
        account = nil
        return (was, streamEverConnected, notify)
      }
      // One notice per outage: the drop of a live stream, or a first connection that failed.
      if wasLive {
        sink?(UserStreamNotice(.dropped, reason: reason))
      } else if !ever {
        mutate { streamEverConnected = true }
        sink?(UserStreamNotice(.unavailable, reason: reason))
      }
    case .reconnecting:
      break
    }
    onStatus?(status)
  }

  /// After a (re)connection: re-reads every order `submit` follows and the balances over
  /// REST (reports sent while disconnected are not replayed), then marks the stream live.
  /// Returns the number of orders re-read.
  func reconcile() throws(BinanceError) -> Int {
    let orders = mutate {
      account = nil
      accountBacklog = []
      return following
    }
    do {
      for (clientId, symbol) in orders.sorted(by: { $0.key < $1.key }) {
        if let report = try rest.order(clientId: clientId, symbol: symbol) { absorb(report) }
      }
      let balances = try rest.balances()
      mutate {
        var map = Dictionary(balances.map { ($0.asset, $0) }) { _, last in last }
        for position in accountBacklog ?? [] {
          for balance in position.balances { map[balance.asset] = balance }
        }
        account = map
        accountBacklog = nil
        streamLive = true
      }
      return orders.count
    } catch {
      mutate {
        accountBacklog = nil
        account = nil
      }
      throw error
    }
  }

  /// Takes a report read over REST when it is newer than what the stream said.
  func absorb(_ report: OrderReport) {
    withState { latest, _ in
      if let known = latest[report.clientId], !Self.isNewer(report, than: known) { return }
      latest[report.clientId] = report
    }
  }

  /// The finished order as the live stream reported it, or nil.
  func finishedOnStream(_ clientId: String, symbol: String) -> OrderReport? {
    condition.withLock {
      guard streamLive, let report = latest[clientId], report.symbol == symbol, !report.status.isWorking
      else { return nil }
      return report
    }
  }

  /// The balances the live stream keeps (non-zero, by asset), or nil.
  func streamedBalances() -> [AssetBalance]? {
    condition.withLock {
      guard streamLive, let account else { return nil }
      return account.values.filter { $0.free != 0 || $0.locked != 0 }.sorted { $0.asset < $1.asset }
    }
  }
}
