-- The strategy's risk function in the vectorized form, and the same function in both forms.
local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect

local bars = data.synthetic{bars = 3000, seed = 5, timeframe = "1h", vol = 0.01}

-- SmaCross long/short as signals, with `risk` and extra keys.
local function vectorized(risk, extra)
  local s = {
    risk = risk,
    signals = function(b, p)
      local fast, slow = ta.sma(b.close, 10), ta.sma(b.close, 20)
      local up, down = ta.crossover(fast, slow), ta.crossunder(fast, slow)
      return {long_entry = up, long_exit = down, short_entry = down, short_exit = up}
    end,
    exits = {stop_pct = 0.02},
  }
  for k, v in pairs(extra or {}) do s[k] = v end
  return s
end

-- The same logic as on_bar.
local function event(risk, extra)
  local up, down
  local s = {
    risk = risk,
    on_bar = function(ctx, bar)
      if bar.index == 1 then
        local fast, slow = ta.sma(bars.close, 10), ta.sma(bars.close, 20)
        up, down = {}, {}
        for _, i in ipairs(ta.crossover(fast, slow):indices()) do up[i] = true end
        for _, i in ipairs(ta.crossunder(fast, slow):indices()) do down[i] = true end
      end
      if up[bar.index] then ctx:close(); ctx:buy() elseif down[bar.index] then ctx:close(); ctx:sell() end
    end,
    exits = {stop_pct = 0.02},
  }
  for k, v in pairs(extra or {}) do s[k] = v end
  return s
end

local function same_trades(a, b)
  expect(#a.trades).to_be(#b.trades)
  for i, t in ipairs(a.trades) do
    local u = b.trades[i]
    expect(u.entry_time).to_be(t.entry_time)
    expect(u.exit_time).to_be(t.exit_time)
    expect(u.entry_price).to_be(t.entry_price)
    expect(u.exit_price).to_be(t.exit_price)
    expect(u.qty).to_be(t.qty)
    expect(u.exit_reason).to_be(t.exit_reason)
  end
end

local function same_rejections(a, b)
  expect(#a.rejections).to_be(#b.rejections)
  for i, r in ipairs(a.rejections) do
    local q = b.rejections[i]
    expect(q.index).to_be(r.index)
    expect(q.side).to_be(r.side)
    expect(q.qty).to_be(r.qty)
    expect(q.reason).to_be(r.reason)
  end
end

it("approves: returning the intent or true changes nothing", function()
  local plain = bt.run(vectorized(nil), bars)
  expect(#plain.trades > 100).to_be(true)
  same_trades(bt.run(vectorized(function(intent) return intent end), bars), plain)
  same_trades(bt.run(vectorized(function() return true end), bars), plain)
end)

it("shows the sized entry at its fill", function()
  local seen = {}
  local r = bt.run(vectorized(function(intent, account)
    seen[#seen + 1] = {side = intent.side, qty = intent.qty, price = intent.price, stop = intent.stop,
      index = account.index, position = account.position, symbol = intent.symbol}
    return intent
  end, {sizing = {mode = "units", units = 3}}), bars)
  expect(#seen).to_be(#r.trades)
  for i, t in ipairs(r.trades) do
    expect(seen[i].side).to_be(t.side == "long" and "buy" or "sell")
    expect(seen[i].qty).to_be(3)
    expect(seen[i].price).to_be(t.entry_price)
    expect(seen[i].index).to_be(t.entry_index)
    expect(seen[i].position).to_be(0)
    expect(seen[i].symbol).to_be("SYNTH")
    expect(seen[i].stop).to_be_near(t.entry_price * (t.side == "long" and 0.98 or 1.02), 1e-9)
  end
end)

it("resizes: a smaller qty is what opens", function()
  local r = bt.run(vectorized(function(intent) intent.qty = intent.qty // 4; return intent end,
    {sizing = {mode = "units", units = 10}}), bars)
  expect(#r.trades > 100).to_be(true)
  for _, t in ipairs(r.trades) do expect(t.qty).to_be(2.0) end
end)

it("rejects with the reason, listed among the rejections", function()
  local r = bt.run(vectorized(function(intent)
    if intent.side == "sell" then return nil, "long only" end
    return intent
  end), bars)
  expect(#r.trades > 50).to_be(true)
  for _, t in ipairs(r.trades) do expect(t.side).to_be("long") end
  expect(#r.rejections > 50).to_be(true)
  for _, j in ipairs(r.rejections) do
    expect(j.reason).to_be("risk: long only")
    expect(j.side).to_be("short")
  end
end)

it("fails closed: an error rejects that entry and the run goes on", function()
  local r = bt.run(vectorized(function(intent, account)
    if account.index % 2 == 0 then error("even bar") end
    return intent
  end), bars)
  expect(#r.trades > 30).to_be(true)
  for _, t in ipairs(r.trades) do expect(t.entry_index % 2).to_be(1) end
  for _, j in ipairs(r.rejections) do
    expect(j.reason:find("^risk function failed: ") ~= nil).to_be(true)
    expect(j.reason:find("even bar", 1, true) ~= nil).to_be(true)
  end
end)

it("gives the event form and the vectorized form the same trades and rejections", function()
  local risk = function(intent, account)
    if account.index % 7 == 0 then return nil, "seventh bar" end
    if account.index % 11 == 0 then error("eleventh bar") end
    intent.qty = math.floor(account.equity * 0.5 / intent.price)
    return intent
  end
  for _, extra in ipairs{{}, {fill = "close"}, {sizing = {mode = "risk", risk = 0.02, whole_units = true}}} do
    local a, b = bt.run(vectorized(risk, extra), bars), bt.run(event(risk, extra), bars)
    expect(#a.trades > 50).to_be(true)
    expect(#a.rejections > 10).to_be(true)
    same_trades(a, b)
    same_rejections(a, b)
    expect(a.stats.final_equity).to_be(b.stats.final_equity)
  end
end)

it("passes crescent check in both forms", function()
  local crescent = arg and arg[-1]
  if not (crescent and crescent:find("/", 1, true)) then return end
  local files = {
    vectorized = [[return {risk = function(i) return i end, signals = function(b)
      return {long_entry = ta.crossover(b.close, ta.sma(b.close, 10))} end, exits = {stop_pct = 0.02}}]],
    event = [[return {risk = function(i) return i end, on_bar = function(ctx, bar)
      if bar.index % 20 == 1 then ctx:buy() elseif bar.index % 20 == 10 then ctx:close() end end}]],
  }
  for form, source in pairs(files) do
    local path = os.tmpname() .. ".lua"
    local f = assert(io.open(path, "w"))
    f:write(source)
    f:close()
    local p = assert(io.popen(string.format("%q check %q 2>&1", crescent, path)))
    local out = p:read("a")
    local ok = p:close()
    os.remove(path)
    expect(ok).to_be(true)
    expect(out:find("with risk review", 1, true) ~= nil).to_be(true)
    expect(out:find(form == "vectorized" and "vectorized (signals)" or "event form (on_bar)", 1, true) ~= nil).to_be(true)
  end
end)

spec.finish()
