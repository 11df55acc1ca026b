import CLua
import CLuaBridge

/// Installs the C side's callbacks once per process.
private let hostCallbacks: Void = crs_set_host_callbacks(luaDispatch, luaRelease)

/// An embedded Lua 5.4 state: the only owner of a `lua_State`.
///
/// Every call into Lua goes through `lua_pcall` with a traceback handler; every Lua status
/// becomes a `LuaError`. Not thread-safe: use a state from one thread at a time.
public final class LuaState {
  public struct Options: Sendable {
    /// Cap on the bytes Lua may allocate while scripts run; nil for none.
    public var memoryLimit: Int?
    /// Runs scripts in an allow-list environment (see `LuaSandbox`).
    public var sandbox: Bool

    public init(memoryLimit: Int? = nil, sandbox: Bool = false) {
      self.memoryLimit = memoryLimit
      self.sandbox = sandbox
    }
  }

  // SAFETY: owned by this object, closed in deinit, never handed out except inside
  // LuaStack values that do not outlive the calls that made them.
  let L: OpaquePointer
  public let options: Options
  var functionBoxes: [LuaFunctionBox] = []
  var classes: [ObjectIdentifier: RegisteredClass] = [:]
  /// `:help` texts by qualified name (`data.synthetic`, `Series:mean`).
  public internal(set) var documentation: [String: LuaDoc] = [:]
  public internal(set) var moduleDocs: [(name: String, summary: String)] = []
  public internal(set) var classDocs: [LuaClassDoc] = []
  /// Messages of data errors raised by crescent functions since the current top-level call
  /// began, so the final error can be classified even after it crossed Lua frames.
  private var raisedDataErrors: [String] = []
  /// Registry reference of the REPL's inspector functions, compiled on first use.
  var inspectorRef: Int32?

  public init(options: Options = Options()) throws(LuaError) {
    _ = hostCallbacks
    guard let L = crs_newstate(nil) else {
      throw LuaError(kind: .memory, message: "not enough memory to create a Lua state")
    }
    self.L = L
    self.options = options
    // SAFETY: the state never outlives self (closed in deinit), so an unretained pointer
    // is valid whenever Lua can call back.
    crs_set_host(L, Unmanaged.passUnretained(self).toOpaque())
    guard crs_openlibs(L) == LUA_OK else {
      crs_close(L)
      throw LuaError(kind: .memory, message: "not enough memory to open Lua's libraries")
    }
    if let limit = options.memoryLimit { crs_set_memory_limit(L, limit) }
  }

  deinit {
    crs_close(L)
  }

  /// Stack access on the main thread.
  public var stack: LuaStack { LuaStack(L, state: self) }

  /// Bytes Lua currently holds.
  public var memoryUsed: Int { crs_memory_used(L) }

  public func collectGarbage() { crs_gc_collect(L) }

  // MARK: registration

  /// Registers a module as a global table and as a field of the global `crescent` table;
  /// the module named `crescent` adds its fields to that table itself.
  public func register(module: LuaModule) {
    let stack = self.stack
    if module.name == "crescent" {
      crescentTable()
    } else {
      stack.newTable(recordCount: module.functions.count + module.constants.count)
    }
    for function in module.functions {
      let qualified = "\(module.name).\(function.name)"
      pushFunction(named: qualified, isMethod: false, body: function.body)
      stack.rawSet(tableAt: -2, key: function.name)
      documentation[qualified] = function.doc
    }
    for constant in module.constants {
      stack.push(constant.value)
      stack.rawSet(tableAt: -2, key: constant.name)
      documentation["\(module.name).\(constant.name)"] = LuaDoc(constant.doc, returns: [.init("string")])
    }
    moduleDocs.append((module.name, module.summary))
    if module.name != "crescent" {
      stack.pushValue(at: -1)
      setGlobal(module.name)
      crescentTable()
      stack.pushValue(at: -2)
      stack.rawSet(tableAt: -2, key: module.name)
      stack.pop()
    }
    stack.pop()
  }

  /// Pushes the global `crescent` table, creating it when missing.
  private func crescentTable() {
    let stack = self.stack
    crs_lua_pushglobaltable(L)
    if stack.rawGet(tableAt: -1, key: "crescent") != .table {
      stack.pop()
      stack.newTable()
      stack.pushValue(at: -1)
      stack.rawSet(tableAt: -3, key: "crescent")
    }
    crs_lua_remove(L, -2)
  }

  /// Pops the top value into global `name` (raw access).
  public func setGlobal(_ name: String) {
    crs_lua_pushglobaltable(L)
    lua_rotate(L, -2, 1)
    stack.rawSet(tableAt: -2, key: name)
    stack.pop()
  }

  /// Pushes global `name` (raw access) and returns its type.
  @discardableResult
  public func getGlobal(_ name: String) -> LuaType {
    crs_lua_pushglobaltable(L)
    let type = stack.rawGet(tableAt: -1, key: name)
    crs_lua_remove(L, -2)
    return type
  }

  /// Pushes a Lua function that runs `body`.
  public func pushFunction(named name: String, isMethod: Bool = false, body: @escaping (LuaCall) throws -> Int32) {
    let box = LuaFunctionBox(name: name, isMethod: isMethod, body: body)
    functionBoxes.append(box)
    // SAFETY: `functionBoxes` keeps the box alive as long as the state.
    crs_push_function(L, Unmanaged.passUnretained(box).toOpaque())
  }

  // MARK: loading and calling

  /// Loads a Lua source file (text only; chunk name "@" .. path) and pushes it as a function.
  public func load(file path: String) throws(LuaError) {
    let status = crs_loadfile(L, path)
    guard status == LUA_OK else { throw popError(status: status, kill: 0) }
  }

  /// Compiles `source` (text only) and pushes it as a function. `name` is the chunk name:
  /// "@file.lua" for files, "=stdin" for literal names.
  public func load(source: String, name: String) throws(LuaError) {
    var copy = source
    let status = copy.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        crs_loadbuffer(L, chars.baseAddress, chars.count, name, "t")
      }
    }
    guard status == LUA_OK else { throw popError(status: status, kill: 0) }
  }

  /// Calls the function below `arguments` values in protected mode with a traceback
  /// handler, leaving `results` values (all of them with nil).
  public func call(arguments: Int32 = 0, results: Int32? = 0) throws(LuaError) {
    let outermost = !inCall
    if outermost { raisedDataErrors.removeAll() }
    inCall = true
    defer { if outermost { inCall = false } }
    var kill: Int32 = 0
    let status = crs_pcall(L, arguments, results ?? LUA_MULTRET, &kill)
    guard status == LUA_OK else { throw popError(status: status, kill: kill) }
  }

  private var inCall = false

  /// Sets the budgets for the following calls; the deadline starts now.
  public func setBudget(_ budget: LuaBudget) {
    crs_set_budget(
      L, budget.timeout ?? 0, Int64(budget.instructions ?? 0), budget.interruptible ? 1 : 0)
  }

  /// Runs `body` with SIGINT interrupting Lua code instead of ending the process.
  public func withInterruptsCaught<T>(_ body: () throws -> T) rethrows -> T {
    crs_sigint_install(L)
    defer { crs_sigint_restore() }
    return try body()
  }

  /// Marks the running script interrupted, as Ctrl-C would.
  public func interrupt() { crs_interrupt(L) }

  /// Whether Ctrl-C arrived since the last `clearInterrupt` (while interrupts are caught).
  public var isInterruptPending: Bool { crs_interrupt_pending(L) != 0 }

  public func clearInterrupt() { crs_clear_interrupt(L) }

  func recordRaised(_ message: String, kind: LuaError.Kind) {
    guard kind == .data else { return }
    raisedDataErrors.append(message)
    if raisedDataErrors.count > 32 { raisedDataErrors.removeFirst() }
  }

  /// Pops the error object left by a failed load or call and translates it: the one place
  /// a Lua status becomes a `LuaError`.
  private func popError(status: Int32, kill: Int32) -> LuaError {
    let stack = self.stack
    let text = stack.string(at: -1) ?? stack.describe(at: -1) ?? "(error object is a \(stack.typeName(at: -1)) value)"
    stack.pop()
    var message = text
    var traceback: String?
    if let range = text.firstRange(of: "\nstack traceback:") {
      message = String(text[..<range.lowerBound])
      traceback = String(text[text.index(after: range.lowerBound)...])
    }
    let kind: LuaError.Kind
    let killedBy = crs_kill_reason(rawValue: UInt32(bitPattern: kill))
    if killedBy == CRS_KILL_TIMEOUT {
      kind = .timeout
    } else if killedBy == CRS_KILL_INSTRUCTIONS {
      kind = .instructionLimit
    } else if killedBy == CRS_KILL_INTERRUPT {
      kind = .interrupted
    } else if killedBy == CRS_KILL_MEMORY || status == LUA_ERRMEM {
      kind = .memory
    } else if status == LUA_ERRSYNTAX {
      kind = .syntax
    } else if status == LUA_ERRFILE {
      kind = .file
    } else {
      kind = raisedDataErrors.contains(where: { message.hasSuffix($0) }) ? .data : .runtime
    }
    if killedBy == CRS_KILL_MEMORY, let limit = options.memoryLimit {
      message = "not enough memory: the script exceeded the memory limit of \(LuaBudget.describe(bytes: limit))"
    }
    return LuaError(kind: kind, message: message, traceback: traceback)
  }
}

/// Limits on one run: wall-clock seconds, VM instructions, and whether Ctrl-C interrupts.
public struct LuaBudget: Sendable {
  public var timeout: Double?
  public var instructions: Int?
  public var interruptible: Bool

  public init(timeout: Double? = nil, instructions: Int? = nil, interruptible: Bool = false) {
    self.timeout = timeout
    self.instructions = instructions
    self.interruptible = interruptible
  }

  static func describe(bytes: Int) -> String {
    bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
  }
}
