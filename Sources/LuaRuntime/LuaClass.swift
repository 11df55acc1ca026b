import CLua
import CLuaBridge

/// A Swift value type exposed to Lua as userdata: its methods (`s:mean()`), metamethods
/// (`__add`, `__len`, `__tostring`, …) and an optional indexer for keys that are not
/// methods (`s[3]`, `bars.close`).
///
/// Each registered class gets one metatable in the registry, named `crescent.<name>`;
/// values are boxed and owned by their userdata through `Unmanaged` (retained on push,
/// released by `__gc`).
public struct LuaClass<Value>: Sendable {
  public let name: String
  public let summary: String
  public let methods: [LuaFunction]
  public let metamethods: [LuaFunction]
  /// Called as `(self, key)` for keys that are not methods; pushes one value.
  public let indexer: (@Sendable (LuaCall) throws -> Int32)?
  /// Documents what the indexer answers (`close: Series`, `[integer]: number`).
  public let fields: [LuaDoc.Parameter]
  /// Bytes a value holds outside Lua's heap, reported to the garbage collector so that
  /// dropped values are collected as promptly as Lua-allocated ones.
  public let externalBytes: @Sendable (Value) -> Int

  public init(
    name: String, summary: String, methods: [LuaFunction] = [], metamethods: [LuaFunction] = [],
    fields: [LuaDoc.Parameter] = [], indexer: (@Sendable (LuaCall) throws -> Int32)? = nil,
    externalBytes: @escaping @Sendable (Value) -> Int = { _ in 0 }
  ) {
    self.name = name
    self.summary = summary
    self.methods = methods
    self.metamethods = metamethods
    self.fields = fields
    self.indexer = indexer
    self.externalBytes = externalBytes
  }

  /// The class's documentation without its Swift type.
  public var documentation: LuaClassDoc {
    LuaClassDoc(
      name: name, summary: summary, fields: fields,
      methods: methods.map { ($0.name, $0.doc) }, metamethods: metamethods.map { ($0.name, $0.doc) })
  }

  /// The metatable's `__name`, used in error messages (`crescent.Series`).
  public var qualifiedName: String { "crescent." + name }
}

/// Documentation of a class, for `:help` and the `---@meta` file.
public struct LuaClassDoc {
  public let name: String
  public let summary: String
  public let fields: [LuaDoc.Parameter]
  public let methods: [(name: String, doc: LuaDoc)]
  public let metamethods: [(name: String, doc: LuaDoc)]
}

/// The box a userdata owns.
final class LuaBox<Value> {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// What the state remembers of a registered class.
struct RegisteredClass {
  let name: String
  let metatableRef: Int32
  let methodNames: [String]
  let externalBytes: (Any) -> Int
}

extension LuaState {
  /// Registers a class so values of type `Value` can be pushed and read back.
  public func register<Value>(class spec: LuaClass<Value>) {
    let stack = self.stack
    stack.push(spec.qualifiedName)
    guard crs_pcall_c(L, crs_object_metatable, 1, 1) == LUA_OK else {
      stack.pop()
      return
    }
    let metatable = stack.top

    // Methods live in a plain table consulted first by __index.
    stack.newTable(recordCount: spec.methods.count)
    for method in spec.methods {
      pushFunction(named: "\(spec.name):\(method.name)", isMethod: true, body: method.body)
      stack.rawSet(tableAt: -2, key: method.name)
      documentation["\(spec.name):\(method.name)"] = method.doc
    }
    let methodsRef = luaL_ref(L, crs_lua_registryindex())
    let indexer = spec.indexer
    pushFunction(named: "\(spec.name).__index", isMethod: true) { call in
      let stack = call.stack
      if stack.type(at: 2) == .string {
        stack.rawGet(tableAt: crs_lua_registryindex(), index: Int(methodsRef))
        stack.pushValue(at: 2)
        let found = lua_rawget(stack.L, -2)
        if found != LUA_TNIL {
          lua_rotate(stack.L, -2, 1)
          stack.pop()
          return 1
        }
        stack.pop(2)
      }
      if let indexer { return try indexer(call) }
      stack.pushNil()
      return 1
    }
    stack.rawSet(tableAt: metatable, key: "__index")
    for metamethod in spec.metamethods {
      pushFunction(named: "\(spec.name).\(metamethod.name)", isMethod: false, body: metamethod.body)
      stack.rawSet(tableAt: metatable, key: metamethod.name)
    }
    let ref = luaL_ref(L, crs_lua_registryindex())
    let bytes = spec.externalBytes
    classes[ObjectIdentifier(Value.self)] = RegisteredClass(
      name: spec.qualifiedName, metatableRef: ref, methodNames: spec.methods.map(\.name).sorted(),
      externalBytes: { value in (value as? Value).map(bytes) ?? 0 })
    classDocs.append(spec.documentation)
  }

  /// Pushes `value` as a userdata of its registered class.
  public func push<Value>(userdata value: Value, on stack: LuaStack) {
    guard let registered = classes[ObjectIdentifier(Value.self)] else {
      preconditionFailure("\(Value.self) is not a registered Lua class")
    }
    // SAFETY: the retain taken here is released exactly once by the userdata's __gc.
    let object = Unmanaged.passRetained(LuaBox(value) as AnyObject).toOpaque()
    crs_push_object(stack.L, object, registered.metatableRef)
    let external = registered.externalBytes(value)
    if external >= 1024 { crs_gc_step(stack.L, Int32(clamping: external / 1024)) }
  }

  /// The value of a userdata of `Value`'s registered class at `index`; nil for anything else.
  func userdataValue<Value>(at index: Int32, as type: Value.Type, stack: LuaStack) -> Value? {
    guard let registered = classes[ObjectIdentifier(Value.self)],
      let raw = crs_to_object(stack.L, index, registered.metatableRef)
    else { return nil }
    // SAFETY: crs_to_object checked the metatable, so the pointer is a LuaBox<Value> that
    // the userdata keeps retained while it is on the stack.
    return Unmanaged<LuaBox<Value>>.fromOpaque(raw).takeUnretainedValue().value
  }

  /// `crescent.Series` for a registered type.
  public func typeName<Value>(of type: Value.Type) -> String? {
    classes[ObjectIdentifier(Value.self)]?.name
  }

  /// Method names of the crescent userdata at `index` (for completion); empty otherwise.
  func methodNames(ofValueAt index: Int32, stack: LuaStack) -> [String] {
    for registered in classes.values where crs_to_object(stack.L, index, registered.metatableRef) != nil {
      return registered.methodNames
    }
    return []
  }
}

extension LuaStack {
  /// The value of the crescent userdata of type `Value` at `index`; nil for anything else
  /// (for bindings that read values outside a `LuaCall`, such as a strategy's results).
  public func userdata<Value>(_ type: Value.Type, at index: Int32) -> Value? {
    state.userdataValue(at: index, as: type, stack: self)
  }
}
