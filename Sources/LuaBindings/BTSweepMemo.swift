import LuaRuntime
import MarketData
import Synchronization

/// Memoised `ta.*` results for a sweep, so each distinct indicator of the bars' own columns
/// is computed once and shared by the combinations that use it.
///
/// A call is memoised when its first argument is one of the sweep's Bars or a column of one
/// (`bars.close`, …, recognised by the identity of its storage: the Bars outlive the sweep,
/// so the identity cannot be reused) and the remaining arguments are numbers, booleans or
/// nil; the key is (function, input, arguments). Other calls (indicators of indicators,
/// `ta.sma(s, {10, 20})`, crossovers) run as usual. Results are the same Series values the
/// function would return (indicators are pure functions of their inputs). The memo stops
/// growing past `capacityBytes`.
public final class IndicatorMemo: Sendable {
  /// Where the memo lives: none, one per worker state, or one shared by every worker
  /// (behind a lock). Shared is the default: it computes each indicator once for the whole
  /// sweep (10×10 SmaCross grid: 20 SMAs instead of 200 without a memo, 40 with one memo per
  /// worker), and its lock is taken twice per `ta` call, microseconds beside a 100k-bar
  /// backtest. Measured on 100k bars (`scripts/bench sweep`), the three scopes were within
  /// the machine's noise: SMA is ~4% of a combination's time, the simulation and the stats
  /// the rest.
  public enum Scope: String, Sendable, CaseIterable {
    case off, worker, shared
  }

  public static let capacityBytes = 1 << 30

  /// (storage address, label) of every column of the sweep's bars.
  private let columns: [(address: UInt, label: String)]
  private let entries = Mutex<(values: [String: [[Double]]], bytes: Int)>(([:], 0))

  public init(bars: [Bars]) {
    var columns: [(UInt, String)] = []
    for (n, b) in bars.enumerated() {
      for (name, values) in [("open", b.open), ("high", b.high), ("low", b.low), ("close", b.close), ("volume", b.volume)] {
        columns.append((Self.address(values), "\(n).\(name)"))
      }
      columns.append((Self.address(b.time), "\(n).bars"))
    }
    self.columns = columns
  }

  static func address<T>(_ values: [T]) -> UInt {
    // SAFETY: only the address is kept, as an identity; it is never dereferenced.
    values.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
  }

  func label(of values: [Double]) -> String? {
    let a = Self.address(values)
    return a == 0 ? nil : columns.first { $0.address == a && !$0.label.hasSuffix(".bars") }?.label
  }

  func label(of bars: Bars) -> String? {
    let a = Self.address(bars.time)
    return a == 0 ? nil : columns.first { $0.address == a && $0.label.hasSuffix(".bars") }?.label
  }

  /// The number of memoised calls.
  public var count: Int { entries.withLock { $0.values.count } }

  func lookup(_ key: String) -> [[Double]]? {
    entries.withLock { $0.values[key] }
  }

  func store(_ key: String, _ outputs: [[Double]]) {
    let bytes = outputs.reduce(0) { $0 + $1.count * MemoryLayout<Double>.stride }
    entries.withLock { entries in
      guard entries.values[key] == nil, entries.bytes + bytes <= Self.capacityBytes else { return }
      entries.values[key] = outputs
      entries.bytes += bytes
    }
  }

  /// Replaces each function of the state's `ta` table by a memoising wrapper.
  func install(in state: LuaState) throws(LuaError) {
    try state.load(source: Self.wrapper, name: "=sweep memo")
    state.getGlobal("ta")
    state.pushFunction(named: "ta (memo key)") { [self] call in try self.key(call) }
    state.pushFunction(named: "ta (memo lookup)") { [self] call in
      let key = try call.argument(1, "key").string()
      guard let outputs = lookup(key) else {
        call.stack.push(false)
        return 1
      }
      for output in outputs { call.state.push(userdata: Series(output), on: call.stack) }
      return Int32(outputs.count)
    }
    state.pushFunction(named: "ta (memo store)") { [self] call in
      let key = try call.argument(1, "key").string()
      var outputs: [[Double]] = []
      for i in 2...max(2, call.argumentCount) {
        guard let series = call.stack.userdata(Series.self, at: i) else { return 0 }
        outputs.append(series.values)
      }
      store(key, outputs)
      return 0
    }
    try state.call(arguments: 4, results: 0)
  }

  /// The key of a `ta.<name>(input, args...)` call, or nil when it is not memoised.
  private func key(_ call: LuaCall) throws -> Int32 {
    let stack = call.stack
    let name = try call.argument(1, "name").string()
    var key = name + "|"
    if let series = stack.userdata(Series.self, at: 2), let label = label(of: series.values) {
      key += label
    } else if let bars = stack.userdata(Bars.self, at: 2), let label = label(of: bars) {
      key += label
    } else {
      return 0
    }
    if call.argumentCount >= 3 {
      for i in 3...call.argumentCount {
        switch stack.type(at: i) {
        case .nil: key += "|nil"
        case .boolean: key += stack.boolean(at: i) ? "|true" : "|false"
        case .number:
          guard let x = stack.number(at: i) else { return 0 }
          key += "|\(x)"
        default: return 0
        }
      }
    }
    stack.push(key)
    return 1
  }

  /// Wraps every `ta` function but the crossovers (cheap, and they take two series). An
  /// error is raised again at the caller's line, so messages read as without the memo.
  static let wrapper = """
    local ta, key_of, lookup, store = ...
    local pack, unpack, pcall, error, type = table.pack, table.unpack, pcall, error, type
    local function rethrow(message)
      if type(message) == "string" then error((message:gsub("^sweep memo:%d+: ", "")), 3) end
      error(message, 0)
    end
    local names = {}
    for name, f in pairs(ta) do
      if type(f) == "function" and name ~= "crossover" and name ~= "crossunder" then names[#names + 1] = name end
    end
    for _, name in ipairs(names) do
      local f = ta[name]
      ta[name] = function(...)
        local key = key_of(name, ...)
        if key ~= nil then
          local hit = pack(lookup(key))
          if hit[1] ~= false then return unpack(hit, 1, hit.n) end
        end
        local out = pack(pcall(f, ...))
        if not out[1] then rethrow(out[2]) end
        if key ~= nil then store(key, unpack(out, 2, out.n)) end
        return unpack(out, 2, out.n)
      end
    end
    """
}
