import Analytics
import Foundation
import LuaRuntime
import MarketData
import Simulator
import Synchronization

/// A sweep to run: a strategy file, the bars, the plan and which of its combinations.
public struct SweepRequest: Sendable {
  /// The strategy file; every worker loads it once into its own state.
  public var strategyPath: String
  /// One Bars per symbol (several share one account, as in `bt.run`), already cut to the
  /// run's range. Shared read-only by the workers.
  public var bars: [Bars]
  public var plan: SweepPlan
  /// Plan positions to run (ascending): all of them, or one shard's.
  public var positions: [Int]
  /// Starting cash and fixed `--param` overrides (applied before the grid's values).
  public var options: RunOptions
  /// Worker threads (each with its own Lua state); clamped to 1...positions.count.
  public var jobs: Int
  public var stateOptions: LuaState.Options
  /// Wall-clock budget of each worker's whole share, in seconds.
  public var timeout: Double?
  public var memo: IndicatorMemo.Scope

  public init(
    strategyPath: String, bars: [Bars], plan: SweepPlan, positions: [Int]? = nil, options: RunOptions = RunOptions(),
    jobs: Int = SweepRunner.defaultJobs, stateOptions: LuaState.Options = .init(), timeout: Double? = nil,
    memo: IndicatorMemo.Scope = .shared
  ) {
    self.strategyPath = strategyPath
    self.bars = bars
    self.plan = plan
    self.positions = positions ?? Array(0..<plan.count)
    self.options = options
    self.jobs = jobs
    self.stateOptions = stateOptions
    self.timeout = timeout
    self.memo = memo
  }
}

/// A combination that failed: its parameters and the error (a `LuaError`, `StrategyError` or
/// `LuaMessageError`), so the caller can report it with its usual exit code.
public struct SweepCombinationError: Error, CustomStringConvertible {
  public let params: String
  public let underlying: any Error
  public var description: String { "with \(params): \(underlying)" }
}

/// Runs sweeps: every combination through `StrategyRunner.run`, the path `crescent
/// backtest` takes, so a sweep row equals the single backtest with the same parameters.
///
/// Parallelism: `jobs` threads, each with its own Lua state that loads the strategy file
/// once; positions are handed out one at a time from a shared atomic counter, and each row
/// is stored at its position, so the output does not depend on thread timing. The bars are
/// shared (Swift arrays are immutable values here, read without copying). Indicators of the
/// bars' own columns are memoised (see `IndicatorMemo`).
public enum SweepRunner {
  /// All cores.
  public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// Runs the request's positions; `progress(done, total)` is called after each combination
  /// (from worker threads). Throws the first failure in plan order among those seen
  /// (workers stop taking new combinations after a failure), or the setup's errors.
  public static func run(
    _ request: SweepRequest, progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws -> [SweepTable.Row] {
    let total = request.positions.count
    guard total > 0 else { return [] }
    let jobs = min(max(1, request.jobs), total)
    let shared = SharedProgress(count: total)
    let memo = request.memo == .shared ? IndicatorMemo(bars: request.bars) : nil
    let work: @Sendable () -> Void = {
      do {
        let state = try CrescentLibrary.makeState(options: request.stateOptions)
        state.setBudget(LuaBudget(timeout: request.timeout))
        if request.memo != .off { try (memo ?? IndicatorMemo(bars: request.bars)).install(in: state) }
        try StrategyFile.load(request.strategyPath, in: state)
        let strategy = state.stack.top
        let name = StrategyFile.baseName(request.strategyPath)
        while !shared.stopped {
          let k = shared.next()
          guard k < total else { break }
          let position = request.positions[k]
          do {
            let row = try runOne(
              state: state, strategy: strategy, name: name, request: request, position: position)
            let done = shared.store(row, at: k)
            progress?(done, total)
          } catch {
            shared.fail(at: k, SweepCombinationError(params: describe(request.plan, position), underlying: error))
          }
        }
      } catch {
        shared.fail(at: -1, error)
      }
    }
    if jobs == 1 {
      work()
    } else {
      let group = DispatchGroup()
      for _ in 0..<jobs {
        group.enter()
        let thread = Thread {
          work()
          group.leave()
        }
        // Lua strategies recurse little, but TA-heavy Swift frames like room.
        thread.stackSize = 8 << 20
        thread.start()
      }
      group.wait()
    }
    return try shared.rows()
  }

  /// Runs the request's positions one after another in `state`, whose strategy table is at
  /// `strategy` (`bt.sweep` with a strategy table: tables cannot move between states). No
  /// indicator memo: the state's `ta` stays as the script knows it.
  public static func run(
    _ request: SweepRequest, in state: LuaState, strategy: Int32, name: String
  ) throws -> [SweepTable.Row] {
    let strategy = state.stack.absoluteIndex(strategy)
    var rows: [SweepTable.Row] = []
    rows.reserveCapacity(request.positions.count)
    for position in request.positions {
      do {
        rows.append(try runOne(state: state, strategy: strategy, name: name, request: request, position: position))
      } catch {
        throw SweepCombinationError(params: describe(request.plan, position), underlying: error)
      }
    }
    return rows
  }

  /// One combination in `state`, whose strategy table is at `strategy`.
  static func runOne(
    state: LuaState, strategy: Int32, name: String, request: SweepRequest, position: Int
  ) throws -> SweepTable.Row {
    let values = request.plan.combination(position)
    let overrides = zip(request.plan.grid.names, values).map { (name: $0, value: $1) }
    let run = try StrategyRunner.run(
      state: state, strategy: strategy, name: name, bars: request.bars, options: request.options, overrides: overrides)
    return SweepTable.Row(position: position, params: values, stats: run.stats)
  }

  /// `fast=10 slow=20`.
  public static func describe(_ plan: SweepPlan, _ position: Int) -> String {
    zip(plan.grid.names, plan.combination(position)).map { "\($0)=\($1)" }.joined(separator: " ")
  }

  /// Checks, in `state`, that the strategy table at `strategy` accepts the grid: every axis
  /// names one of its params (else `SweepNameError` naming the nearest), no `--param` text
  /// fixes a swept name, and the first combination reads as a valid strategy.
  public static func validate(state: LuaState, strategy: Int32, plan: SweepPlan, options: RunOptions) throws {
    let index = state.stack.absoluteIndex(strategy)
    let spec = try StrategySpec.read(stack: state.stack, index: index, fallbackName: "strategy")
    let names = spec.params.values.map(\.name)
    for axis in plan.grid.names where !names.contains(axis) {
      let hint = LuaSpelling.nearest(to: axis, in: names).map { " (did you mean '\($0)'?)" } ?? ""
      let list = names.isEmpty ? "the strategy has no params" : "params: \(names.joined(separator: ", "))"
      throw SweepNameError(message: "--grid: unknown parameter '\(axis)'\(hint); \(list)")
    }
    for text in options.paramTexts {
      let name = String(text.prefix { $0 != "=" })
      if plan.grid.names.contains(name) {
        throw SweepNameError(message: "--param \(name) is also swept by --grid \(name); give it in one place")
      }
    }
    guard plan.count > 0 else { return }
    let overrides = zip(plan.grid.names, plan.combination(0)).map { (name: $0, value: $1) }
    _ = try StrategySpec.read(
      stack: state.stack, index: index, fallbackName: "strategy", overrides: overrides,
      overrideTexts: options.paramTexts, cash: options.cash)
  }
}

/// A grid that names a parameter the strategy does not have (a usage error).
public struct SweepNameError: Error, Equatable, CustomStringConvertible {
  public let message: String
  public init(message: String) { self.message = message }
  public var description: String { message }
}

/// The workers' shared bookkeeping: the next position, the rows and the failures.
private final class SharedProgress: Sendable {
  struct Slots {
    var rows: [SweepTable.Row?]
    var done = 0
    var failure: (position: Int, error: any Error)?
  }

  private let counter = Atomic<Int>(0)
  private let halt = Atomic<Bool>(false)
  private let slots: Mutex<Slots>

  init(count: Int) {
    slots = Mutex(Slots(rows: [SweepTable.Row?](repeating: nil, count: count)))
  }

  var stopped: Bool { halt.load(ordering: .relaxed) }

  func next() -> Int { counter.wrappingAdd(1, ordering: .relaxed).oldValue }

  func store(_ row: SweepTable.Row, at k: Int) -> Int {
    slots.withLock { slots in
      slots.rows[k] = row
      slots.done += 1
      return slots.done
    }
  }

  /// Records a failure; the earliest position wins (-1: a worker could not start).
  func fail(at k: Int, _ error: any Error) {
    halt.store(true, ordering: .relaxed)
    slots.withLock { slots in
      if slots.failure.map({ k < $0.position }) ?? true { slots.failure = (k, error) }
    }
  }

  func rows() throws -> [SweepTable.Row] {
    try slots.withLock { slots in
      if let failure = slots.failure { throw failure.error }
      return slots.rows.compactMap { $0 }
    }
  }
}
