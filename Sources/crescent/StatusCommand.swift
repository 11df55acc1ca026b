import ArgumentParser
import Execution
import Foundation

/// `crescent status DIR [--json]`: the state of a dry-run or live directory.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show a dry-run or live state directory: positions, open orders, P&L, last decisions.",
    discussion: """
      Reads DIR/state.sqlite without writing to it: works while the engine runs there (it
      shows the last committed event) and on a finished run. Exit 2 when DIR holds no state.
      cash = starting cash + realised P&L − commissions paid; equity = cash + unrealised P&L
      (open positions at their last price).
      """)

  @Argument(help: "The state directory.")
  var directory: String

  @Flag(help: "Print one JSON object instead of the readable summary.")
  var json = false

  @Option(help: ArgumentHelp("How many of the latest decisions to show.", valueName: "n"))
  var decisions = 10

  func validate() throws {
    if decisions < 0 { throw ValidationError("--decisions must be 0 or more, got \(decisions)") }
  }

  func run() throws {
    let status: RunStatus
    do {
      status = try RunStatus.read(directory: directory, decisions: decisions)
    } catch {
      FileHandleOutput.standardError.write("crescent: \(error)\n")
      throw ExitCode(ExitStatus.usage)
    }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      let data = (try? encoder.encode(status)) ?? Data("{}".utf8)
      FileHandleOutput.standardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
    } else {
      FileHandleOutput.standardOutput.write(Self.render(status))
    }
  }

  static func money(_ x: Double) -> String { String(format: "%.2f", x) }

  static func render(_ s: RunStatus) -> String {
    var out = "state      \(s.directory) (\(s.finished ? "finished" : "running or stopped"), \(s.events) events"
    out += s.lastTick.map { ", last tick \($0))\n" } ?? ")\n"
    out += "cash       \(money(s.cash))\nequity     \(money(s.equity))\n"
    out += "realised   \(money(s.realizedPnl))\nunrealised \(money(s.unrealizedPnl))\n"
    out += "commission \(money(s.commissions))\n"
    out += "activity   \(s.orders) orders, \(s.fills) fills, \(s.trades) closed trades, \(s.rejections) refused orders\n"
    out += "\npositions (\(s.positions.count))\n"
    for p in s.positions {
      out += "  \(p.symbol) \(p.side) \(p.quantity) @ \(p.entryPrice) since \(p.entryTime)"
      if let stop = p.stop { out += " stop \(stop)" }
      if let target = p.target { out += " target \(target)" }
      if let last = p.lastPrice, let pnl = p.unrealizedPnl { out += " last \(last) pnl \(money(pnl))" }
      out += p.tag.isEmpty ? "\n" : " [\(p.tag)]\n"
    }
    out += "\nopen orders (\(s.openOrders.count))\n"
    for o in s.openOrders {
      out += "  \(o.clientId) \(o.side) \(o.quantity) \(o.symbol) \(o.kind) @ \(o.price) (\(o.purpose)) \(o.time)\n"
    }
    out += "\nlast decisions (\(s.decisions.count))\n"
    for d in s.decisions {
      var line = "  \(d.time) \(d.symbol) #\(d.index) \(d.action)"
      if let q = d.quantity { line += " \(q)" }
      if let tag = d.tag, !tag.isEmpty { line += " [\(tag)]" }
      line += " → \(d.verdict)"
      if let reason = d.reason { line += ": \(reason)" }
      if let id = d.clientId { line += " (\(id))" }
      out += line + "\n"
    }
    return out
  }
}
