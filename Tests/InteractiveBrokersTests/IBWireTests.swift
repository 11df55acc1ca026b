import Foundation
import Testing

@testable import IBGatewaySimulator
@testable import InteractiveBrokers

@Suite struct IBWireTests {
  @Test func handshakeIsAPIPrefixAndFramedVersionRange() {
    // "API\0", then length 9 big-endian, then "v176..176".
    #expect(IBWire.handshake() == Array("API\0".utf8) + [0, 0, 0, 9] + Array("v176..176".utf8))
  }

  @Test func messagesAreLengthPrefixedNulEndedFields() throws {
    let bytes = IBWire.encode(["71", "2", "17", ""])
    #expect(bytes == [0, 0, 0, 9] + Array("71\u{0}2\u{0}17\u{0}\u{0}".utf8))
    var reader = IBFrameReader()
    // In pieces, two messages back to back.
    let both = bytes + IBWire.encode(["9", "1", "42"])
    for b in both.prefix(5) { reader.append([b]) }
    #expect(try reader.next() == nil)
    reader.append(both.dropFirst(5))
    #expect(try reader.next() == ["71", "2", "17", ""])
    #expect(try reader.next() == ["9", "1", "42"])
    #expect(try reader.next() == nil)
  }

  @Test func oversizedLengthIsAnError() {
    var reader = IBFrameReader()
    reader.append([0x7F, 0xFF, 0xFF, 0xFF])
    #expect(throws: IBFrameReader.ReadError.self) { try reader.next() }
  }

  @Test func placeOrderHasTheFieldCountOfServer176() {
    let spec = IBOutbound.OrderSpec(
      orderId: 5, contract: IBContract(symbol: "QQQ"), action: "BUY", quantity: 2, orderType: "MKT", limitPrice: nil,
      account: "DU1", orderRef: "e-1")
    let f = IBOutbound.placeOrder(spec)
    #expect(f.count == IBOutbound.placeOrderFieldCount)
    #expect(f[0] == "3" && f[1] == "5" && f[3] == "QQQ" && f[11] == "USD" && f[16] == "BUY" && f[17] == "2")
    #expect(f[18] == "MKT" && f[23] == "DU1" && f[26] == "e-1")
  }

  @Test func decodesErrorsAndStatusesAndRejectsGarbage() throws {
    #expect(try IBInbound.decode(["4", "2", "7", "201", "Order rejected", ""]) == .error(id: 7, code: 201, message: "Order rejected"))
    #expect(throws: IBError.self) { try IBInbound.decode(["x"]) }
    #expect(throws: IBError.self) { try IBInbound.decode(["3", "7", "Filled", "abc"]) }
    guard case let .orderStatus(s) = try IBInbound.decode(["3", "7", "Filled", "10", "0", "400.5", "1", "0", "400.5", "17", "", ""])
    else {
      Issue.record("not an order status")
      return
    }
    #expect(s.isDone && s.filled == 10 && s.averagePrice == 400.5)
  }

  @Test func contractListParsesAndRejectsBadItems() throws {
    let list = try IBContract.parseList("QQQ=STK:SMART:USD:NASDAQ, VUSA=STK:LSEETF:GBP")
    #expect(list["QQQ"]?.primaryExchange == "NASDAQ" && list["VUSA"]?.currency == "GBP")
    #expect(throws: IBError.self) { try IBContract.parseList("QQQ=STK:SMART") }
  }
}

/// The simulator's messages decode with the client's layouts (both at server 176).
@Suite struct IBLayoutTests {
  let contract = SimulatedContract(conId: 9, symbol: "QQQ", price: 400)

  var order: SimulatedOrder {
    SimulatedOrder(
      orderId: 12, clientId: 17, permId: 99, contract: contract, action: "SELL", quantity: 3, orderType: "LMT",
      limitPrice: 401.5, account: "DU1", orderRef: "crs-7", status: "Submitted")
  }

  @Test func openOrderCarriesRefAndStatusAt128Fields() throws {
    let fields = IBEncoders.openOrder(order)
    #expect(fields.count == 128)
    guard case let .openOrder(o) = try IBInbound.decode(fields) else {
      Issue.record("not an open order")
      return
    }
    #expect(o.orderId == 12 && o.orderRef == "crs-7" && o.status == "Submitted" && o.action == "SELL")
    #expect(o.quantity == 3 && o.limitPrice == 401.5 && o.account == "DU1" && o.contract.currency == "USD")
  }

  @Test func executionsCommissionsAndContractDetailsDecode() throws {
    let e = SimulatedExecution(execId: "0001.01", shares: 3, price: 401.5, commission: 0.35, time: Date(timeIntervalSince1970: 1_700_000_000))
    guard case let .execution(reqId, x) = try IBInbound.decode(IBEncoders.execution(order, e, reqId: 4, cumulative: 3, average: 401.5))
    else {
      Issue.record("not an execution")
      return
    }
    #expect(reqId == 4 && x.orderRef == "crs-7" && x.shares == 3 && x.price == 401.5 && x.side == "SLD")
    #expect(x.nanoseconds == 1_700_000_000_000_000_000)
    #expect(try IBInbound.decode(IBEncoders.commission(e, currency: "USD")) == .commission(execId: "0001.01", amount: 0.35, currency: "USD"))
    guard case let .contractDetails(7, d) = try IBInbound.decode(IBEncoders.contractDetails(reqId: 7, contract)) else {
      Issue.record("not contract details")
      return
    }
    #expect(d.contract.conId == 9 && d.contract.currency == "USD" && d.minTick == 0.01 && d.sizeIncrement == 1)
    #expect(d.contract.primaryExchange == "NASDAQ")
  }
}
