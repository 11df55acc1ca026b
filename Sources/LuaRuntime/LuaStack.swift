import CLua
import CLuaBridge

/// Stack operations on one Lua thread.
///
/// Only API functions that never raise (`-`) or raise only on memory errors (`m`) are used
/// here; the allocator never fails while Swift frames are live, so none of these can
/// longjmp over Swift. Indices follow Lua: positive from the bottom, negative from the top.
public struct LuaStack {
  // SAFETY: the pointer is valid for as long as `state` is open; a LuaStack never outlives
  // the call (or LuaState method) that made it, so `state` is alive whenever it is used
  // (unowned(unsafe): copying a stack in a per-bar loop costs no reference counting).
  @usableFromInline let L: OpaquePointer
  public unowned(unsafe) let state: LuaState

  init(_ L: OpaquePointer, state: LuaState) {
    self.L = L
    self.state = state
  }

  /// Index of the top element (the number of elements on the stack).
  public var top: Int32 {
    get { lua_gettop(L) }
    nonmutating set { lua_settop(L, newValue) }
  }

  public func absoluteIndex(_ index: Int32) -> Int32 { lua_absindex(L, index) }

  public func pop(_ count: Int32 = 1) { crs_lua_pop(L, count) }

  /// Makes room for `count` more values (a C function starts with 20); false when the stack
  /// cannot grow that far. Code that keeps many values on the stack calls this first.
  public func reserve(_ count: Int32) -> Bool { lua_checkstack(L, count) != 0 }

  public func type(at index: Int32) -> LuaType {
    LuaType(rawValue: lua_type(L, index)) ?? .none
  }

  /// The type name used in error messages: `__name` of a userdata's metatable (such as
  /// `crescent.Series`) or Lua's type name; `no value` past the top.
  public func typeName(at index: Int32) -> String {
    let kind = type(at: index)
    if kind == .userdata, lua_getmetatable(L, index) != 0 {
      defer { pop(2) }
      lua_pushstring(L, "__name")
      if lua_rawget(L, -2) == LUA_TSTRING, let name = lua_tolstring(L, -1, nil) {
        return String(cString: name)
      }
    }
    return kind.name
  }

  // MARK: pushing

  public func pushNil() { lua_pushnil(L) }
  public func push(_ value: Double) { lua_pushnumber(L, value) }
  public func push(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }
  public func push(_ value: Int64) { lua_pushinteger(L, lua_Integer(value)) }
  public func push(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }
  public func push(_ value: String) {
    var copy = value
    copy.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { chars in
        _ = lua_pushlstring(L, chars.baseAddress, chars.count)
      }
    }
  }
  public func pushValue(at index: Int32) { lua_pushvalue(L, index) }
  /// Pushes an array of numbers as a Lua sequence.
  public func push(array: [Double]) {
    lua_createtable(L, Int32(clamping: array.count), 0)
    for (i, value) in array.enumerated() {
      lua_pushnumber(L, value)
      lua_rawseti(L, -2, lua_Integer(i + 1))
    }
  }
  /// Pushes an array of strings as a Lua sequence.
  public func push(array: [String]) {
    lua_createtable(L, Int32(clamping: array.count), 0)
    for (i, value) in array.enumerated() {
      push(value)
      lua_rawseti(L, -2, lua_Integer(i + 1))
    }
  }
  public func newTable(arrayCount: Int = 0, recordCount: Int = 0) {
    lua_createtable(L, Int32(clamping: arrayCount), Int32(clamping: recordCount))
  }

  // MARK: reading

  /// The number at `index`, converting numeric strings as Lua does; nil otherwise.
  public func number(at index: Int32) -> Double? {
    var isNumber: Int32 = 0
    let value = crs_lua_tonumber(L, index, &isNumber)
    return isNumber != 0 ? value : nil
  }

  /// The integer at `index` when it is a number (or numeric string) with an exact integer
  /// value; nil otherwise.
  public func integer(at index: Int32) -> Int? {
    var isNumber: Int32 = 0
    let value = crs_lua_tointeger(L, index, &isNumber)
    return isNumber != 0 ? Int(value) : nil
  }

  /// The string at `index` when it is a string or a number (without converting the value
  /// in place); nil otherwise.
  public func string(at index: Int32) -> String? {
    let kind = type(at: index)
    guard kind == .string || kind == .number else { return nil }
    lua_pushvalue(L, index)
    defer { pop() }
    var length = 0
    guard let chars = lua_tolstring(L, -1, &length) else { return nil }
    return chars.withMemoryRebound(to: UInt8.self, capacity: length) {
      String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
  }

  /// Lua truthiness: false only for nil and false.
  public func boolean(at index: Int32) -> Bool { lua_toboolean(L, index) != 0 }

  // MARK: raw table access (no metamethods)

  /// Pushes `table[key]` without metamethods and returns its type.
  @discardableResult
  public func rawGet(tableAt index: Int32, key: String) -> LuaType {
    let table = absoluteIndex(index)
    push(key)
    return LuaType(rawValue: lua_rawget(L, table)) ?? .none
  }

  /// Pushes `table[key]` without metamethods and returns its type.
  @discardableResult
  public func rawGet(tableAt index: Int32, index key: Int) -> LuaType {
    LuaType(rawValue: lua_rawgeti(L, index, lua_Integer(key))) ?? .none
  }

  /// Pops a value and stores it as `table[key]` without metamethods.
  public func rawSet(tableAt index: Int32, key: String) {
    let table = absoluteIndex(index)
    push(key)
    lua_rotate(L, -2, 1)
    lua_rawset(L, table)
  }

  /// Stores `table[key] = value` without metamethods, the key being the value at stack
  /// slot `key` (for loops that set the same fields many times: no string is pushed).
  public func rawSet(tableAt table: Int32, keyAt key: Int32, _ value: Double) {
    lua_pushvalue(L, key)
    lua_pushnumber(L, value)
    lua_rawset(L, table)
  }

  /// Stores `table[key] = value` (an integer) like `rawSet(tableAt:keyAt:_:)`.
  public func rawSet(tableAt table: Int32, keyAt key: Int32, _ value: Int64) {
    lua_pushvalue(L, key)
    lua_pushinteger(L, lua_Integer(value))
    lua_rawset(L, table)
  }

  /// Pops a value and stores it as `table[key]` without metamethods.
  public func rawSet(tableAt index: Int32, index key: Int) {
    lua_rawseti(L, index, lua_Integer(key))
  }

  /// The raw length (`#` without `__len`) of a table or string.
  public func rawLength(at index: Int32) -> Int { Int(lua_rawlen(L, index)) }

  /// The string keys of the table at `index`, read through a protected helper
  /// because iteration may raise on a table modified meanwhile.
  public func stringKeys(ofTableAt index: Int32) -> [String] {
    pushValue(at: index)
    guard crs_pcall_c(L, crs_keys, 1, 1) == LUA_OK else {
      pop()
      return []
    }
    defer { pop() }
    var keys: [String] = []
    let count = rawLength(at: -1)
    for i in 0..<count {
      rawGet(tableAt: -1, index: i + 1)
      if let key = string(at: -1), type(at: -1) == .string { keys.append(key) }
      pop()
    }
    return keys
  }

  /// `tostring(value)` computed in protected mode (it may call `__tostring`); nil when that
  /// raised.
  public func describe(at index: Int32) -> String? {
    pushValue(at: index)
    guard crs_pcall_c(L, crs_tostring, 1, 1) == LUA_OK else {
      pop()
      return nil
    }
    defer { pop() }
    return string(at: -1)
  }
}
