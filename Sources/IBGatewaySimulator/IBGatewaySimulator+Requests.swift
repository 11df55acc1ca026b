import Foundation

extension IBGatewaySimulator {
  func admit(client: Int) -> Bool {
    lock.withLock {
      if connectedClients.contains(client) { return false }
      connectedClients.insert(client)
      return true
    }
  }

  func nextValidId(client: Int) -> Int64 { lock.withLock { nextIdByClient[client] ?? 1 } }

  /// Handles one request; false closes the connection.
  func handle(_ fields: [String], from session: Session) -> Bool {
    guard let id = fields.first.flatMap(Int.init), let client = session.clientId else { return false }
    switch id {
    case 3: return placeOrder(fields, from: session, client: client)
    case 4:
      guard fields.count == 4, let orderId = Int64(fields[2]) else {
        session.send(IBEncoders.error(id: -1, code: 320, "Error reading request: cancelOrder needs 4 fields at 176"))
        return true
      }
      cancel(orderId: orderId, client: client, session: session)
    case 16, 5:
      let list = lock.withLock { orders.filter { $0.working && (id == 16 || $0.clientId == client) } }
      for o in list {
        session.send(IBEncoders.openOrder(o))
        session.send(IBEncoders.orderStatus(o))
      }
      session.send(["53", "1"])
    case 7:
      guard fields.count == 10, let reqId = Int(fields[2]) else {
        session.send(IBEncoders.error(id: -1, code: 320, "Error reading request: reqExecutions needs 10 fields"))
        return true
      }
      let filter = Int(fields[3]) ?? 0
      let list = lock.withLock { orders.filter { filter == 0 || $0.clientId == filter } }
      for o in list { sendExecutions(o, upTo: o.executions.count, reqId: reqId, to: session) }
      session.send(["55", "1", String(reqId)])
    case 9:
      guard fields.count == 19, let reqId = Int(fields[2]) else {
        session.send(IBEncoders.error(id: -1, code: 320, "Error reading request: reqContractDetails needs 19 fields at 176"))
        return true
      }
      let symbol = fields[4], currency = fields[12]
      let found = lock.withLock { contracts[symbol] }
      if let c = found, c.currency == currency || currency.isEmpty, fields[5] == "STK" {
        session.send(IBEncoders.contractDetails(reqId: reqId, c))
        session.send(["52", "1", String(reqId)])
      } else {
        session.send(IBEncoders.error(id: Int64(reqId), code: 200, "No security definition has been found for the request"))
      }
    case 61:
      let held: [(SimulatedContract, Double, Double)] = lock.withLock {
        contracts.values.sorted { $0.symbol < $1.symbol }.compactMap { c in
          let fills = orders.filter { $0.contract.symbol == c.symbol }
          let q = fills.reduce(0) { $0 + ($1.action == "BUY" ? $1.filled : -$1.filled) }
          return q == 0 ? nil : (c, q, c.price)
        }
      }
      for (c, q, p) in held {
        session.send(["61", "3", account] + IBEncoders.contractFields(c) + [field(q), field(p)])
      }
      session.send(["62", "1"])
    case 62:
      guard fields.count == 5, let reqId = Int(fields[2]) else { return true }
      let (total, currency) = lock.withLock { (cash, baseCurrency) }
      for tag in fields[4].split(separator: ",") {
        let value: Double? = tag == "TotalCashValue" || tag == "AvailableFunds" || tag == "NetLiquidation" ? total : nil
        if let value { session.send(["63", "1", String(reqId), account, String(tag), field(value), currency]) }
      }
      session.send(["64", "1", String(reqId)])
    case 49: session.send(["49", "1", String(Int64(Date().timeIntervalSince1970))])
    case 8: session.send(["9", "1", String(nextValidId(client: client))])
    case 63, 64: break
    default:
      session.send(IBEncoders.error(id: -1, code: 503, "The TWS is out of date and must be upgraded (message \(id) not simulated)"))
    }
    return true
  }

  func sendExecutions(_ o: SimulatedOrder, upTo count: Int, reqId: Int, to session: Session) {
    var cumulative = 0.0
    var value = 0.0
    for e in o.executions.prefix(count) {
      cumulative += e.shares
      value += e.shares * e.price
      session.send(IBEncoders.execution(o, e, reqId: reqId, cumulative: cumulative, average: value / cumulative))
      session.send(IBEncoders.commission(e, currency: o.contract.currency))
    }
  }
}
