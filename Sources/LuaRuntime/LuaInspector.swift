/// Lua helpers behind the REPL: rendering values and completing names. They run through
/// `LuaState.call`, so metamethods they trigger (`__tostring`, `__index`) are protected.
enum LuaInspector {
  static let source = #"""
    local methods = ...
    local MAX_ITEMS, MAX_DEPTH, WIDTH = 40, 5, 78
    local keywords = {
      ["and"] = 1, ["break"] = 1, ["do"] = 1, ["else"] = 1, ["elseif"] = 1, ["end"] = 1,
      ["false"] = 1, ["for"] = 1, ["function"] = 1, ["goto"] = 1, ["if"] = 1, ["in"] = 1,
      ["local"] = 1, ["nil"] = 1, ["not"] = 1, ["or"] = 1, ["repeat"] = 1, ["return"] = 1,
      ["then"] = 1, ["true"] = 1, ["until"] = 1, ["while"] = 1,
    }

    local function quote(s)
      return '"' .. s:gsub('[%c"\\]', function(c)
        local named = { ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r", ['"'] = '\\"', ["\\"] = "\\\\" }
        return named[c] or string.format("\\%03d", c:byte())
      end) .. '"'
    end

    local function scalar(v)
      if type(v) == "string" then return quote(v) end
      return tostring(v)
    end

    local typeOrder = { number = 1, string = 2, boolean = 3 }
    local function keyLess(a, b)
      local ta, tb = typeOrder[type(a)] or 4, typeOrder[type(b)] or 4
      if ta ~= tb then return ta < tb end
      if ta <= 2 then return a < b end
      return tostring(a) < tostring(b)
    end

    local function keyText(k)
      if type(k) == "string" and k:match("^[%a_][%w_]*$") and not keywords[k] then return k end
      return "[" .. scalar(k) .. "]"
    end

    local render
    render = function(v, indent, path, depth)
      if type(v) ~= "table" then return scalar(v) end
      local mt = getmetatable(v)
      if type(mt) == "table" and rawget(mt, "__tostring") then return tostring(v) end
      if path[v] then return "<cycle>" end
      if depth >= MAX_DEPTH then return "{...}" end
      path[v] = true
      local n = rawlen(v)
      local keys = {}
      for k in next, v do
        if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
      end
      table.sort(keys, keyLess)
      local items, total = {}, n + #keys
      local inner = indent .. "  "
      for i = 1, n do
        if #items >= MAX_ITEMS then break end
        items[#items + 1] = render(rawget(v, i), inner, path, depth + 1)
      end
      for _, k in ipairs(keys) do
        if #items >= MAX_ITEMS then break end
        items[#items + 1] = keyText(k) .. " = " .. render(rawget(v, k), inner, path, depth + 1)
      end
      path[v] = nil
      if total > #items then items[#items + 1] = "... (" .. (total - #items) .. " more)" end
      if #items == 0 then return "{}" end
      local line = "{ " .. table.concat(items, ", ") .. " }"
      if #line + #indent <= WIDTH and not line:find("\n") then return line end
      return "{\n" .. inner .. table.concat(items, ",\n" .. inner) .. "\n" .. indent .. "}"
    end

    local function complete(word, globals)
      local path, sep, prefix = word:match("^([%a_][%w_%.]*)([%.:])([%a_]*[%w_]*)$")
      local target = globals
      if path then
        for part in path:gmatch("[^%.]+") do
          local kind = type(target)
          if kind ~= "table" and kind ~= "userdata" then return {} end
          target = target[part]
        end
      else
        prefix, path, sep = word, "", ""
        if not word:match("^[%a_]*[%w_]*$") then return {} end
      end
      local names, seen = {}, {}
      local function add(k)
        if type(k) == "string" and k:sub(1, #prefix) == prefix and not seen[k] and k:match("^[%a_][%w_]*$") then
          seen[k] = true
          names[#names + 1] = k
        end
      end
      if type(target) == "table" then
        for k in next, target do add(k) end
        local mt = getmetatable(target)
        if type(mt) == "table" and type(rawget(mt, "__index")) == "table" then
          for k in next, rawget(mt, "__index") do add(k) end
        end
      elseif type(target) == "userdata" then
        for _, k in ipairs(methods(target)) do add(k) end
      elseif type(target) == "string" then
        for k in next, string do add(k) end
      end
      if path == "" then for k in next, keywords do add(k) end end
      table.sort(names)
      for i, k in ipairs(names) do names[i] = path .. sep .. k end
      return names
    end

    return {
      render = function(v) return render(v, "", {}, 0) end,
      complete = complete,
    }
    """#
}
