import Foundation
import MarketData
import Simulator

/// The risk layer's answer to one entry intent.
public enum Verdict: Sendable, Equatable, Codable {
  case approve
  /// Approve with this quantity (units, > 0) instead of the requested or sized one.
  case resize(Double)
  case reject(String)

  public var isRejection: Bool {
    if case .reject = self { return true }
    return false
  }
}

/// What the risk layer reviews: the intent and the account at the decision.
public struct RiskRequest: Sendable, Equatable, Codable {
  public var symbol: String
  public var intent: Intent
  /// Units the entry would trade: the intent's quantity or the sizing at the reference price.
  public var quantity: Double
  /// The expected fill price the estimate uses (the latest price plus slippage).
  public var price: Double
  /// Signed position of the symbol before the intent.
  public var position: Double
  public var equity: Double
  public var cash: Double
  /// Engine clock and the time of the symbol's latest tick (nanoseconds, UTC).
  public var now: Int64
  public var lastTickTime: Int64
}

/// A pluggable review after the built-in guards (the strategy's Lua `risk` function later).
/// Throwing rejects the intent (fail closed) with the error's description as the reason.
public typealias RiskReview = (RiskRequest) throws -> Verdict

/// Built-in guards; nil disables one. Guards review entries (`buy`/`sell`); `close` intents
/// reduce risk and always pass, except that they too are refused for an unknown instrument.
public struct RiskLimits: Sendable, Equatable {
  /// Reject when the symbol's latest tick is older than this (nanoseconds) at the decision.
  public var maxDataAge: Int64?
  /// Symbols the engine may trade; nil allows any.
  public var instruments: Set<String>?
  /// Largest absolute position per symbol after the entry, in units (resized down to fit).
  public var maxPosition: Double?
  /// Largest total value of open positions (sum of |quantity| × last price) after the entry,
  /// in account currency (resized down to fit).
  public var maxExposure: Double?
  /// No entries once equity has fallen this much (account currency) since the start of the
  /// UTC day (the first decision of the day sets the reference).
  public var maxDailyLoss: Double?
  /// At most `count` approved entries per `window` nanoseconds (by the engine clock).
  public var orderRate: (count: Int, window: Int64)?
  /// Smallest entry value (quantity × price) in account currency.
  public var minOrderValue: Double?
  /// Largest total value of entries approved per UTC day, in account currency.
  public var dailySpendCap: Double?
  /// While a file exists at this path, every entry is rejected.
  public var killSwitchPath: String?

  public init(
    maxDataAge: Int64? = nil, instruments: Set<String>? = nil, maxPosition: Double? = nil,
    maxExposure: Double? = nil, maxDailyLoss: Double? = nil, orderRate: (count: Int, window: Int64)? = nil,
    minOrderValue: Double? = nil, dailySpendCap: Double? = nil, killSwitchPath: String? = nil
  ) {
    self.maxDataAge = maxDataAge
    self.instruments = instruments
    self.maxPosition = maxPosition
    self.maxExposure = maxExposure
    self.maxDailyLoss = maxDailyLoss
    self.orderRate = orderRate
    self.minOrderValue = minOrderValue
    self.dailySpendCap = dailySpendCap
    self.killSwitchPath = killSwitchPath
  }

  public static func == (a: RiskLimits, b: RiskLimits) -> Bool {
    a.maxDataAge == b.maxDataAge && a.instruments == b.instruments && a.maxPosition == b.maxPosition
      && a.maxExposure == b.maxExposure && a.maxDailyLoss == b.maxDailyLoss
      && a.orderRate?.count == b.orderRate?.count && a.orderRate?.window == b.orderRate?.window
      && a.minOrderValue == b.minOrderValue && a.dailySpendCap == b.dailySpendCap
      && a.killSwitchPath == b.killSwitchPath
  }
}

/// Counters the guards keep between decisions (checkpointed with the engine).
public struct RiskState: Sendable, Equatable, Codable {
  /// UTC day index (days since the epoch) the daily counters belong to.
  var day: Int64 = .min
  var dayStartEquity = 0.0
  var daySpend = 0.0
  /// Clock times of approved entries inside the rate window.
  var recent: [Int64] = []
}

/// Applies the guards, then the review function, to one request.
struct RiskLayer {
  let limits: RiskLimits
  let review: RiskReview?

  /// The verdict and, for approvals, the quantity approved. `exposure` is the value of all
  /// open positions at their last prices.
  func evaluate(_ request: RiskRequest, exposure: Double, state: inout RiskState) -> Verdict {
    if let allowed = limits.instruments, !allowed.contains(request.symbol) {
      return .reject("unknown instrument '\(request.symbol)'")
    }
    guard request.intent.action != .close else { return .approve }
    let day = UTCTime.floorDivide(request.now, UTCTime.nanosecondsPerDay).0
    if day != state.day {
      state.day = day
      state.dayStartEquity = request.equity
      state.daySpend = 0
    }
    if let path = limits.killSwitchPath, FileManager.default.fileExists(atPath: path) {
      return .reject("kill switch: \(path) exists")
    }
    if let age = limits.maxDataAge, request.now - request.lastTickTime > age {
      return .reject(
        "stale data: last tick \(UTCTime.iso(request.lastTickTime)) is older than \(Double(age) / 1e9) s at \(UTCTime.iso(request.now))"
      )
    }
    if let loss = limits.maxDailyLoss, state.dayStartEquity - request.equity >= loss {
      return .reject(
        "max daily loss: equity fell \(state.dayStartEquity - request.equity) since the day began (limit \(loss))"
      )
    }
    if let rate = limits.orderRate {
      state.recent.removeAll { request.now - $0 >= rate.window }
      if state.recent.count >= rate.count {
        return .reject(
          "order rate: \(state.recent.count) entries in the last \(Double(rate.window) / 1e9) s (limit \(rate.count))"
        )
      }
    }
    guard request.quantity.isFinite, request.quantity > 0, request.price.isFinite, request.price > 0 else {
      return .reject("the entry size is not a positive number (\(request.quantity) at \(request.price))")
    }
    var quantity = request.quantity
    if let maxPosition = limits.maxPosition {
      let direction: Double = request.intent.action == .buy ? 1 : -1
      // A reversal closes the opposite side first.
      let held = request.position * direction > 0 ? abs(request.position) : 0
      let room = maxPosition - held
      if room <= 0 { return .reject("max position: \(held) units held (limit \(maxPosition))") }
      quantity = min(quantity, room)
    }
    if let maxExposure = limits.maxExposure {
      let room = (maxExposure - exposure) / request.price
      if room <= 0 { return .reject("max exposure: \(exposure) open (limit \(maxExposure))") }
      quantity = min(quantity, room)
    }
    let value = quantity * request.price
    if let minimum = limits.minOrderValue, value < minimum {
      return .reject("minimum order size: \(value) is below \(minimum)")
    }
    if let cap = limits.dailySpendCap, state.daySpend + value > cap {
      return .reject("daily spend cap: \(state.daySpend) spent today, \(value) more exceeds \(cap)")
    }
    var verdict: Verdict = quantity < request.quantity ? .resize(quantity) : .approve
    if let review {
      var reviewed = request
      reviewed.quantity = quantity
      do {
        verdict = try review(reviewed)
      } catch {
        return .reject("risk function failed: \(error)")
      }
      if case let .resize(q) = verdict {
        guard q.isFinite, q > 0 else {
          return .reject("risk function resized to \(q), not a positive number")
        }
        quantity = q
      } else if case .approve = verdict, quantity < request.quantity {
        verdict = .resize(quantity)
      }
    }
    if verdict.isRejection { return verdict }
    state.daySpend += quantity * request.price
    if limits.orderRate != nil { state.recent.append(request.now) }
    return verdict
  }
}
