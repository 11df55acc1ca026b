-- Times crescent's backtest paths on synthetic bars held in memory; prints one line per
-- case: "<case> <median seconds> <detail>". Used by `scripts/bench backtest`.
--   crescent run scripts/bench_lua/backtest.lua BARS_CSV [RUNS]
-- BARS_CSV is written here when missing (1M one-minute bars, seed 1) so that the Python
-- peers time the same bars.
local path, runs = arg[1], tonumber(arg[2] or "5")
local bars
local f = io.open(path, "r")
if f then
  f:close()
  bars = data.load(path)
else
  bars = data.synthetic{bars = 1000000, seed = 1, timeframe = "1m", vol = 0.002}
  data.save(bars, path)
end
local n = #bars

-- Median seconds of `runs` calls of `body`; `describe` turns the last result into the
-- detail text outside the timed region.
local function median(body, describe)
  local times, result = {}, nil
  for r = 1, runs do
    result = nil
    collectgarbage()
    local t0 = crescent.clock()
    result = body()
    times[r] = crescent.clock() - t0
  end
  table.sort(times)
  return times[(#times + 1) // 2], describe(result)
end

-- Exit scan: 50,000 entries (every 20th bar), stop -0.5%, target +1%, at most 100 bars.
local flags = {}
for i = 1, n do flags[i] = (i - 1) % 20 == 0 and 1 or 0 end
local entries = data.series(flags):gt(0)
flags = nil
local scan_time, scan_detail = median(function()
  return bt.scan(bars, entries, {stop_pct = 0.005, target_pct = 0.01, max_bars = 100})
end, function(s)
  return string.format("entries=%d stop=%d target=%d max_bars=%d end=%d mean_return=%.10f",
    entries:count(), s.reasons.stop, s.reasons.target, s.reasons.max_bars, s.reasons["end"], s.returns:mean())
end)
print("scan", scan_time, scan_detail)

-- SmaCross(10, 20) end to end: indicators, signals, simulation, stats.
local sma_cross = {
  params = {fast = 10, slow = 20},
  signals = function(b, p)
    local fast, slow = ta.sma(b.close, p.fast), ta.sma(b.close, p.slow)
    local up, down = ta.crossover(fast, slow), ta.crossunder(fast, slow)
    return {long_entry = up, long_exit = down, short_entry = down, short_exit = up}
  end,
  sizing = {mode = "equity", fraction = 0.9999, whole_units = true},
  cash = 1000000,
}
local function describe_run(r)
  return string.format("trades=%d final_equity=%.2f", r.stats.trades, r.stats.final_equity)
end
local vec_time, vec_detail = median(function() return bt.run(sma_cross, bars) end, describe_run)
print("smacross", vec_time, vec_detail)

-- The same strategy in the event form: on_bar in Lua on every bar (indicators computed
-- once, as backtesting.py's init does; the crossover test runs per bar in Lua).
local fast, slow
local sma_event = {
  params = {fast = 10, slow = 20},
  on_bar = function(ctx, bar, p)
    local i = bar.index
    if i == 1 then
      fast = ta.sma(bars.close, p.fast):values()
      slow = ta.sma(bars.close, p.slow):values()
      return
    end
    local f0, s0, f1, s1 = fast[i - 1], slow[i - 1], fast[i], slow[i]
    if f0 <= s0 and f1 > s1 then
      ctx:close()
      ctx:buy()
    elseif f0 >= s0 and f1 < s1 then
      ctx:close()
      ctx:sell()
    end
  end,
  sizing = {mode = "equity", fraction = 0.9999, whole_units = true},
  cash = 1000000,
}
local ev_time, ev_detail = median(function() return bt.run(sma_event, bars) end, describe_run)
print("event", ev_time, ev_detail)
