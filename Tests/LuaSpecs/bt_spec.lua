-- bt.run and its Result: the vectorized and event forms, options, errors.
local spec = dofile("spec.lua")
local it, expect = spec.it, spec.expect

local bars = data.synthetic{bars = 3000, seed = 5, timeframe = "1h", vol = 0.01}
local sma_file = "../../strategies/sma_cross.lua"

local function sma_event(source, fast_n, slow_n)
  local fast, slow, up, down
  return {
    name = "sma_cross_event",
    params = {fast = fast_n, slow = slow_n},
    on_bar = function(ctx, bar, p)
      if bar.index == 1 then
        local close = source.close
        fast, slow = ta.sma(close, p.fast), ta.sma(close, p.slow)
        up, down = {}, {}
        for _, i in ipairs(ta.crossover(fast, slow):indices()) do up[i] = true end
        for _, i in ipairs(ta.crossunder(fast, slow):indices()) do down[i] = true end
      end
      if up[bar.index] then
        ctx:close()
        ctx:buy()
      elseif down[bar.index] then
        ctx:close()
        ctx:sell()
      end
    end,
    sizing = {mode = "equity", fraction = 0.9999, whole_units = true},
    cash = 1000000,
  }
end

it("runs a strategy file and returns stats, trades and equity", function()
  local r = bt.run(sma_file, bars)
  expect(r.name).to_be("sma_cross")
  expect(r.stats.bars).to_be(3000)
  expect(#r.trades).to_be(r.stats.trades)
  expect(#r.equity).to_be(3000)
  expect(r.equity[#r.equity]).to_be_near(r.stats.final_equity, 1e-6)
  local t = r.trades[1]
  expect(t.symbol).to_be("SYNTH")
  expect(t.exit_reason).to_be("signal")
  expect(math.type(t.entry_time)).to_be("integer")
  expect(t.exit_index - t.entry_index).to_be(t.bars_held)
  expect(r:summary():find("return_pct", 1, true) ~= nil).to_be(true)
  expect(tostring(r):find("sma_cross", 1, true) ~= nil).to_be(true)
end)

it("gives the event form the same trades as the vectorized form", function()
  local vec = bt.run(sma_file, bars)
  local ev = bt.run(sma_event(bars, 10, 20), bars)
  expect(#ev.trades).to_be(#vec.trades)
  for i, a in ipairs(vec.trades) do
    local b = ev.trades[i]
    expect(b.entry_time).to_be(a.entry_time)
    expect(b.exit_time).to_be(a.exit_time)
    expect(b.entry_price).to_be(a.entry_price)
    expect(b.exit_price).to_be(a.exit_price)
    expect(b.qty).to_be(a.qty)
    expect(b.side).to_be(a.side)
    expect(b.pnl).to_be(a.pnl)
  end
  expect(ev.stats.final_equity).to_be(vec.stats.final_equity)
end)

it("applies params, cash and a time range from opts", function()
  local r = bt.run(sma_file, bars, {params = {fast = 5, slow = 30}, cash = 2000000,
    from = "2024-01-10T00:00:00Z", to = data.time("2024-03-01T00:00:00Z")})
  expect(r.stats.start).to_be("2024-01-10T00:00:00Z")
  expect(r.stats["end"]).to_be("2024-02-29T23:00:00Z")
  local default = bt.run(sma_file, bars)
  expect(r.stats.trades ~= default.stats.trades).to_be(true)
  expect(r.equity[1]).to_be_near(2000000, 1e-6)
end)

it("runs a table strategy on a list of bars sharing one account", function()
  local other = data.synthetic{bars = 3000, seed = 6, timeframe = "1h", symbol = "OTHER"}
  local r = bt.run({
    signals = function(b, p) return {long_entry = b.close:gt(ta.sma(b.close, 50)), long_exit = b.close:lt(ta.sma(b.close, 50))} end,
    sizing = {mode = "equity", fraction = 0.5},
  }, {bars, other})
  local symbols = {}
  for _, t in ipairs(r.trades) do symbols[t.symbol] = true end
  expect(symbols.SYNTH and symbols.OTHER).to_be(true)
end)

it("saves the run folder", function()
  local r = bt.run(sma_file, bars)
  local dir = os.tmpname() .. "_run"
  r:save(dir)
  for _, name in ipairs{"stats.json", "trades.csv", "equity.csv", "report.txt"} do
    local f = assert(io.open(dir .. "/" .. name))
    local text = f:read("a")
    f:close()
    expect(#text > 0).to_be(true)
  end
  os.execute("rm -rf '" .. dir .. "'")
end)

it("names unknown keys with the nearest valid one", function()
  expect(function() bt.run({signals = function() end, sizng = {}}, bars) end)
    .to_fail_with("unknown key 'sizng' in the strategy table (did you mean 'sizing'?)")
  expect(function() bt.run({signals = function() end, exits = {stop_pt = 0.1}}, bars) end)
    .to_fail_with("unknown key 'stop_pt' in 'exits' (did you mean 'stop_pct'?)")
  expect(function() bt.run(sma_file, bars, {params = {fsat = 3}}) end)
    .to_fail_with("unknown parameter 'fsat' (did you mean 'fast'?)")
end)

it("names the field and the expectation for wrong values", function()
  expect(function() bt.run({signals = function() end, sizing = {mode = "risk", risk = 5}}, bars) end)
    .to_fail_with("'sizing.risk' must be a number in (0, 1], got 5.0")
  expect(function() bt.run({signals = function() end, exits = {stop_atr = 14}}, bars) end)
    .to_fail_with("'exits.stop_atr' must be a table, got 14")
  expect(function() bt.run({signals = function() end, fill = "open"}, bars) end)
    .to_fail_with("'fill' must be \"next_open\" or \"close\", got \"open\"")
  expect(function() bt.run({signals = function() return {long_entry = bars.close} end}, bars) end)
    .to_fail_with("'signals(bars, p).long_entry' must be a Mask")
  expect(function() bt.run({}, bars) end).to_fail_with("a strategy needs 'signals")
end)

it("prefixes errors from a strategy file with its path", function()
  local path = os.tmpname() .. ".lua"
  local f = assert(io.open(path, "w"))
  f:write('return {signals = function() end, sizing = {mode = "risk", risk = 5}}')
  f:close()
  expect(function() bt.run(path, bars) end).to_fail_with(path .. ": 'sizing.risk' must be")
  os.remove(path)
end)

it("passes intents through risk: approve, resize, reject, fail closed", function()
  local function strategy(risk)
    return {
      on_bar = function(ctx, bar) if bar.index % 50 == 1 and ctx.position == 0 then ctx:buy{qty = 10} end
        if bar.index % 50 == 25 then ctx:close() end end,
      risk = risk,
    }
  end
  local approved = bt.run(strategy(function(intent, account) return intent end), bars)
  expect(approved.trades[1].qty).to_be(10)
  local resized = bt.run(strategy(function(intent, account) intent.qty = 1; return intent end), bars)
  expect(resized.trades[1].qty).to_be(1)
  local rejected = bt.run(strategy(function(intent, account) return nil, "too big" end), bars)
  expect(#rejected.trades).to_be(0)
  expect(rejected.rejections[1].reason).to_be("risk: too big")
  local failed = bt.run(strategy(function() error("risk down") end), bars)
  expect(#failed.trades).to_be(0)
  expect(failed.rejections[1].reason:find("risk down", 1, true) ~= nil).to_be(true)
  local odd = bt.run(strategy(function() return 42 end), bars)
  expect(odd.rejections[1].reason:find("must be to return the intent table", 1, true) ~= nil).to_be(true)
end)

it("gives ctx fields during on_bar and refuses it afterwards", function()
  local saved
  local seen = {}
  bt.run({on_bar = function(ctx, bar)
    saved = ctx
    if bar.index == 2 then seen = {ctx.index, ctx.equity, ctx.cash, ctx.position, ctx.symbol, ctx.time == bar.time} end
  end}, bars)
  expect(seen[1]).to_be(2)
  expect(seen[2]).to_be(10000)
  expect(seen[5]).to_be("SYNTH")
  expect(seen[6]).to_be(true)
  expect(function() saved:buy() end).to_fail_with("ctx:buy called outside on_bar")
end)

it("stops a run on an error in on_bar with the strategy's line", function()
  expect(function() bt.run({on_bar = function(ctx, bar) if bar.index == 7 then error("boom at 7") end end}, bars) end)
    .to_fail_with("boom at 7")
end)

it("scans exits like a naive per-bar loop (long, next open, pessimistic)", function()
  local b = data.synthetic{bars = 2000, seed = 9, vol = 0.004}
  local entries = ta.crossover(b.close, ta.sma(b.close, 10))
  local stop_pct, target_pct, max_bars = 0.005, 0.01, 8
  local s = bt.scan(b, entries, {stop_pct = stop_pct, target_pct = target_pct, max_bars = max_bars})
  local o, h, l, c = b.open:values(), b.high:values(), b.low:values(), b.close:values()
  local n = #c
  local counted = {stop = 0, target = 0, max_bars = 0, ["end"] = 0}
  for k, e in ipairs(entries:indices()) do
    local fill = e + 1
    if fill <= n then
      local entry = o[fill]
      local stop, target = entry * (1 - stop_pct), entry * (1 + target_pct)
      local last = math.min(n, fill + max_bars)
      local exit_bar, price, reason = last, c[last], (last == fill + max_bars) and "max_bars" or "end"
      for j = fill, last do
        if o[j] <= stop then exit_bar, price, reason = j, o[j], "stop"; break end
        if o[j] >= target then exit_bar, price, reason = j, o[j], "target"; break end
        if l[j] <= stop then exit_bar, price, reason = j, stop, "stop"; break end
        if h[j] >= target then exit_bar, price, reason = j, target, "target"; break end
      end
      counted[reason] = counted[reason] + 1
      expect(s.exit_index[k]).to_be(exit_bar)
      expect(s.exit_price[k]).to_be_near(price, 1e-9)
      expect(s.returns[k]).to_be_near(price / entry - 1, 1e-12)
    else
      expect(s.exit_index[k] ~= s.exit_index[k]).to_be(true)
    end
  end
  for reason, count in pairs(counted) do expect(s.reasons[reason]).to_be(count) end
  expect(counted.stop > 0 and counted.target > 0 and counted.max_bars > 0).to_be(true)
  expect(function() bt.scan(b, entries, {stop = 0.1}) end).to_fail_with("unknown option 'stop'")
end)

it("scans every entry of masks of any length and density", function()
  for n = 1, 40 do
    for _, density in ipairs{0, 0.1, 0.5, 1} do
      local t = {}
      for i = 1, n do t[i] = ((i * 7919) % 100) / 100 < density and 1 or 0 end
      local m = data.series(t):gt(0)
      local s = bt.scan(data.synthetic{bars = n}, m, {fill = "close"})
      local idx = m:indices()
      expect(#s.entry_index).to_be(#idx)
      for k = 1, #idx do expect(s.entry_index[k]).to_be(idx[k]) end
    end
  end
end)

spec.finish()
