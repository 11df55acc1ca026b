import CLua
import CLuaBridge

/// A Swift function callable from Lua, declared as data: name, documentation, body.
///
/// The body reads its arguments from the `LuaCall`, pushes its results and returns their
/// count. Anything it throws becomes a Lua error at the caller's position; it never raises
/// a Lua error itself (see CLuaBridge's trampoline).
public struct LuaFunction: Sendable {
  public let name: String
  public let doc: LuaDoc
  public let body: @Sendable (LuaCall) throws -> Int32

  public init(_ name: String, _ doc: LuaDoc, _ body: @escaping @Sendable (LuaCall) throws -> Int32) {
    self.name = name
    self.doc = doc
    self.body = body
  }
}

/// A table of functions registered as a global (and as a field of the `crescent` table).
public struct LuaModule: Sendable {
  public let name: String
  public let summary: String
  public let functions: [LuaFunction]
  /// Constant string fields, such as `crescent.version`.
  public let constants: [(name: String, value: String, doc: String)]

  public init(
    name: String, summary: String, functions: [LuaFunction],
    constants: [(name: String, value: String, doc: String)] = []
  ) {
    self.name = name
    self.summary = summary
    self.functions = functions
    self.constants = constants
  }
}

/// Owns one registered function for the lifetime of its state; Lua holds an unretained
/// pointer to it as the trampoline's upvalue.
final class LuaFunctionBox {
  let name: String
  let isMethod: Bool
  let body: (LuaCall) throws -> Int32

  init(name: String, isMethod: Bool, body: @escaping (LuaCall) throws -> Int32) {
    self.name = name
    self.isMethod = isMethod
    self.body = body
  }
}

/// The dispatcher every trampoline calls. It catches every Swift error and returns
/// CRS_ERROR with the message pushed, so the C side raises it with no Swift frame live.
let luaDispatch: crs_dispatch_fn = { L, raw in
  guard let L, let raw, let host = crs_host(L) else { return CRS_ERROR }
  // SAFETY: `raw` is a LuaFunctionBox kept alive by the state's `functionBoxes`, and `host`
  // is the LuaState that owns this lua_State; both outlive every call through it.
  let box = Unmanaged<LuaFunctionBox>.fromOpaque(raw).takeUnretainedValue()
  let state = Unmanaged<LuaState>.fromOpaque(host).takeUnretainedValue()
  let stack = LuaStack(L, state: state)
  do {
    return try box.body(LuaCall(stack: stack, functionName: box.name, isMethod: box.isMethod))
  } catch let error as LuaError {
    // A Lua callback failed below us: pass its message on; the traceback is taken again
    // where the error finally lands.
    stack.push(error.message)
    return CRS_ERROR
  } catch {
    let message = "\(box.name): \(error)"
    state.recordRaised(message, kind: (error as? LuaRaisable)?.luaErrorKind ?? .runtime)
    stack.push(message)
    return CRS_ERROR
  }
}

/// Releases a host object when its userdata is collected.
let luaRelease: crs_release_fn = { raw in
  guard let raw else { return }
  // SAFETY: `raw` was produced by `Unmanaged.passRetained` in `LuaState.push(userdata:)`
  // and the C side clears its slot before calling, so this runs once per object.
  Unmanaged<AnyObject>.fromOpaque(raw).release()
}
