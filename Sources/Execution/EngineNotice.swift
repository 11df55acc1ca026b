import Foundation
import MarketData
import Simulator

/// One thing an operator is told about: a run starting or stopping, a fill, a closed trade,
/// a rejected intent or order, an error. Rendered as one readable console line or one JSON
/// object (console `--log-json`, webhook bodies). Carries no credentials by construction:
/// its fields come from orders, fills, trades and decisions.
public struct EngineNotice: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case start, stop, fill, trade, rejection, error
  }

  /// A JSON scalar.
  public enum Value: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)

    var json: String {
      switch self {
      case let .text(s): return EngineNotice.quote(s)
      case let .number(x): return x.isFinite ? "\(x)" : "null"
      case let .integer(n): return String(n)
      case let .bool(b): return b ? "true" : "false"
      }
    }

    var plain: String {
      switch self {
      case let .text(s): return s
      case let .number(x): return "\(x)"
      case let .integer(n): return String(n)
      case let .bool(b): return b ? "true" : "false"
      }
    }
  }

  public var kind: Kind
  /// Engine time (ISO-8601 UTC) the event belongs to; nil for start and stop.
  public var time: String?
  /// One readable sentence.
  public var message: String
  /// Extra fields, in order.
  public var fields: [(String, Value)]

  public init(_ kind: Kind, time: Int64? = nil, message: String, fields: [(String, Value)] = []) {
    self.kind = kind
    self.time = time.map(UTCTime.iso)
    self.message = message
    self.fields = fields
  }

  public static func == (a: EngineNotice, b: EngineNotice) -> Bool {
    a.kind == b.kind && a.time == b.time && a.message == b.message && a.fields.map(\.0) == b.fields.map(\.0)
      && a.fields.map(\.1) == b.fields.map(\.1)
  }

  /// `{"event":"fill","time":"…","message":"…",…}` on one line.
  public var json: String {
    var members = ["\"event\":" + Self.quote(kind.rawValue)]
    if let time { members.append("\"time\":" + Self.quote(time)) }
    members.append("\"message\":" + Self.quote(message))
    for (key, value) in fields { members.append(Self.quote(key) + ":" + value.json) }
    return "{" + members.joined(separator: ",") + "}"
  }

  /// `2004-08-20T00:00:00Z fill buy 10 GOOG at 108.31 (entry, order dryrun-1)`.
  public var line: String {
    (time.map { $0 + " " } ?? "") + kind.rawValue + " " + message
  }

  static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// The notifications for one committed batch of journal entries: fills (with the purpose of
  /// their order), closed trades, refused orders, rejected intents and strategy errors.
  public static func from(_ entries: [JournalEntry]) -> [EngineNotice] {
    var purposes: [String: String] = [:]
    var out: [EngineNotice] = []
    for entry in entries {
      switch entry {
      case let .order(o): purposes[o.clientId] = o.purpose
      case let .fill(f):
        let purpose = purposes[f.clientId] ?? "order"
        out.append(
          EngineNotice(
            .fill, time: f.time,
            message: "\(f.side.rawValue) \(f.quantity) \(f.symbol) at \(f.price) (\(purpose), order \(f.clientId))",
            fields: [
              ("symbol", .text(f.symbol)), ("side", .text(f.side.rawValue)), ("qty", .number(f.quantity)),
              ("price", .number(f.price)), ("commission", .number(f.commission)), ("purpose", .text(purpose)),
              ("client_id", .text(f.clientId)),
            ]))
      case let .trade(t):
        out.append(
          EngineNotice(
            .trade, time: t.exitTime,
            message:
              "\(t.side.rawValue) \(t.quantity) \(t.symbol) closed (\(t.exitReason.rawValue)): \(t.entryPrice) → \(t.exitPrice), pnl \(t.pnl)",
            fields: [
              ("symbol", .text(t.symbol)), ("side", .text(t.side.rawValue)), ("tag", .text(t.tag)),
              ("qty", .number(t.quantity)), ("entry_price", .number(t.entryPrice)),
              ("exit_price", .number(t.exitPrice)), ("pnl", .number(t.pnl)),
              ("exit_reason", .text(t.exitReason.rawValue)),
            ]))
      case let .rejection(r):
        out.append(
          EngineNotice(
            .rejection, time: r.time, message: "\(r.side.rawValue) \(r.symbol) order \(r.clientId) refused: \(r.reason)",
            fields: [
              ("symbol", .text(r.symbol)), ("side", .text(r.side.rawValue)), ("tag", .text(r.tag)),
              ("qty", .number(r.quantity)), ("price", .number(r.price)), ("reason", .text(r.reason)),
              ("client_id", .text(r.clientId)),
            ]))
      case let .decision(d):
        guard case let .reject(reason) = d.verdict else { continue }
        guard let intent = d.intent else {
          out.append(
            EngineNotice(
              .error, time: d.time, message: "\(d.symbol) candle \(d.bar + 1): \(reason)",
              fields: [("symbol", .text(d.symbol)), ("index", .integer(d.bar + 1)), ("reason", .text(reason))]))
          continue
        }
        var fields: [(String, Value)] = [
          ("symbol", .text(d.symbol)), ("index", .integer(d.bar + 1)), ("action", .text(intent.action.rawValue)),
        ]
        if let q = intent.quantity { fields.append(("qty", .number(q))) }
        if let tag = intent.tag { fields.append(("tag", .text(tag))) }
        fields.append(("reason", .text(reason)))
        out.append(
          EngineNotice(
            .rejection, time: d.time, message: "\(intent.action.rawValue) \(d.symbol) rejected: \(reason)",
            fields: fields))
      case .equity: continue
      }
    }
    return out
  }
}
