import CLua
import CLuaBridge

/// The allow-list environment for untrusted scripts (`--sandbox`).
///
/// Scripts keep the pure parts of the standard library, crescent's modules and a `require`
/// for Lua source modules. They do not get `io`, `os` beyond the clock and dates,
/// `os.getenv`, `debug`, `dofile`, `loadfile`, `package.loadlib` or C modules, and `load`
/// accepts text chunks only. The environment replaces the global table itself, so modules
/// loaded with `require` live in it too.
enum LuaSandbox {
  static let prelude = #"""
    local G, modules = _G, ...
    local env = {}
    for _, name in ipairs({
      "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "print",
      "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber",
      "tostring", "type", "xpcall", "warn", "_VERSION",
    }) do
      env[name] = G[name]
    end
    local function copy(t)
      local c = {}
      for k, v in pairs(t) do c[k] = v end
      return c
    end
    for _, name in ipairs({ "coroutine", "math", "string", "table", "utf8" }) do
      env[name] = copy(G[name])
    end
    env.os = { clock = os.clock, date = os.date, difftime = os.difftime, time = os.time }
    for _, name in ipairs(modules) do env[name] = G[name] end

    local load, loadfile, searchpath, select = G.load, G.loadfile, G.package.searchpath, G.select
    env.load = function(chunk, name, mode, ...)
      if mode ~= nil and mode ~= "t" then
        error("load: the sandbox loads text chunks only (mode 't')", 2)
      end
      if select("#", ...) > 0 then return load(chunk, name, "t", ...) end
      return load(chunk, name, "t", env)
    end
    local collect = G.collectgarbage
    env.collectgarbage = function(option, ...)
      option = option or "collect"
      if option ~= "collect" and option ~= "count" and option ~= "step" and option ~= "isrunning" then
        error("collectgarbage: option '" .. tostring(option) .. "' is not available in the sandbox", 2)
      end
      return collect(option, ...)
    end
    local loaded = {}
    for _, name in ipairs({ "coroutine", "math", "string", "table", "utf8", "os" }) do
      loaded[name] = env[name]
    end
    for _, name in ipairs(modules) do loaded[name] = env[name] end
    local path = G.package.path
    env.package = { path = path, loaded = loaded }
    env.require = function(name)
      if type(name) ~= "string" then error("require: module name must be a string", 2) end
      if loaded[name] ~= nil then return loaded[name] end
      local file, err = searchpath(name, env.package.path)
      if not file then
        error("module '" .. name .. "' not found (the sandbox loads Lua source modules only):" .. err, 2)
      end
      local chunk, loadError = loadfile(file, "t", env)
      if not chunk then error(loadError, 2) end
      local result = chunk(name, file)
      if result == nil then result = true end
      loaded[name] = result
      return result
    end
    env._G = env
    -- Scripts must not reach the shared string metatable (its __index is the host's table).
    getmetatable("").__metatable = false
    return env
    """#
}

extension LuaState {
  /// Replaces the global table with the sandbox environment; `modules` are the crescent
  /// globals it keeps (`data`, `ta`, …). Irreversible for this state.
  public func enterSandbox(keeping modules: [String]) throws(LuaError) {
    try load(source: LuaSandbox.prelude, name: "=sandbox")
    stack.push(array: modules)
    try call(arguments: 1, results: 1)
    lua_rawseti(L, crs_lua_registryindex(), lua_Integer(LUA_RIDX_GLOBALS))
  }
}
